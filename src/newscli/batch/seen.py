"""What --state remembers for following sources: feeds' validators and URL lists, the article URLs already
done, and every stored article's keys and text hash (so a duplicate is recognised in a later run)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newscli.fetch.items import Listed

if TYPE_CHECKING:
    from newscli.batch.plan import Policy
    from newscli.batch.state import State
    from newscli.fetch.duplicates import Duplicates, Fingerprint

SCHEMA = """
CREATE TABLE IF NOT EXISTS listings (
    key TEXT PRIMARY KEY NOT NULL, url TEXT NOT NULL, etag TEXT, last_modified TEXT, urls TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_keys (key TEXT NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (key, owner));
CREATE INDEX IF NOT EXISTS article_keys_owner ON article_keys (owner);
CREATE TABLE IF NOT EXISTS text_hashes (owner TEXT NOT NULL, hash INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS text_hashes_owner ON text_hashes (owner);
"""
_SIGN = 1 << 63  # SQLite integers are signed 64-bit; hashes are stored shifted into that range


@dataclass
class Snapshot:
    """The crawler's view of the state, read once under the lock (so its thread never touches SQLite)."""

    done: set[str] = field(default_factory=set)
    listings: dict[str, Listed] = field(default_factory=dict)

    def settled(self, key: str) -> bool:
        """Processed before with the same options (and not to be redone)."""
        return key in self.done

    def listing(self, key: str) -> Listed | None:
        """The feed as last read."""
        return self.listings.get(key)


class Seen:
    """The state file's tables for URLs, feeds and duplicates (beside the per-input table of batch.state)."""

    def __init__(self, state: State) -> None:
        """Create the tables if this state file does not have them yet."""
        self.db = state.db
        self.db.executescript(f"BEGIN; {SCHEMA} COMMIT;")

    def snapshot(self, policy: Policy) -> Snapshot:
        """URL inputs done with these options (failed ones too, unless --retry-failed) and feeds' validators;
        nothing with --force."""
        if policy.force:
            return Snapshot()
        rows = self.db.execute(
            "SELECT key, outcome FROM inputs WHERE fingerprint = ? AND (key LIKE 'http://%' OR key LIKE 'https://%')",
            (policy.fingerprint,),
        )
        done = {key for key, outcome in rows if outcome == "ok" or not policy.retry_failed}
        listings = {
            row[0]: Listed(row[1], row[0], row[2], row[3], tuple(json.loads(row[4])))
            for row in self.db.execute("SELECT key, url, etag, last_modified, urls FROM listings")
        }
        return Snapshot(done, listings)

    def remember(self, listed: Listed) -> None:
        """A feed as just read (kept even if the run dies: its URLs not yet done are fetched next time)."""
        self.db.execute(
            "INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?, ?)",
            (listed.key, listed.url, listed.etag, listed.last_modified, json.dumps(list(listed.urls))),
        )

    def load(self, duplicates: Duplicates) -> None:
        """Earlier runs' stored articles into the duplicate index."""
        keys = self.db.execute("SELECT key, owner FROM article_keys")
        rows = self.db.execute("SELECT hash, owner FROM text_hashes")
        hashes = ((value + _SIGN, owner) for value, owner in rows)
        duplicates.load(keys, hashes)

    def commit(self, prints: Iterable[tuple[str, list[Fingerprint]]]) -> None:
        """Each input's stored articles (replacing what it stored before), in one transaction.

        Called after the state's own commit: a crash in between can only forget a fingerprint (a later copy
        is stored once more), never claim an article that was not written.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for owner, found in prints:
                self.db.execute("DELETE FROM article_keys WHERE owner = ?", (owner,))
                self.db.execute("DELETE FROM text_hashes WHERE owner = ?", (owner,))
                for fp in found:
                    self.db.executemany(
                        "INSERT OR IGNORE INTO article_keys VALUES (?, ?)", [(k, owner) for k in fp.keys]
                    )
                    if fp.hash is not None:
                        self.db.execute("INSERT INTO text_hashes VALUES (?, ?)", (owner, fp.hash - _SIGN))
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
