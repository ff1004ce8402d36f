"""Fuzz the HTML path: random pages through parse_html must give an article or a newscli error, nothing else.

    python benchmarks/fuzz_html.py                  # 300 pages, a fixed seed (about half a minute)
    python benchmarks/fuzz_html.py --examples 5000 --seed 7

Pages are built by hypothesis from a grammar of tags that trip extractors (script, style, template,
tables, hidden elements, deep nesting, XML preambles with entities, bidi controls, NUL bytes, broken
markup and charsets), then sometimes mutated at the byte level. Exits 1 and prints the smallest
failing page when anything but an Article or a NewscliError comes out.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

TAGS = (
    "p", "div", "span", "article", "main", "section", "h1", "h2", "ul", "li", "table", "tr", "td", "a",
    "script", "style", "template", "noscript", "iframe", "svg", "math", "textarea", "title", "br", "img",
)  # fmt: skip
ATTRIBUTES = (
    "", ' hidden', ' aria-hidden="true"', ' style="display:none"', ' dir="rtl"', ' lang="ar"',
    ' class="byline"', ' onclick="alert(1)"', ' href="javascript:alert(1)"', ' src="file:///etc/passwd"',
)  # fmt: skip
WORDS = (
    "The council voted to fund the bridge.", "وافق المجلس على تمويل المحطة.", "Lire aussi : la suite",
    "By Jane Doe", "بقلم أحمد علي", "Read more:", "&amp;", "&lt;script&gt;", "&bogus;", "&#0;", "&#x110000;",
    "\u202e\u200f", "\x00", "\ufeff", "ﻻ", "é́", "\U0001f600", "]]>", "<!--", "-->", "<![CDATA[x]]>",
)  # fmt: skip
PREAMBLES = (
    "", "<!DOCTYPE html>", '<?xml version="1.0" encoding="windows-1256"?>',
    '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;"><!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<meta charset="iso-8859-6">', '<meta charset="x-unknown">', "\ufeff",
)  # fmt: skip


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One element around children, its end tag sometimes missing or mismatched."""
    return st.builds(
        lambda tag, attr, inner, end: f"<{tag}{attr}>{''.join(inner)}{end.format(tag=tag)}",
        st.sampled_from(TAGS),
        st.sampled_from(ATTRIBUTES),
        st.lists(children, max_size=4),
        st.sampled_from(["</{tag}>", "</{tag}>", "", "</p>", "</{tag}"]),
    )


fragments = st.recursive(st.sampled_from(WORDS) | st.text(max_size=30), element, max_leaves=40)
pages = st.builds(
    lambda preamble, body, depth: f"{preamble}<html><body>{'<div>' * depth}{''.join(body)}</body></html>",
    st.sampled_from(PREAMBLES),
    st.lists(fragments, max_size=12),
    st.sampled_from([0, 0, 0, 300, 5000]),
)
encodings = st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1256", "latin-1"])


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    """A generated page in some encoding, sometimes with bytes flipped or cut."""
    data = draw(pages).encode(draw(encodings), "replace")
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at + draw(st.integers(0, 8)) :]
    return data


def main() -> int:
    """Run the fuzzer; print outcome counts, speed and any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="pages to try (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()

    from newscli.errors import NewscliError
    from newscli.model import Article
    from newscli.parsers.html import ExtractOptions, parse_html
    from newscli.sources import Source

    outcomes: Counter[str] = Counter()
    failures: list[tuple[bytes, str]] = []

    @seed(args.seed)
    @settings(
        max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=page_bytes())
    def run(data: bytes) -> None:
        """One page: an Article or a NewscliError; anything else is a finding."""
        try:
            result: Any = parse_html(Source(name="fuzz.html", data=data), ExtractOptions())
            outcomes["article" if isinstance(result, Article) else type(result).__name__] += 1
        except NewscliError as exc:
            outcomes[f"error:{exc.reason}"] += 1
        except Exception:
            failures.append((data, traceback.format_exc()))
            raise

    started = time.perf_counter()
    try:
        run()
    except Exception:
        data, trace = min(failures, key=lambda f: len(f[0]))
        print(f"FAILED on a {len(data)}-byte page:\n{data[:2000]!r}\n{trace}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    total = sum(outcomes.values())
    print(f"{total} pages in {seconds:.1f} s ({total / seconds:.1f} pages/s), seed {args.seed}: no crash")
    for name, count in sorted(outcomes.items()):
        print(f"  {name:24} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
