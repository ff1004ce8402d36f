"""The clean stage: drop boilerplate lines by data-driven rules, tidy paragraphs, normalize, explain."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscli.clean_rules import CATEGORIES, Rule, any_rule_matches, languages_for, rules_for, user_rules
from newscli.errors import UsageError
from newscli.lang.normalize import match_offsets, normalize_display, normalize_match
from newscli.model import Article, fingerprint

if TYPE_CHECKING:
    from rich.console import Console

STAGE = "clean"
MAX_WORDS = 35  # a line longer than this is an article sentence, whatever it starts with
HEAD_LINES, HEAD_SHARE, TAIL_SHARE, TAIL_BLOCK_SHARE = 3, 0.15, 0.60, 0.50
MAX_PASSES = 6
HEADLINE_WORDS = 16
_SENTENCE_ENDS = (".", "!", "?", "؟", "…", ":", "»", '"', "”", "'", "’", ")")
_BULLET = re.compile(r"^\s*[•\-*–·▪◦]\s*")
_TAG_SEPARATOR = re.compile("[,،;؛|•·]")  # split on this, then strip: `\s*[,;]\s*` is quadratic on spaces


@dataclass(frozen=True)
class CleanOptions:
    """How to clean: explanations, categories to keep, a user's rules file, and normalization."""

    explain: bool = False
    keep: frozenset[str] = frozenset()
    rules_file: Path | None = None
    normalize: bool = True

    def __post_init__(self) -> None:
        """Refuse an unknown --keep category up front, naming the valid ones."""
        unknown = sorted(self.keep - set(CATEGORIES))
        if unknown:
            message = f"unknown --keep category {unknown[0]!r}; choose one of: {', '.join(CATEGORIES)}"
            raise UsageError("unknown_category", message)


@dataclass
class _Line:
    """One line of the body, with the paragraph it belongs to."""

    text: str
    para: int


@dataclass
class _Pass:
    """What one cleaning pass works on: the lines, the rules, and what it removed."""

    article: Article
    rules: tuple[Rule, ...]
    keep: frozenset[str]
    removed: list[dict[str, Any]] = field(default_factory=list)

    def remove(self, text: str, rule: str, category: str) -> None:
        """Record one removal (the explain view and the record's `removed` field)."""
        self.removed.append({"text": text, "rule": rule, "category": category, "stage": STAGE})


def clean_article(article: Article, options: CleanOptions) -> Article:
    """A cleaned copy of the article; running it again changes nothing (it iterates to a fixed point)."""
    out = copy.deepcopy(article)
    if options.normalize:
        _normalize_fields(out)
    extra = user_rules(options.rules_file) if options.rules_file else ()
    removed: list[dict[str, Any]] = []
    rules = extra + rules_for(languages_for(out.language, "\n".join([out.text, *out.highlights])))
    for _ in range(MAX_PASSES):
        work = _Pass(out, rules, options.keep)
        before = (out.text, out.highlights)
        out.highlights = _clean_highlights(out.highlights, work)
        out.text = _clean_text(out.text, work)
        removed.extend(work.removed)
        if (out.text, out.highlights) == before:
            break
    if options.explain:
        out.removed.extend(removed)
    fp = fingerprint(options)
    if not any(s.get("stage") == STAGE and s.get("fingerprint") == fp for s in out.stages):
        out.add_stage(STAGE, fp)
    return out


def _normalize_fields(article: Article) -> None:
    """Display-normalize the text fields a reader sees."""
    lang = article.language
    article.title = normalize_display(article.title, lang) if article.title else article.title
    article.text = normalize_display(article.text, lang)
    article.highlights = [h for h in (normalize_display(h, lang) for h in article.highlights) if h]


def _clean_highlights(highlights: list[str], work: _Pass) -> list[str]:
    """Highlights without boilerplate and without repeats."""
    kept: list[str] = []
    seen: set[str] = set()
    for item in highlights:
        key = normalize_match(item)
        if key in seen and "duplicate" not in work.keep:
            work.remove(item, "hygiene.duplicate", "duplicate")
            continue
        result, _ = _apply_rules(item, work, head=False, tail=False, only_any=True)
        if result:
            seen.add(key)
            kept.append(result)
    return kept


def _split_lines(text: str) -> list[_Line]:
    """The body as lines, remembering paragraphs (separated by a blank line)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    pairs = ((i, line.strip()) for i, para in enumerate(paragraphs) for line in para.splitlines())
    return [_Line(line, i) for i, line in pairs if line]


def _join_lines(lines: list[_Line]) -> str:
    """Lines back into paragraphs separated by a blank line."""
    paragraphs: dict[int, list[str]] = {}
    for line in lines:
        paragraphs.setdefault(line.para, []).append(line.text)
    return "\n\n".join("\n".join(p) for p in paragraphs.values())


def _clean_text(text: str, work: _Pass) -> str:
    """Apply the rules line by line (positions measured in characters), then paragraph hygiene."""
    lines = _split_lines(text)
    total = max(sum(len(line.text) for line in lines), 1)
    kept: list[_Line] = []
    offset = 0
    block: Rule | None = None  # the drop_tail rule whose block we are in
    block_is_tail = False
    for index, line in enumerate(lines):
        start, offset = offset, offset + len(line.text)
        if block is not None:
            if _in_block(line.text, block_is_tail):
                work.remove(line.text, block.id, block.category)
                continue
            block = None
        head = index < HEAD_LINES or start < HEAD_SHARE * total
        tail = start >= TAIL_SHARE * total
        new_text, fired = _apply_rules(line.text, work, head=head, tail=tail)
        if fired is not None and fired.action == "drop_tail":
            block, block_is_tail = fired, start >= TAIL_BLOCK_SHARE * total
        if new_text:
            kept.append(_Line(new_text, line.para))
    if "duplicate" not in work.keep:
        kept = _hygiene(kept, work)
    return _join_lines(kept)


def _in_block(text: str, tail: bool) -> bool:
    """Whether a line belongs to a block a drop_tail line opened: anything short at the end of the
    article (comments, related links), only headline-like lines (no sentence end) earlier on."""
    words = _word_count(text)
    if tail:
        return words <= MAX_WORDS
    return words <= HEADLINE_WORDS and not text.rstrip().endswith(_SENTENCE_ENDS)


def _word_count(text: str) -> int:
    """Words in a line, for the long-sentence guard."""
    return len(text.split())


def _apply_rules(
    text: str, work: _Pass, *, head: bool, tail: bool, only_any: bool = False
) -> tuple[str, Rule | None]:
    """The line after the first rule that fires ("" when dropped), and that rule (None when none fired)."""
    folded = normalize_match(text)
    long_line = _word_count(text) > MAX_WORDS
    if not any_rule_matches(work.rules, folded, strip_only=long_line):
        return text, None
    for rule in work.rules:
        if rule.category in work.keep or (only_any and rule.where != "any"):
            continue
        if (rule.where == "head" and not head) or (rule.where == "tail" and not tail):
            continue
        if not rule.matches(folded):
            continue
        if rule.action == "strip":
            stripped = _strip(text, rule)
            if stripped is not None:
                work.remove(text[: len(text) - len(stripped)].strip(), rule.id, rule.category)
                return stripped, rule
            continue
        if long_line:
            continue
        if rule.action == "meta" and not META.get(rule.category, _no_meta)(work.article, text):
            continue
        work.remove(text, rule.id, rule.category)
        return "", rule
    return text, None


def _strip(text: str, rule: Rule) -> str | None:
    """The line without the span a strip rule matched, or None when it does not match."""
    folded, index = match_offsets(text)
    match = rule.pattern.search(folded)
    if not match or match.end() == 0:
        return None
    end = index[match.end() - 1] + 1 if match.end() <= len(index) else len(text)
    return text[end:].strip()


def _no_meta(article: Article, line: str) -> bool:
    """A meta rule without a metadata home: the line is simply dropped."""
    return True


def _byline_meta(article: Article, line: str) -> bool:
    """Move a byline's names to `authors` and its site to `sitename` when empty; not a byline: keep it."""
    from newscli.bylines import parse_byline

    byline = parse_byline(line)
    if byline is None:
        return False
    if not article.authors:
        article.authors = list(byline.authors)
    if not article.sitename and byline.sitename:
        article.sitename = byline.sitename
    return True


def _tags_meta(article: Article, line: str) -> bool:
    """Move a "Tags: a, b" line's values to `tags` when the record has none."""
    value = re.split(r"[:：]", line, maxsplit=1)[-1]
    tags = [t.strip() for t in _TAG_SEPARATOR.split(value) if t.strip()]
    if not article.tags and tags:
        article.tags = tags
    return True


META: dict[str, Callable[[Article, str], bool]] = {"byline": _byline_meta, "tags": _tags_meta}


def _hygiene(lines: list[_Line], work: _Pass) -> list[_Line]:
    """Drop the title or highlights repeated at the top (a repeat further down is the author's: kept)."""
    top = {normalize_match(t) for t in [work.article.title or "", *work.article.highlights] if t}
    start = 0  # lines at the top that repeat the title or a highlight
    for line in lines:
        key = normalize_match(_BULLET.sub("", line.text))
        if key not in top:
            break
        is_title = key == normalize_match(work.article.title or "")
        work.remove(line.text, "hygiene.title" if is_title else "hygiene.highlight", "duplicate")
        start += 1
    return lines[start:]


def render_removed(removed: list[dict[str, Any]], console: Console) -> None:
    """Show what cleaning removed and why: a table on a terminal, one tab-separated line each otherwise."""
    if not removed:
        return
    if console.is_terminal:
        from rich.table import Table

        table = Table(title="removed by clean", show_lines=False)
        for column in ("rule", "category", "text"):
            table.add_column(column, overflow="fold")
        for item in removed:
            table.add_row(str(item.get("rule")), str(item.get("category")), str(item.get("text")))
        console.print(table)
        return
    for item in removed:  # raw lines: Rich would expand the tabs
        console.file.write(f"removed\t{item.get('rule')}\t{item.get('category')}\t{item.get('text')}\n")
