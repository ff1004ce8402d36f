"""Turn command-line arguments into a stream of sources (bytes, a name and hints)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Source:
    """Raw input before parsing; `name` is what errors and the record's `source` show."""

    name: str
    data: bytes
    path: Path | None = None
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
