"""What the crawler hands on besides pages and failures, and what it asks of a run's memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Skipped:
    """An input left out on purpose: already done (`unchanged`), a `duplicate`, or disallowed by `robots`."""

    source: str
    reason: str
    message: str
    key: str

    def line(self) -> str:
        """The stderr line for -v."""
        return f"newscli: {self.source}: {self.message} [{self.reason}]"


@dataclass(frozen=True)
class Listed:
    """A feed or sitemap that was read: its validators (for a conditional request next time) and its URLs."""

    url: str
    key: str
    etag: str | None
    last_modified: str | None
    urls: tuple[str, ...]


class Memory(Protocol):
    """What earlier runs left (with --state): article URLs already done, feeds' validators and URL lists."""

    def settled(self, key: str) -> bool:
        """True when the page with this URL key was processed with the same options: not fetched again."""
        ...

    def listing(self, key: str) -> Listed | None:
        """The feed or sitemap as last read, to ask for it conditionally."""
        ...


class NoMemory:
    """A run without --state: nothing is known in advance."""

    def settled(self, key: str) -> bool:
        """Nothing is settled."""
        return False

    def listing(self, key: str) -> Listed | None:
        """No feed was read before."""
        return None
