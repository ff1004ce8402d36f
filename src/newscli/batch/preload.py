"""Imported once by the forkserver, so every worker process starts with the extraction stack loaded."""

from __future__ import annotations

import contextlib
import importlib

from newscli.batch import worker  # noqa: F401  (the worker code itself)

for _name in ("trafilatura", "bs4", "newscli.parsers.html", "newscli.clean", "newscli.summarize"):
    with contextlib.suppress(ImportError):  # a stage still missing must not stop the pool from starting
        importlib.import_module(_name)
