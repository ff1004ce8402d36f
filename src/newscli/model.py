"""The one article record that travels through every stage (schema newscli.article/1)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA = "newscli.article/1"


@dataclass
class Article:
    """One article; scalars are None when unknown, lists are empty when nothing was found."""

    schema: str = SCHEMA
    id: str | None = None
    source: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    sitename: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    language: str | None = None
    direction: str | None = None
    highlights: list[str] = field(default_factory=list)
    text: str = ""
    summary: list[str] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    stages: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Known fields in schema order, then unknown fields as they came."""
        out = {name: getattr(self, name) for name in FIELD_NAMES}
        out.update((k, v) for k, v in self.extra.items() if k not in out)
        return out

    def to_json(self) -> str:
        """One JSON Lines line (no newline): UTF-8 text, stable key order, strict JSON."""
        return json_text(self.to_dict(), separators=(", ", ": "))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build from a decoded record, keeping fields this version does not know."""
        known = {k: v for k, v in data.items() if k in FIELD_SET}
        extra = {k: v for k, v in data.items() if k not in FIELD_SET}
        article = cls(**known)
        article.extra = extra
        return article

    def add_stage(self, stage: str, fingerprint: str, **details: Any) -> None:
        """Record that a stage ran, with its options' fingerprint."""
        self.stages.append({"stage": stage, "fingerprint": fingerprint, **details})

    def warn(self, warning: str) -> None:
        """Add a per-record warning once."""
        if warning not in self.warnings:
            self.warnings.append(warning)


def json_text(value: Any, *, sort_keys: bool = False, separators: tuple[str, str] | None = None) -> str:
    """Strict JSON that any program reads: NaN and Infinity (which Python's reader lets in from other
    tools) are written as null, as JavaScript's JSON.stringify does, never as bare `NaN`."""
    options: dict[str, Any] = {"ensure_ascii": False, "sort_keys": sort_keys, "separators": separators}
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError:  # a non-finite float somewhere: the rare path
        return json.dumps(_finite(value), **options)


def _finite(value: Any) -> Any:
    """The value with every NaN or infinite float replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Article) if f.name != "extra")
FIELD_SET = frozenset(FIELD_NAMES)
LIST_FIELDS = frozenset(f.name for f in fields(Article) if f.name != "extra" and "list" in str(f.type))


def fingerprint(options: object) -> str:
    """A short stable hash of a stage's options, so records say how they were made (same in every process)."""
    import dataclasses
    import hashlib

    data = dataclasses.asdict(options) if dataclasses.is_dataclass(options) else options  # type: ignore[arg-type]
    blob = json.dumps(data, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _plain(value: object) -> object:
    """JSON form of option values json cannot write: sets sorted (their order varies by process), else str."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)
