"""Audit every regular expression newscli runs for super-linear backtracking, with measured witnesses.

    python benchmarks/regex_audit.py            # every pattern: modules, inline calls, bundled rules
    python benchmarks/regex_audit.py --all      # also print the patterns that passed

For each pattern it finds the unbounded repeats (`*`, `+`, `{n,}`), builds the shortest text that
reaches each one (the pattern's own prefix), then a long run of one character the repeat accepts,
then a character that makes the match fail, and times `finditer` (what search, sub, split and findall
do) and `match` on runs of growing length. A slope near 1 on the log-log scale is linear; 2 is
quadratic (each start position rescans the run), more is worse. Patterns whose witness stays under a
millisecond at 8,000 characters are linear in practice and pass.

Timing lives here, in a benchmark, never in a test: the unit tests pin the shapes instead.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import math
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newscli"
PROBES = " aA0.,-:;|<>/\n\t\"'=_#!?()\x00é\xa0«»–—•…’”،؛؟ا\u0640\u064b\u200f\u2028中🙂"
FAILERS = ("", "\x00", "!", "x", "\n", " ")
SIZES = (1000, 2000, 4000, 8000)
TINY = (16, 24)  # an exponential pattern shows here already, before the long runs would hang
SLOW = 0.002  # seconds at the largest size under which a pattern passes without a slope


@dataclass(frozen=True)
class Found:
    """One regular expression and where it lives."""

    where: str  # module:NAME, module:line (an inline call) or rules/xx.tsv:id
    pattern: re.Pattern[Any]


def module_patterns() -> Iterator[Found]:
    """Compiled patterns held by newscli's modules (also inside dicts and tuples), each once."""
    import newscli

    seen: set[int] = set()
    names = [info.name for info in pkgutil.walk_packages(newscli.__path__, "newscli.")]
    for name in ["newscli", *names]:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attribute, value in vars(module).items():
            for pattern in _patterns_in(value):
                if id(pattern) not in seen and getattr(module, "__name__", "") == name:
                    seen.add(id(pattern))
                    yield Found(f"{name}:{attribute}", pattern)


def _patterns_in(value: object) -> Iterator[re.Pattern[Any]]:
    """Patterns in a module attribute: itself, or the values of a dict or tuple."""
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item)
    elif isinstance(value, tuple):
        for item in value:
            if isinstance(item, re.Pattern):
                yield item


def inline_patterns() -> Iterator[Found]:
    """Literal patterns passed straight to re.search/split/sub/... inside functions."""
    calls = {"search", "match", "fullmatch", "split", "sub", "subn", "findall", "finditer"}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in calls
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, (str, bytes))
            ):
                where = f"{path.relative_to(SRC.parent).with_suffix('')}:{node.lineno}".replace("/", ".")
                yield Found(where, re.compile(node.args[0].value))


def rule_patterns() -> Iterator[Found]:
    """The bundled cleaning rules (searched in each line of an article)."""
    from newscli.clean_rules import bundled_rules

    for path in sorted((SRC / "rules").glob("*.tsv")):
        for rule in bundled_rules(path.stem):
            yield Found(f"rules/{path.name}:{rule.id}", rule.pattern)


# --- reading a parsed pattern ---------------------------------------------------------------------


def _in_set(items: list[Any], char: str, ignore_case: bool) -> bool:
    """Whether one character is in an IN set as the parser left it."""
    negate, hit = False, False
    folded = {char, char.lower(), char.upper()} if ignore_case else {char}
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            hit |= chr(av) in folded
        elif op is sre.RANGE:
            hit |= any(av[0] <= ord(c) <= av[1] for c in folded)
        elif op is sre.CATEGORY:
            hit |= _category(av, char)
    return hit != negate


def _category(category: Any, char: str) -> bool:
    """Whether a character is in one of \\s \\S \\d \\D \\w \\W."""
    name = str(category).replace("CATEGORY_", "").replace("UNI_", "").replace("LOC_", "")
    tests = {"SPACE": r"\s", "NOT_SPACE": r"\S", "DIGIT": r"\d", "NOT_DIGIT": r"\D", "WORD": r"\w"}
    tests.update({"NOT_WORD": r"\W", "LINEBREAK": "\n", "NOT_LINEBREAK": "[^\n]"})
    return re.fullmatch(tests[name], char) is not None


def accepts(node: tuple[Any, Any], char: str, flags: int) -> bool:
    """Whether a one-character node accepts the character."""
    op, av = node
    ignore_case = bool(flags & re.IGNORECASE)
    if op is sre.LITERAL:
        return char == chr(av) or (ignore_case and char.lower() == chr(av).lower())
    if op is sre.NOT_LITERAL:
        return char != chr(av)
    if op is sre.ANY:
        return char != "\n" or bool(flags & re.DOTALL)
    if op is sre.IN:
        return _in_set(av, char, ignore_case)
    return False


def first_chars(items: list[Any], flags: int) -> set[str]:
    """Probe characters that can start a match of a sequence (an over-approximation)."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            return out | {c for c in PROBES if accepts((op, av), c, flags)}
        if op is sre.SUBPATTERN:
            sub = first_chars(list(av[-1]), flags)
            return out | sub
        if op is sre.BRANCH:
            return out | {c for alt in av[1] for c in first_chars(list(alt), flags)}
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            out |= first_chars(list(av[2]), flags)
            if av[0] > 0:
                return out
    return out


def sample(items: list[Any], flags: int) -> str:
    """A short text that the sequence matches (best effort: the first branch, the minimum repeats)."""
    out = []
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            out.append(next((c for c in "a A0-.:é" + PROBES if accepts((op, av), c, flags)), "a"))
        elif op is sre.SUBPATTERN:
            out.append(sample(list(av[-1]), flags))
        elif op is sre.BRANCH:
            out.append(sample(list(av[1][0]), flags))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            out.append(sample(list(av[2]), flags) * av[0])
    return "".join(out)


def char_nodes(items: list[Any]) -> Iterator[tuple[Any, Any]]:
    """Every node of a parsed pattern that matches one character."""
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            yield op, av
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            yield from char_nodes(list(av[2]))
        elif op is sre.SUBPATTERN:
            yield from char_nodes(list(av[-1]))
        elif op is sre.BRANCH:
            for alternative in av[1]:
                yield from char_nodes(list(alternative))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from char_nodes(list(av[1]))


def repeats(items: list[Any], flags: int, prefix: str = "") -> Iterator[tuple[str, list[Any]]]:
    """Every unbounded repeat with the text that leads to it: (prefix, the repeated body)."""
    for index, (op, av) in enumerate(items):
        before = prefix + sample(items[:index], flags)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if av[1] == sre.MAXREPEAT:
                yield before, list(av[2])
            yield from repeats(list(av[2]), flags, before)
        elif op is sre.SUBPATTERN:
            yield from repeats(list(av[-1]), flags, before)
        elif op is sre.BRANCH:
            for alternative in av[1]:
                yield from repeats(list(alternative), flags, before)


# --- measuring ------------------------------------------------------------------------------------


def _seconds(pattern: re.Pattern[Any], text: Any, how: str) -> float:
    """CPU seconds of one operation on one text."""
    started = time.process_time()
    if how == "finditer":
        for _ in pattern.finditer(text):
            pass
    else:
        pattern.match(text)
    return time.process_time() - started


@dataclass
class Witness:
    """The worst text family found for a pattern and how its time grows."""

    how: str
    text: str
    seconds: list[float]

    @property
    def slope(self) -> float:
        """Log-log slope between the two largest sizes measured."""
        a, b = self.seconds[-2], self.seconds[-1]
        return math.log(max(b, 1e-6) / max(a, 1e-6), 2)


def audit(pattern: re.Pattern[Any]) -> Witness | None:
    """The slowest witness family for a pattern, or None when every one stays fast."""
    flags = pattern.flags
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    parsed = list(
        sre_parse.parse(source, flags & ~re.UNICODE if isinstance(pattern.pattern, bytes) else flags)
    )
    worst: Witness | None = None
    families: set[tuple[str, str, str]] = set()
    nodes = list(char_nodes(parsed))
    kinds: dict[tuple[bool, ...], str] = {}  # characters every node treats alike behave alike: one each
    for char in PROBES:
        kinds.setdefault(tuple(accepts(node, char, flags) for node in nodes), char)
    alike = set(kinds.values())
    failers = [f for f in FAILERS if not f or f in alike] or list(FAILERS)
    for prefix, body in repeats(parsed, flags):
        chars = set(first_chars(body, flags)) & alike
        words = {c + " " for c in chars if not c.isspace()} if " " in chars else set()  # "a a a …"
        units = {sample(body, flags)} | chars | words
        for unit in sorted(u for u in units if u):
            for failer in failers:
                families.add((prefix, unit, failer))
    for prefix, unit, failer in sorted(families):
        texts: list[Any] = [prefix + unit * (size // len(unit)) + failer for size in (*TINY, *SIZES)]
        if isinstance(pattern.pattern, bytes):
            try:
                texts = [text.encode("latin-1") for text in texts]
            except UnicodeEncodeError:
                continue
        for how in ("finditer", "match"):
            tiny = [_seconds(pattern, text, how) for text in texts[: len(TINY)]]
            if tiny[-1] > 0.05:  # exponential: a few dozen characters already take this long
                witness = Witness(how, f"{prefix!r} + {unit!r} * n + {failer!r}", tiny)
                worst = witness if worst is None or tiny[-1] > worst.seconds[-1] else worst
                continue
            if _seconds(pattern, texts[-1], how) < SLOW:  # fast at the largest size: linear in practice
                continue
            seconds: list[float] = []
            for text in texts[len(TINY) :]:
                seconds.append(_seconds(pattern, text, how))
                if seconds[-1] > 0.5:  # super-linear already: no need to wait for the larger sizes
                    break
            if len(seconds) < 2:
                continue
            witness = Witness(how, f"{prefix!r} + {unit!r} * n + {failer!r}", seconds)
            if worst is None or witness.seconds[-1] > worst.seconds[-1]:
                worst = witness
            if witness.seconds[-1] > 0.05 and witness.slope > 1.5:
                return worst  # one clear witness is enough
    return worst


def main() -> int:
    """Audit every pattern and print the ones whose time grows faster than the text."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="also list the patterns that passed")
    args = parser.parse_args()
    sys.setrecursionlimit(10_000)
    found = [*module_patterns(), *inline_patterns(), *rule_patterns()]
    print(f"{len(found)} patterns; sizes {SIZES}; a slope > 1.3 or a time > 0.1 s is reported\n")
    print("| where | operation | witness | seconds at n = 1k / 2k / 4k / 8k | slope | pattern |")
    print("|---|---|---|---|---|---|")
    flagged = 0
    for item in found:
        witness = audit(item.pattern)
        bad = witness is not None and (witness.slope > 1.3 or witness.seconds[-1] > 0.1)
        flagged += bad
        if bad or args.all:
            times = " / ".join(f"{s:.3f}" for s in witness.seconds) if witness else "-"
            slope = f"{witness.slope:.2f}" if witness else "-"
            how = witness.how if witness else "-"
            text = witness.text if witness else "-"
            print(
                f"| {item.where} | {how} | `{text}` | {times} | {slope} | `{item.pattern.pattern!r}` |",
                flush=True,
            )
    print(f"\n{flagged} of {len(found)} patterns grow faster than the text on some witness")
    return 0


if __name__ == "__main__":
    sys.exit(main())
