"""Boilerplate rules as data: loading the per-language TSV files and choosing which apply to a text."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from newscli.errors import UsageError
from newscli.short_cache import short_text_cache

CATEGORIES: tuple[str, ...] = (
    "related",
    "share",
    "follow",
    "comment",
    "newsletter",
    "mt_notice",
    "ad",
    "credit",
    "copyright",
    "byline",
    "dateline",
    "tags",
    "nav",
    "paywall",
    "cookie",
    "duplicate",
)
ACTIONS: tuple[str, ...] = ("drop", "drop_tail", "strip", "meta")
WHERES: tuple[str, ...] = ("any", "head", "tail")
NEUTRAL = "neutral"
USER = "user"

# Bundled rule files, and the script each language is written in.
LANGUAGE_SCRIPT: dict[str, str] = {"ar": "arabic", "en": "latin", "fr": "latin", "es": "latin", "de": "latin"}
SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {"arabic": ("ar",), "latin": ("en", "fr", "es", "de")}
_SCRIPT_LETTERS: dict[str, re.Pattern[str]] = {
    "arabic": re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]"),
    "latin": re.compile("[A-Za-z\u00c0-\u024f]"),
}
_MIN_SCRIPT_LETTERS = 3


@dataclass(frozen=True, eq=False)  # identity hashing: rule tuples are cache keys
class Rule:
    """One boilerplate rule: what it matches (in matching form), where, and what to do with the line."""

    id: str
    category: str
    action: str
    where: str
    source: str  # the regular expression as written
    hint: Hint | None = None  # literal text any match must hold, tested before the regex

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled expression, made the first time a line gets past the hint: most rules never
        see such a line on a given page, and compiling all of a language's rules costs ~10 ms."""
        return re.compile(self.source, re.IGNORECASE)

    def matches(self, folded: str) -> bool:
        """Whether the rule matches a line in matching form: the cheap literal test first, then the regex."""
        return (self.hint is None or self.hint.allows(folded)) and self.pattern.search(folded) is not None


@dataclass(frozen=True)
class Hint:
    """Literal text any match must contain, at the line's start or anywhere: a cheap test before the regex."""

    literals: tuple[str, ...]
    at_start: bool

    def allows(self, folded: str) -> bool:
        """False only when the pattern cannot match this line."""
        if self.at_start:
            return folded.startswith(self.literals)
        return any(literal in folded for literal in self.literals)


_META = set("\\.[]()?*+{}|^$")
_NEAR_START = re.compile(r"^\^\.\{0,\d+\}(?:\\b)?")  # "^.{0,N}" or "^.{0,N}\b": keyword near the start


def literal_hint(pattern: str) -> Hint | None:
    """The literal text a match must hold, read from the rule shapes the bundled files use; None if unsure.

    `^(a|b)…` must start with a prefix of `a` or `b`; `^.{0,N}(a|b)…` must contain one; `^abc…` must
    start with `abc`. Only literal characters count, so the hint never rules out a line the pattern
    would match (a test checks this for every bundled rule).
    """
    near = _NEAR_START.match(pattern)
    rest = pattern[near.end() :] if near else pattern[1:] if pattern.startswith("^") else None
    if rest is None or not rest:
        return None
    if rest[0] == "(":
        alternatives = _group_alternatives(rest)
        literals = tuple(_literal_prefix(a) for a in alternatives) if alternatives else ()
    else:
        literals = (_literal_prefix(rest),)
    if not literals or not all(literals):
        return None
    return Hint(tuple(dict.fromkeys(literal.casefold() for literal in literals)), at_start=near is None)


def _group_alternatives(text: str) -> list[str] | None:
    """The top-level alternatives of the group `text` starts with; None when the group is optional."""
    depth, start, parts = 0, 1, []
    if text.startswith("(?:"):
        start = 3
    elif text.startswith("(?"):
        return None
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = text.find("]", i + 1)
            if end < 0:
                return None
            i = end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                parts.append(text[start:i])
                follower = text[i + 1 : i + 2]
                return None if follower in ("?", "*") or text[i + 1 :].startswith("{0") else parts
        elif char == "|" and depth == 1:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    return None


def _literal_prefix(text: str) -> str:
    """The literal characters an alternative starts with (a quantified last character does not count)."""
    for i, char in enumerate(text):
        if char in _META:
            return text[: i - 1] if char in "?*{" and i else text[:i]
    return text


def parse_rules(text: str, origin: str, *, compile_now: bool = True) -> tuple[Rule, ...]:
    """Rules from TSV text (id, category, action, where, pattern); a bad line is a usage error naming it.

    `compile_now=False` leaves each pattern to be compiled on first use: for the bundled files, which a
    test compiles in full.
    """
    rules: list[Rule] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rules.append(_parse_line(raw, f"{origin}:{number}", compile_now))
    return tuple(rules)


def _parse_line(raw: str, where_from: str, compile_now: bool) -> Rule:
    """One TSV rule line, validated, so a typo in a user's rules file is reported, not ignored."""
    cells = raw.rstrip("\r\n").split("\t")
    if len(cells) != 5:
        raise UsageError("bad_rules", f"{where_from}: expected 5 tab-separated columns, found {len(cells)}")
    rule_id, category, action, where, pattern = (c.strip() for c in cells)
    checks = ((category, CATEGORIES, "category"), (action, ACTIONS, "action"), (where, WHERES, "where"))
    for value, allowed, name in checks:
        if value not in allowed:
            known = ", ".join(allowed)
            raise UsageError("bad_rules", f"{where_from}: unknown {name} {value!r} (one of: {known})")
    if compile_now:
        try:
            re.compile(pattern, re.IGNORECASE)  # a typo is reported now; the rule gets it from re's cache
        except re.error as exc:
            raise UsageError("bad_rules", f"{where_from}: bad pattern: {exc}") from exc
    return Rule(rule_id, category, action, where, pattern, literal_hint(pattern))


@cache
def bundled_rules(name: str) -> tuple[Rule, ...]:
    """The rules shipped for one language (or "neutral"); empty when no file exists."""
    from importlib.resources import files

    resource = files("newscli") / "rules" / f"{name}.tsv"
    if not resource.is_file():
        return ()
    return parse_rules(resource.read_text(encoding="utf-8"), f"rules/{name}.tsv", compile_now=False)


@lru_cache(maxsize=16)
def _user_rules_cached(path: str, mtime_ns: int) -> tuple[Rule, ...]:
    """A user's rules file, parsed once per version of the file."""
    return parse_rules(Path(path).read_text(encoding="utf-8"), path)


def user_rules(path: Path) -> tuple[Rule, ...]:
    """Rules from a user's file in the bundled format; a missing file is a usage error."""
    try:
        return _user_rules_cached(str(path), path.stat().st_mtime_ns)
    except OSError as exc:
        message = f"{path}: cannot read rules file ({exc.strerror}); check --rules"
        raise UsageError("bad_rules", message) from exc


def line_scripts(text: str) -> frozenset[str]:
    """Scripts that dominate at least one line of the text (so a mixed page gets both rule sets)."""
    present = [name for name, letters in _SCRIPT_LETTERS.items() if _has_letters(letters, text)]
    if len(present) < 2:  # one script (or none) on the whole page: no need to look line by line
        return frozenset(present)
    found: set[str] = set()
    for line in text.splitlines():
        counts = {name: len(p.findall(line)) for name, p in _SCRIPT_LETTERS.items()}
        best = max(counts, key=lambda name: counts[name])
        if counts[best] >= _MIN_SCRIPT_LETTERS:
            found.add(best)
    return frozenset(found)


def _has_letters(letters: re.Pattern[str], text: str) -> bool:
    """Whether the text holds at least _MIN_SCRIPT_LETTERS letters of a script (stops counting there)."""
    return len(list(itertools.islice(letters.finditer(text), _MIN_SCRIPT_LETTERS))) == _MIN_SCRIPT_LETTERS


def languages_for(language: str | None, text: str) -> tuple[str, ...]:
    """Rule sets for an article: its language's, plus every language whose script appears in other lines."""
    base = (language or "").lower().split("-")[0]
    chosen = [base] if base in LANGUAGE_SCRIPT else []
    own = LANGUAGE_SCRIPT.get(base)
    for script in sorted(line_scripts(text)):
        if script != own:
            chosen.extend(SCRIPT_LANGUAGES[script])
    return tuple(dict.fromkeys(chosen))


@lru_cache(maxsize=64)
def rules_for(languages: tuple[str, ...]) -> tuple[Rule, ...]:
    """Language rules in order, then the neutral ones: the first rule that matches explains the line."""
    return tuple(rule for name in (*languages, NEUTRAL) for rule in bundled_rules(name))


@dataclass(frozen=True)
class _Screen:
    """A rule set arranged for screening lines: all its start literals are tried in one call."""

    starts: tuple[str, ...]  # every literal some rule's match must start with
    at_start: tuple[Rule, ...]  # those rules
    rest: tuple[Rule, ...]  # rules with a literal anywhere, or none


@lru_cache(maxsize=64)
def _screen(rules: tuple[Rule, ...], strip_only: bool) -> _Screen:
    """The screen for a rule set, or for its strip rules: the only ones the long-line guard lets through."""
    chosen = [rule for rule in rules if rule.action == "strip" or not strip_only]
    at_start = tuple(rule for rule in chosen if rule.hint is not None and rule.hint.at_start)
    starts = tuple(literal for rule in at_start if rule.hint for literal in rule.hint.literals)
    return _Screen(starts, at_start, tuple(rule for rule in chosen if rule not in at_start))


# a cleaning pass that removed something is followed by one over the same lines
@short_text_cache(maxsize=16384)
def any_rule_matches(rules: tuple[Rule, ...], folded: str, *, strip_only: bool = False) -> bool:
    """Whether any rule could fire on this (matching-form) line; the exact rule is found afterwards.

    A plain loop: Python's regex engine gains nothing from one big alternation (measured: slower, and
    compiling it cost 10-40 ms per language mix). Most lines start with none of the start literals, so
    one `startswith` spares most of the rules.
    """
    screen = _screen(rules, strip_only)
    at_start = screen.at_start if folded.startswith(screen.starts) else ()
    return any(rule.matches(folded) for rule in (*at_start, *screen.rest))
