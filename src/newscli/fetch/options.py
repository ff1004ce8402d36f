"""How URLs are fetched: the options every part of the network package reads."""

from __future__ import annotations

from dataclasses import dataclass

from newscli.version import __version__

USER_AGENT = f"newscli/{__version__} (news article extractor; robots.txt obeyed)"


@dataclass(frozen=True)
class FetchOptions:
    """How URLs are fetched; each field maps to one command-line option."""

    timeout: float = 20.0  # --fetch-timeout: budget for one URL (connect, headers, body, retries)
    max_bytes: int = 20_000_000  # --max-bytes
    concurrency: int = 8  # --concurrency: requests at once, across hosts (one at a time per host)
    delay: float = 1.0  # --delay: seconds between the starts of two requests to one host
    user_agent: str = USER_AGENT  # --user-agent
    allow_private: bool = False  # --allow-private: also fetch loopback, private and link-local addresses
    discover: bool = False  # --discover: an HTML page given as input is replaced by the feeds it links to
    retries: int = 2  # more attempts after a 429, a 5xx or a dropped connection, within the budget
    backoff: float = 0.5  # first retry waits this long (or --delay, whichever is longer), then twice as long
    max_wait: float = 60.0  # the longest Retry-After honoured; a longer one fails the URL
