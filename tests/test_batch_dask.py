"""The Dask engine gives the same bytes as the local engine (LocalCluster of 2 worker processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscli.batch import BatchOptions, run_batch
from newscli.errors import ExitCode
from newscli.runner import Request
from tests.conftest import FakeEnv
from tests.test_batch import make_inputs

pytest.importorskip("distributed")


def test_dask_local_cluster_output_is_byte_identical_to_local_engine(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 6)
    (tmp_path / "in" / "empty.txt").write_bytes(b"\n")
    request = Request(command="run", inputs=(str(tmp_path / "in"),))
    local, dask = FakeEnv.make(), FakeEnv.make()
    local_code = run_batch(request, BatchOptions(jobs=2), local)
    dask_code = run_batch(request, BatchOptions(jobs=2, engine="dask"), dask)
    assert (local_code, dask_code) == (ExitCode.PARTIAL, ExitCode.PARTIAL)
    assert dask.out == local.out
    assert len(dask.out.splitlines()) == 6
    assert f"newscli: {tmp_path / 'in' / 'empty.txt'}: empty input [empty]" in dask.err
