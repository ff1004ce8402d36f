"""Tests only: kill this process (like kill -9) at a named point, to prove crash safety.

NEWSCLI_TEST_CRASH="point:n" kills the process the n-th time it reaches `point`.
"""

from __future__ import annotations

import os
import signal

_counts: dict[str, int] = {}


def crash_point(point: str) -> None:
    """SIGKILL ourselves at the configured point and occurrence; nothing otherwise."""
    spec = os.environ.get("NEWSCLI_TEST_CRASH")
    if not spec:
        return
    name, _, nth = spec.partition(":")
    if name != point:
        return
    _counts[point] = _counts.get(point, 0) + 1
    if _counts[point] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
