"""The process environment as one object (streams, TTY flags, variables), so tests can fake it."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class Environment:
    """Where data comes from and goes to, and whether a person is watching."""

    stdin: BinaryIO
    stdout: BinaryIO
    stderr: IO[str]
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    stdout_ispipe: bool = False  # a pipe or socket: another program (or a pager) reads what we write
    environ: Mapping[str, str] = field(default_factory=dict)
    quiet: bool = False
    verbose: bool = False
    _stdout_text: IO[str] | None = field(default=None, repr=False)

    @classmethod
    def from_process(cls) -> Environment:
        """The real environment of this process."""
        return cls(
            stdin=sys.stdin.buffer if sys.stdin else open(os.devnull, "rb"),
            stdout=sys.stdout.buffer,
            stderr=sys.stderr,
            stdin_isatty=bool(sys.stdin) and sys.stdin.isatty(),
            stdout_isatty=sys.stdout.isatty(),
            stderr_isatty=sys.stderr.isatty(),
            stdout_ispipe=_is_pipe(sys.stdout),
            environ=dict(os.environ),
        )

    @property
    def color(self) -> bool | None:
        """NO_COLOR wins, then FORCE_COLOR; None means "ask the terminal"."""
        if self.environ.get("NO_COLOR", "") != "":
            return False
        if self.environ.get("FORCE_COLOR", "") != "":
            return True
        return None

    def console(self, *, stdout: bool = False) -> Console:
        """A Rich console on stderr (or stdout for the terminal view) honouring NO_COLOR and FORCE_COLOR."""
        import io

        from rich.console import Console

        color = self.color
        if stdout:
            if self._stdout_text is None:  # kept on the object: a collected wrapper would close stdout
                self._stdout_text = io.TextIOWrapper(self.stdout, encoding="utf-8", write_through=True)
            stream: IO[str] = self._stdout_text
            isatty = self.stdout_isatty
        else:
            stream, isatty = self.stderr, self.stderr_isatty
        width = self.environ.get("COLUMNS")
        return Console(
            file=stream,
            force_terminal=True if color else isatty,
            no_color=color is False,
            color_system=None if color is False else "auto",
            width=int(width) if width and width.isdigit() else None,
            highlight=False,
            soft_wrap=False,
        )

    def error(self, line: str) -> None:
        """One line on stderr, always shown (even with -q)."""
        self.stderr.write(line + "\n")
        self.stderr.flush()

    def info(self, line: str) -> None:
        """A line on stderr unless -q."""
        if not self.quiet:
            self.error(line)

    def debug(self, line: str) -> None:
        """A line on stderr only with -v."""
        if self.verbose and not self.quiet:
            self.error(line)


def _is_pipe(stream: IO[str]) -> bool:
    """Whether a stream is a pipe or a socket (`| less`, `| newscli clean`), not a terminal or a file."""
    import stat

    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # closed, or not backed by a file descriptor
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
