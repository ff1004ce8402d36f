"""Error types with machine-readable reasons, the exit codes, and how a problem is shown in one line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

MAX_QUOTED = 200  # characters of a bad value an error message repeats
MAX_MESSAGE = 400  # characters of any error message (a safety net for text from libraries)
MAX_NAME = 600  # characters of an input's name on an error line (the start and the end are kept)

# SQLite primary result codes that mean "the storage refused" rather than "this file holds the wrong thing":
# SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
_SQLITE_STORAGE_CODES = frozenset({3, 8, 10, 13, 14})
_SQLITE_STORAGE_TEXT = ("disk is full", "readonly database", "unable to open", "disk I/O error")


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
        message = _one_line(clip(safe_text(message or reason), MAX_MESSAGE))
        super().__init__(message)
        self.reason = reason
        self.message = message


class InputError(NewscliError):
    """One input cannot be processed; the others go on."""


class UsageError(NewscliError):
    """The command line or configuration is wrong (exit 2)."""


class OutputError(NewscliError):
    """The output could not be written (disk full, permissions); nothing half-written is left (exit 1)."""


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C so temporary files are removed, then exit 143.

    A BaseException, like KeyboardInterrupt, so no `except Exception` safety net can swallow it.
    """


@dataclass(frozen=True)
class Failure:
    """A source (or one line of it) that failed, travelling in the stream beside articles.

    Both fields are valid Unicode and the message is bounded, so the stderr line, the --errors report and
    the state database can always hold them.
    """

    source: str
    reason: str
    message: str

    def __post_init__(self) -> None:
        """Make the name encodable and the message short, whatever the caller passed."""
        object.__setattr__(self, "source", safe_text(self.source))
        object.__setattr__(self, "message", clip(safe_text(self.message), MAX_MESSAGE))

    def line(self) -> str:
        """The one stderr line a user sees."""
        return f"newscli: {_one_line(clip(self.source, MAX_NAME))}: {_one_line(self.message)} [{self.reason}]"


def _one_line(text: str) -> str:
    """Control characters escaped, so a file name with a newline still gives one error line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def safe_text(text: str) -> str:
    """Text that always encodes as UTF-8: the undecodable bytes of a file name (which Python carries as
    surrogate escapes) shown as `\\xff`, any other lone surrogate as `\\ud800`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_safe_char(ch) for ch in text)
    return text


def _safe_char(ch: str) -> str:
    """One character made encodable."""
    if "\udc80" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    if "\ud800" <= ch <= "\udfff":
        return f"\\u{ord(ch):04x}"
    return ch


def clip(text: str, limit: int = MAX_QUOTED) -> str:
    """At most about `limit` characters: the start and the end, with how much was cut in between."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 6
    return f"{text[:head]}…[{len(text) - head - tail:,} characters]…{text[len(text) - tail :]}"


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """A bad value as an error message repeats it: its repr, at most about `limit` characters (a long
    string shows its start and end and how much lies between; a 10 MB value is never copied whole)."""
    if isinstance(value, str) and len(value) > limit:
        head, tail = limit * 2 // 3, limit // 6
        return f"{value[:head]!r}…[{len(value) - head - tail:,} characters]…{value[len(value) - tail :]!r}"
    import reprlib

    shown = reprlib.Repr()
    shown.maxstring = shown.maxother = limit
    shown.maxlevel, shown.maxlist, shown.maxdict = 3, 10, 10
    return clip(shown.repr(value), limit)


def is_storage_error(exc: BaseException) -> bool:
    """Whether an error says the storage refused a write (full, read-only, no permission, cannot create),
    as opposed to a file that holds the wrong thing. OS errors always are; SQLite's by their result code."""
    if isinstance(exc, OSError):
        return True
    if isinstance(exc, NewscliError) or type(exc).__module__ != "sqlite3":
        return False  # already said, or not SQLite's
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if isinstance(code, int):
        return code & 0xFF in _SQLITE_STORAGE_CODES
    text = str(exc)
    return any(fragment in text for fragment in _SQLITE_STORAGE_TEXT)


def cannot_write(path: Path | str, exc: BaseException) -> OutputError:
    """The one error for every file newscli cannot write (outputs, the state and its lock, --errors)."""
    why = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return OutputError("output", f"{safe_text(str(path))}: cannot write ({why})")
