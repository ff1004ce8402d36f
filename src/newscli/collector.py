"""Start-up without the cyclic garbage collector, whose walks of the import graph cost ~5 % of a one-page run.

Importing the page stack (trafilatura, lxml, the parsers) builds ~100,000 long-lived objects. With the
collector on, it walks the growing heap again and again while they are made, although none of them is
garbage (~5 ms); turned back on afterwards, its next collection walks them all once more (~10 ms). So
the command-line entry point pauses the collector and the runner resumes it after the first input,
when every module the command imports lazily is loaded: what exists then is frozen (kept out of the
collector's walks), and unfrozen when the second input is done, so that a long run still frees the
first input's few cycles (~200 objects) and nothing stays frozen for good. A one-page run never walks
the heap at all. Library callers never pause the collector, and then nothing here does anything.
"""

from __future__ import annotations

import gc

_state = "running"  # "paused" → "frozen" (first input done) → "running" (second input done)


def pause() -> None:
    """Stop automatic collection until `resume` (a no-op when someone else already turned it off)."""
    global _state
    if _state == "running" and gc.isenabled():
        gc.disable()
        _state = "paused"


def resume() -> None:
    """After an input: the first call freezes the start-up heap and collects again; the second unfreezes."""
    global _state
    if _state == "paused":
        gc.freeze()
        gc.enable()
        _state = "frozen"
    elif _state == "frozen":
        gc.unfreeze()
        _state = "running"


def state() -> str:
    """The phase: paused, frozen or running."""
    return _state
