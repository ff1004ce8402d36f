"""Where exported bytes go: stdout, one file, or one file per article in a directory."""

from __future__ import annotations

import itertools
import os
import string
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..errors import UsageError
from ..model import Article
from .slug import MAX_SLUG_BYTES, collision_key, safe_name, slugify

TEMPLATE_FIELDS = ("slug", "id", "date", "title", "lang", "source_stem")


@dataclass(frozen=True)
class Destination:
    """The resolved -o: kind is 'stdout', 'file' or 'directory'."""

    kind: str
    path: Path | None = None


def resolve(output: Path | str | None) -> Destination:
    """None or '-' is stdout; a path ending in a separator or an existing directory is a directory."""
    if output is None or str(output) == "-":
        return Destination("stdout")
    text = os.fspath(output)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        return Destination("directory", path)
    return Destination("file", path)


def check_template(template: str) -> None:
    """Reject an unknown field early, naming the fields that exist."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise UsageError("bad_template", f"--name-template {template!r}: {exc}") from None
    unknown = [name for name in fields if name not in TEMPLATE_FIELDS]
    if unknown or not fields:
        known = " ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
        raise UsageError("bad_template", f"--name-template {template!r}: use the fields {known}")


def source_stem(source: str | None) -> str:
    """The file name of the source without its extension ('' for stdin or unknown)."""
    if not source or source == "-":
        return ""
    return PurePosixPath(urlsplit(source.replace("\\", "/")).path).stem


def template_fields(article: Article) -> dict[str, str]:
    """Every --name-template field of an article, each already safe as part of a file name."""
    stem = source_stem(article.source)
    return {
        "slug": slugify(article.title) or slugify(stem) or slugify(article.id) or "article",
        "id": safe_name(article.id or "", MAX_SLUG_BYTES),
        "date": safe_name((article.date or "")[:10]),
        "title": safe_name(article.title or "", MAX_SLUG_BYTES),
        "lang": safe_name(article.language or ""),
        "source_stem": safe_name(stem, MAX_SLUG_BYTES),
    }


class Namer:
    """Deterministic, collision-free file names for one run into one directory."""

    def __init__(self, template: str, extension: str) -> None:
        """Check the template once; remember names given out so far (case- and normalization-blind)."""
        check_template(template)
        self.template = template
        self.extension = extension
        self.used: set[str] = set()

    def name(self, article: Article) -> str:
        """The article's file name: the template, made safe, with the id (then a number) on a collision."""
        stem = safe_name(self.template.format(**template_fields(article))) or "article"
        with_id = [safe_name(f"{stem}-{safe_name(article.id)[:12]}")] if article.id else []
        numbered = (f"{stem}-{n}" for n in itertools.count(2))
        for candidate in itertools.chain([stem], with_id, numbered):
            file_name = f"{candidate}.{self.extension}"
            if collision_key(file_name) not in self.used:
                self.used.add(collision_key(file_name))
                return file_name
        raise AssertionError("unreachable: the numbered names never end")
