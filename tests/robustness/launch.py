"""A tiny parent for newscli that reports the child's own peak memory.

Linux carries a process's peak-RSS mark through fork and exec, so a child started straight from the
test process (pytest, hundreds of MB after building a hostile input) would report the test's memory.
This launcher is small: it forks newscli, forwards SIGTERM, waits with os.wait4, writes the child's
peak RSS (KB) to the file named first, and ends the way the child ended.

    python tests/robustness/launch.py RUSAGE_FILE MODULE ARGS...

MODULE is `newscli`, or `tests.faults` for a run with injected faults (see tests/faults.py).
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    """Fork and exec `python -m MODULE ARGS`, wait, record its peak RSS, mirror its exit."""
    rusage_file, module, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    pid = os.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", module, *args])
    signal.signal(signal.SIGTERM, lambda signum, frame: os.kill(pid, signum))
    signal.signal(signal.SIGINT, lambda signum, frame: None)  # Ctrl-C reaches the whole group already
    _, status, rusage = os.wait4(pid, 0)
    with open(rusage_file, "w", encoding="ascii") as out:
        out.write(str(rusage.ru_maxrss))
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
