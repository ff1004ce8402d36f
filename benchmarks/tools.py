"""What several benchmarks share: the installed console scripts, bytecode, and the shared scorers."""

from __future__ import annotations

import importlib.util
import shutil
import sysconfig
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def script(name: str) -> str | None:
    """The console script pip installed beside this interpreter, else the one on PATH, else None.

    Version managers such as pyenv put a shell "shim" first on PATH that starts another program before
    Python; timing through it adds the same tens of milliseconds to both tools and hides the real ratio.
    """
    beside = Path(sysconfig.get_path("scripts")) / name
    return str(beside) if beside.is_file() else shutil.which(name)


def required_script(name: str) -> str:
    """`script`, or exit with a message naming what is missing."""
    found = script(name)
    if found is None:
        raise SystemExit(f"{name} is not installed beside this Python")
    return found


def compile_bytecode() -> None:
    """Compile newscli's modules as `pip install` does for any package (trafilatura's already are).

    An editable install run with PYTHONDONTWRITEBYTECODE set would otherwise recompile every newscli
    module from source in each process timed while trafilatura loads ready bytecode: not the same race.
    """
    import compileall

    import newscli

    compileall.compile_dir(Path(newscli.__file__).parent, quiet=1)


def load_shared(name: str) -> ModuleType:
    """Import one of the shared yardsticks (`eval/<name>.py`) without installing it."""
    spec = importlib.util.spec_from_file_location(name, SHARED / "eval" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
