"""Entry point for `newscli` and `python -m newscli`; the collector is paused before anything is imported."""

from __future__ import annotations


def main() -> None:
    """Pause the garbage collector for start-up (see collector.py), then run the command line."""
    from newscli import collector

    collector.pause()
    from newscli.cli import main as run

    run()


if __name__ == "__main__":
    main()
