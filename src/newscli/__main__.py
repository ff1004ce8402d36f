"""Entry point for `python -m newscli`."""

from newscli.cli import main

if __name__ == "__main__":
    main()
