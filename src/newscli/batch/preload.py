"""Imported once by the forkserver, so every worker process starts with the whole page stack loaded."""

from __future__ import annotations

import contextlib
import gc
import importlib

from newscli.batch import worker  # noqa: F401  (the worker code itself)

# Everything a page goes through; what a stage imports lazily would otherwise be imported again by
# every new (or recycled) worker.
MODULES = (
    "trafilatura",
    "bs4",
    "snowballstemmer",
    "newscli.decode",
    "newscli.lang.detect",
    "newscli.parsers.html",
    "newscli.parsers.html_meta",
    "newscli.parsers.html_tree",
    "newscli.bylines",
    "newscli.clean",
    "newscli.summarize",
)

for _name in MODULES:
    with contextlib.suppress(ImportError):  # a stage still missing must not stop the pool from starting
        importlib.import_module(_name)

with contextlib.suppress(Exception):  # charset detection imports every codec it may try: do it once here
    importlib.import_module("newscli.decode").detect("déjà vu".encode("cp1252"))

# Workers are forked from here: frozen, the loaded modules' objects are never walked by a worker's
# garbage collector, so their memory pages stay shared with this process instead of being copied.
gc.freeze()
