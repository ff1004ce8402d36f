"""A temporary file of records read back by index: a 10,000-article digest keeps offsets, not texts."""

from __future__ import annotations

import pickle
import tempfile
from array import array
from typing import Any


class Spill:
    """Append objects to an anonymous temporary file (gone when closed); read any one back by index."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the Spill; close() ends it)
        self._offsets = array("q", [0])

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def add(self, value: Any) -> int:
        """Store one object; return its index."""
        self._file.seek(0, 2)
        self._file.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self._offsets.append(self._file.tell())
        return len(self) - 1

    def get(self, index: int) -> Any:
        """The object stored at `index` (a private file this process wrote: safe to unpickle)."""
        start, end = self._offsets[index], self._offsets[index + 1]
        self._file.seek(start)
        return pickle.loads(self._file.read(end - start))

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()
