"""Progress on stderr: one Rich bar per pipeline on a terminal (count, rate, ETA, failures), else nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from newscli.env import Environment

if TYPE_CHECKING:
    from rich.progress import Progress


class Reporter(Protocol):
    """What the runner tells about progress."""

    def grow(self, count: int) -> None:
        """More inputs became known (a WARC's records)."""
        ...

    def advance(self, failed: bool) -> None:
        """One input is done."""
        ...

    def line(self, text: str) -> None:
        """An error line that must not tear the bar."""
        ...

    def note(self, text: str) -> None:
        """A short status beside the bar (fetching: fetched/queued per host)."""
        ...

    def close(self) -> None:
        """Remove the bar."""
        ...


class LineReporter:
    """No bar: error lines go straight to stderr."""

    def __init__(self, env: Environment) -> None:
        """Remember where lines go."""
        self.env = env

    def grow(self, count: int) -> None:
        """Nothing to show."""

    def advance(self, failed: bool) -> None:
        """Nothing to show."""

    def line(self, text: str) -> None:
        """Straight to stderr."""
        self.env.error(text)

    def note(self, text: str) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to remove."""


class BarReporter:
    """A transient Rich bar: done/total, pages/s, ETA and the failure count."""

    def __init__(self, env: Environment, total: int | None, label: str = "newscli run") -> None:
        """Start the bar on the environment's stderr console."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress: Progress = Progress(
            TextColumn(label.replace("[", "\\[")),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("{task.fields[note]}"),
            console=env.console(),
            transient=True,
        )
        self.task = self.progress.add_task("run", total=total, failed=0, rate="", note="")
        self.failed = 0
        self.progress.start()

    def grow(self, count: int) -> None:
        """Raise the total."""
        total = self.progress.tasks[0].total
        if total is not None:
            self.progress.update(self.task, total=total + count)

    def advance(self, failed: bool) -> None:
        """One more done (and maybe failed)."""
        self.failed += failed
        self.progress.update(self.task, advance=1, failed=self.failed)
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, rate=f"{speed:.1f} pages/s" if speed else "")

    def note(self, text: str) -> None:
        """Shown after the failure count."""
        self.progress.update(self.task, note=text)

    def line(self, text: str) -> None:
        """Printed above the bar."""
        self.progress.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        """Stop and clear the bar."""
        self.progress.stop()


def shows_bar(env: Environment) -> bool:
    """One bar per pipeline, and only where a person watches it.

    stderr must be a terminal and -q not given; and stdout must not be a pipe: in
    `extract | clean | summarize | export` every stage shares the terminal's stderr, so only the last
    one (writing to a file or the terminal) draws, and `newscli extract samples/ | less` never draws
    into the pager's screen.
    """
    return env.stderr_isatty and not env.quiet and not env.stdout_ispipe


def reporter(env: Environment, total: int | None, label: str = "newscli run") -> Reporter:
    """A bar when shows_bar says so, plain error lines otherwise."""
    if shows_bar(env):
        return BarReporter(env, total, label)
    return LineReporter(env)
