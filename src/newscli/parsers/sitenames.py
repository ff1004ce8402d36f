"""A page's names for its own site (og:site_name, publisher, host), to tell them from titles and people."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Host labels that name no site: www., m., and the generic second levels of country domains.
_NOT_SITE_LABELS = frozenset(
    {"www", "m", "amp", "com", "co", "org", "net", "gov", "edu", "ac", "or", "ne", "go"}
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
MIN_CONTAINED = 3  # a site name found inside a longer text must have at least this many letters
EXTRA_WORDS = 2  # and the text may have at most this many words more than the site name ("NTV Haber")
SITE_PARTICLE_CHARS = 2  # lower-case words this short may stand in a site name ("of", "de")


def compact(text: str) -> str:
    """Letters and digits only, casefolded: "Globalnews.ca" and "globalnews.ca" compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def _variants(text: str) -> set[str]:
    """The compact form, and without accents or with umlauts spelled out, as host names write them."""
    plain = compact(text)
    bare = "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))
    return {v for v in (plain, bare, plain.translate(_UMLAUTS)) if v}


def _host_labels(host: str) -> list[str]:
    """The labels of a host that can name the site ("www.ntv.com.tr" -> ["ntv.com.tr", "ntv"])."""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2:
        return []
    named = [label for label in labels[:-1] if label not in _NOT_SITE_LABELS and len(label) >= 2]
    return [".".join(labels[1:] if labels[0] == "www" else labels), *named]


def looks_like_host(text: str) -> bool:
    """A domain written as a name ("Golem.de", "www.dw.com"): one word with a dot between letters."""
    word = text.strip().lower()
    return " " not in word and "." in word.strip(".") and word.rsplit(".", 1)[-1].isalpha()


def _split_parenthesis(name: str) -> list[str]:
    """ "Schweizer Radio und Fernsehen (SRF)" -> both names; a name without parentheses stays whole."""
    head, paren, tail = name.partition("(")
    if not paren:
        return [name]
    inner = tail.split(")", 1)[0]
    return [part.strip() for part in (head, inner) if part.strip()]


@dataclass(frozen=True)
class SiteNames:
    """A page's names for its site, compared letters-only; `matches` says whether a text is one of them."""

    forms: frozenset[str] = frozenset()
    words: int = 0  # words of the longest declared name

    @classmethod
    def build(cls, names: Iterable[str | None], urls: Iterable[str | None] = ()) -> SiteNames:
        """From declared site names (og:site_name, publisher …) and the page's URLs."""
        words: list[str] = []
        for name in names:
            for part in _split_parenthesis(name or ""):
                words += _host_labels(part) if looks_like_host(part) else [part]
        for url in urls:
            host = urlsplit(url or "").hostname
            words += _host_labels(host) if host else []
        forms = {form for word in words for form in _variants(word)}
        longest = max((len(word.split()) for word in words), default=0)
        return cls(frozenset(forms), longest)

    def matches(self, text: str, loose: bool = False) -> bool:
        """Whether the text names the site; `loose` also accepts a name holding it ("NTV Haber")."""
        for part in _split_parenthesis(text):
            words = _host_labels(part) if looks_like_host(part) else [part]
            forms = {form for word in words for form in _variants(word)}
            if forms & self.forms:
                return True
            if loose and any(self._holds(form, site, part) for form in forms for site in self.forms):
                return True
        return False

    def _holds(self, form: str, site: str, text: str) -> bool:
        """One holds the other, and a text holding the site name reads as a name, not a phrase.

        "NTV Haber" (a word or two more) and "Die Neue Südtiroler Tageszeitung" (ending with it) name
        the site; "The Guardian view on Hong Kong" and "Welpen kaufen" do not.
        """
        if not _contains(form, site):
            return False
        if len(form) <= len(site):
            return True
        few_more = len(text.split()) <= self.words + EXTRA_WORDS
        return capitalised(text, SITE_PARTICLE_CHARS) and (few_more or form.endswith(site))


def capitalised(text: str, particle_chars: int) -> bool:
    """Every word starts with a capital (or has no case), bar particles this short ("of", "de", "van")."""
    words = text.split()
    return bool(words) and all(not w[:1].islower() or len(w) <= particle_chars for w in words)


def _contains(text: str, site: str) -> bool:
    """One of the two holds the other, and the shorter is long enough not to match by chance."""
    shorter, longer = sorted((text, site), key=len)
    return len(shorter) >= MIN_CONTAINED and shorter in longer
