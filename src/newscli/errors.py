"""Error types with machine-readable reasons, and the process exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """What the exit status tells a script or cron job."""

    OK = 0
    NOTHING_PROCESSED = 1
    USAGE = 2
    PARTIAL = 3
    LOCKED = 75
    INTERRUPTED = 130
    TERMINATED = 143


class NewscliError(Exception):
    """An expected problem: shown as one line, never as a traceback."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.reason = reason
        self.message = message or reason


class InputError(NewscliError):
    """One input cannot be processed; the others go on."""


class UsageError(NewscliError):
    """The command line or configuration is wrong (exit 2)."""


class OutputError(NewscliError):
    """The output could not be written (disk full, permissions); nothing half-written is left (exit 1)."""


class Terminated(Exception):
    """SIGTERM arrived: unwind like Ctrl-C so temporary files are removed, then exit 143."""


@dataclass(frozen=True)
class Failure:
    """A source (or one line of it) that failed, travelling in the stream beside articles."""

    source: str
    reason: str
    message: str

    def line(self) -> str:
        """The one stderr line a user sees."""
        return f"newscli: {_one_line(self.source)}: {_one_line(self.message)} [{self.reason}]"


def _one_line(text: str) -> str:
    """Control characters escaped, so a file name with a newline still gives one error line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
