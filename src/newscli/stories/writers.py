"""Story writers: JSON Lines (the record), and a daily digest page in Markdown or HTML (RTL-aware)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, urlsplit

from newscli.errors import UsageError
from newscli.export.base import RTL_LANGUAGES
from newscli.export.htmlpage import CSP, SAFE_SCHEMES
from newscli.export.markdown import escape_line, yaml_scalar
from newscli.stories.record import Story

DIGEST_TITLE = "News digest"
# Characters a Markdown link destination in <...> may hold as they are; the rest is percent-encoded.
_MD_URL_SAFE = "!#$%&'()*+,-./:;=?@[]^_`{|}~"


@dataclass(frozen=True)
class StoryFormat:
    """One output format of `newscli digest`: the bytes before, for each story, and after."""

    name: str
    extension: str
    head: Callable[[list[Story]], str]
    item: Callable[[Story, int], str]
    tail: Callable[[list[Story]], str]


def direction(story: Story) -> str:
    """rtl for a right-to-left language, ltr for a known other one, auto when unknown."""
    if not story.language:
        return "auto"
    return "rtl" if story.language.lower().split("-")[0] in RTL_LANGUAGES else "ltr"


def link_label(story: Story, index: int) -> str:
    """How a source is named in a digest: the host of its URL, else the source as recorded."""
    url = story.links[index] if index < len(story.links) else None
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else story.sources[index]


def _safe_url(story: Story, index: int) -> str | None:
    """The source's http(s) URL, or None (a javascript: or file URL is never linked)."""
    url = story.links[index] if index < len(story.links) else None
    return url if url and urlsplit(url).scheme.lower() in SAFE_SCHEMES else None


def facts(story: Story) -> str:
    """The line under a story's title: day, language, how many articles."""
    count = len(story.articles)
    parts = [(story.date or "")[:10], story.language or "", f"{count} article{'s' if count != 1 else ''}"]
    return " · ".join(p for p in parts if p)


def attributed(story: Story) -> list[tuple[str, int | None]]:
    """Each bullet with the rank of the article it came from (None in a one-article story: no need)."""
    rank = {key: i for i, key in enumerate(story.articles)}
    single = len(story.articles) == 1
    return [
        (" ".join(bullet.split()), None if single else rank.get(source))
        for bullet, source in zip(story.summary, story.bullet_sources, strict=True)
    ]


def _totals(stories: list[Story]) -> tuple[int, int]:
    """How many stories and articles the digest holds."""
    return len(stories), sum(len(s.articles) for s in stories)


# --- JSON Lines -----------------------------------------------------------------------------------


def _jsonl_item(story: Story, index: int) -> str:
    """The record's line."""
    return story.to_json() + "\n"


# --- Markdown -------------------------------------------------------------------------------------


def _md_link(story: Story, index: int) -> str:
    """A Markdown link to a source (plain escaped text when it has no http(s) URL)."""
    label = escape_line(link_label(story, index))
    url = _safe_url(story, index)
    return f"[{label}](<{quote(url, safe=_MD_URL_SAFE)}>)" if url else label


def _md_head(stories: list[Story]) -> str:
    """Front matter and the digest's heading."""
    count, articles = _totals(stories)
    return (
        f"---\ntitle: {yaml_scalar(DIGEST_TITLE)}\nstories: {count}\narticles: {articles}\n---\n\n"
        f"# {DIGEST_TITLE}\n\n{count} stories from {articles} articles.\n"
    )


def _md_item(story: Story, index: int) -> str:
    """One story: heading, facts, bullets each naming its source, then every source linked."""
    lines = [f"## {escape_line(story.title or 'Untitled story')}", "", escape_line(facts(story)), ""]
    for bullet, rank in attributed(story):
        via = "" if rank is None else f" ({_md_link(story, rank)})"
        lines.append(f"- {escape_line(bullet)}{via}")
    if story.summary:
        lines.append("")
    lines.append("Sources: " + ", ".join(_md_link(story, i) for i in range(len(story.articles))))
    body = "\n".join(lines)
    if direction(story) == "rtl":
        body = f'<div dir="rtl" lang="{escape(story.language or "")}">\n\n{body}\n\n</div>'
    return f"\n{body}\n"


def _md_tail(stories: list[Story]) -> str:
    """Nothing after the last story."""
    return ""


# --- HTML -----------------------------------------------------------------------------------------


def _css() -> str:
    """The export's page style plus a few rules for stories."""
    from importlib.resources import files

    page = files("newscli.export").joinpath("page.css").read_text(encoding="utf-8")
    return page + (
        "section { margin: 0 0 2.5rem; overflow-wrap: break-word; }\n"
        "section + section { border-top: 1px solid #ddd; padding-top: 1.5rem; }\n"
        'section[dir="rtl"] { text-align: right; line-height: 1.9;\n'
        '  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "DejaVu Sans", sans-serif; }\n'
        'section[dir="ltr"] { text-align: left; }\n'
        "h2 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 .4rem; }\n"
        ".via { color: #555; font-size: .85rem; white-space: nowrap; }\n"
        ".sources { font-size: .9rem; color: #555; }\n"
    )


def _html_link(story: Story, index: int) -> str:
    """A link to a source that opens nothing but an http(s) page."""
    label = escape(link_label(story, index))
    url = _safe_url(story, index)
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>' if url else label


def _html_head(stories: list[Story]) -> str:
    """Doctype, head with the inline style and no-script policy, and the digest heading."""
    count, articles = _totals(stories)
    return (
        f'<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="generator" content="newscli">\n'
        f"<title>{escape(DIGEST_TITLE)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n<main>\n"
        f'<h1>{escape(DIGEST_TITLE)}</h1>\n<p class="meta">{count} stories from {articles} articles.</p>\n'
    )


def _html_item(story: Story, index: int) -> str:
    """One <section> with the story's own lang and dir; every bullet links the article it came from."""
    lang = f' lang="{escape(story.language)}"' if story.language else ""
    out = [f'<section id="story-{escape(story.id)}"{lang} dir="{direction(story)}">\n']
    out.append(f"<h2>{escape(story.title or 'Untitled story')}</h2>\n")
    out.append(f'<p class="meta">{escape(facts(story))}</p>\n')
    if story.summary:
        out.append('<ul class="summary">\n')
        for bullet, rank in attributed(story):
            via = "" if rank is None else f' <span class="via">({_html_link(story, rank)})</span>'
            out.append(f"<li>{escape(bullet)}{via}</li>\n")
        out.append("</ul>\n")
    links = ", ".join(_html_link(story, i) for i in range(len(story.articles)))
    out.append(f'<p class="sources">Sources: {links}</p>\n</section>\n')
    return "".join(out)


def _html_tail(stories: list[Story]) -> str:
    """Close the page."""
    return "</main>\n</body>\n</html>\n"


STORY_FORMATS: dict[str, StoryFormat] = {
    "jsonl": StoryFormat("jsonl", "jsonl", lambda s: "", _jsonl_item, lambda s: ""),
    "markdown": StoryFormat("markdown", "md", _md_head, _md_item, _md_tail),
    "html": StoryFormat("html", "html", _html_head, _html_item, _html_tail),
}
EXTENSIONS = {
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "md": "markdown",
    "markdown": "markdown",
    "html": "html",
    "htm": "html",
}


def story_format(to: str | None, output: str | None) -> StoryFormat:
    """--to, else what -o's extension says, else JSON Lines; a usage error names the choices."""
    name = to or (
        EXTENSIONS.get(Path(output).suffix.lower().lstrip(".")) if output and output != "-" else None
    )
    name = name or "jsonl"
    if name not in STORY_FORMATS:
        raise UsageError("unknown_format", f"--to {name!r}: digest writes one of {', '.join(STORY_FORMATS)}")
    return STORY_FORMATS[name]


def render(stories: Iterable[Story], fmt: StoryFormat) -> Iterable[bytes]:
    """The document, chunk by chunk."""
    stories = list(stories)
    yield fmt.head(stories).encode("utf-8")
    for index, story in enumerate(stories):
        yield fmt.item(story, index).encode("utf-8")
    yield fmt.tail(stories).encode("utf-8")


def write_stories(
    stories: Iterable[Story], to: str | None, output: str | None, overwrite: bool, stdout: BinaryIO
) -> None:
    """Write the digest to stdout (flushed per story, so `| head -1` works) or atomically to a file."""
    fmt = story_format(to, output)
    if output in (None, "-"):
        for chunk in render(stories, fmt):
            stdout.write(chunk)
            stdout.flush()
        return
    assert output is not None
    if output.endswith(("/", "\\")) or Path(output).is_dir():
        raise UsageError(
            "needs_file", f"digest writes one file: use -o digest.{fmt.extension}, not a directory"
        )
    from newscli.atomic import atomic_write

    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_write(path, overwrite) as out:
            for chunk in render(stories, fmt):
                out.write(chunk)
    except FileExistsError:
        raise UsageError("output_exists", f"{path} already exists: pass --overwrite to replace it") from None
