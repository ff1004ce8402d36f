"""CPU time of newscli's page extraction against trafilatura's on hostile page shapes of growing size.

Each measurement runs in a fresh process (imports are not timed): newscli's parse_html (decoding, metadata,
main text, language) against trafilatura.extract(output_format="json", with_metadata=True), what its CLI
runs per page. Prints CPU seconds per size, the newscli/trafilatura ratio and each tool's log-log slope.

    python benchmarks/html_shapes.py [--shape NAME ...] [--scale 0.25]
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
from collections.abc import Callable

P = "The harbour authority said on Monday that the new ferry terminal will open in the spring. "


def _page(body: str) -> str:
    """A page around a body."""
    return f"<html><head><title>Shapes</title></head><body>{body}</body></html>"


def _rows(n: int) -> str:
    """n table rows of two cells."""
    return "".join(f"<tr><td>row {i}</td><td>{i}</td></tr>" for i in range(n))


# shape -> (builder of a page from n, the n of each size step)
SHAPES: dict[str, tuple[Callable[[int], str], tuple[int, ...]]] = {
    "nested <b>": (lambda n: _page("<p>" + "<b>bold " * n + "</b>" * n + "</p>"), (25_000, 50_000, 100_000)),
    "nested <div>": (lambda n: _page("<div>" * n + f"<p>{P}</p>" + "</div>" * n), (25_000, 50_000, 100_000)),
    "nested <span><i>": (
        lambda n: _page(f"<p>{P}</p>" + f"<span><i>{P[:30]}" * n + "</i></span>" * n),
        (12_500, 25_000, 50_000),
    ),
    "nested tables": (
        lambda n: _page("<table><tr><td>" * n + P + "</td></tr></table>" * n),
        (10_000, 20_000, 40_000),
    ),
    "paragraphs": (
        lambda n: _page("<article>" + "".join(f"<p>{i} {P}</p>" for i in range(n)) + "</article>"),
        (12_500, 25_000, 50_000, 100_000, 200_000),
    ),
    "table rows": (
        lambda n: _page("<table>" + _rows(n) + "</table>"),
        (10_000, 20_000, 40_000),
    ),
}

_CHILD = """
import logging, sys, time
logging.disable(logging.CRITICAL)
sys.path.insert(0, {benchmarks!r})
from html_shapes import SHAPES
html = SHAPES[{shape!r}][0]({n})
if {tool!r} == "newscli":
    from newscli.errors import InputError
    from newscli.parsers.html import ExtractOptions, parse_html
    from newscli.sources import Source
    import newscli.lang.detect, newscli.parsers.html_meta, newscli.parsers.main_text, trafilatura
    data = html.encode()
    start = time.process_time()
    try:
        parse_html(Source(name="page", data=data), ExtractOptions(max_bytes=10**9))
    except InputError:
        pass
else:
    import trafilatura
    start = time.process_time()
    trafilatura.extract(html, output_format="json", with_metadata=True)
print(time.process_time() - start, len(html))
"""


def measure(shape: str, n: int, tool: str) -> tuple[float, int]:
    """(CPU seconds, page bytes) of one tool on one page, in a fresh process."""
    from pathlib import Path

    code = _CHILD.format(benchmarks=str(Path(__file__).parent), shape=shape, n=n, tool=tool)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, size = done.stdout.split()
    return float(seconds), int(size)


def slope(sizes: list[int], seconds: list[float]) -> float:
    """Log-log slope between the smallest and the largest size (1.0 = linear)."""
    return math.log(max(seconds[-1], 1e-3) / max(seconds[0], 1e-3)) / math.log(sizes[-1] / sizes[0])


def main(argv: list[str] | None = None) -> int:
    """Measure every shape at every size and print one Markdown table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="only these shapes")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this (quick runs)")
    args = parser.parse_args(argv)
    print("| shape | size | newscli CPU s | trafilatura CPU s | ratio |")
    print("|---|---|---|---|---|")
    slopes = []
    for shape in args.shape or list(SHAPES):
        sizes, ours, theirs = [], [], []
        for n in SHAPES[shape][1]:
            n = max(1, int(n * args.scale))
            mine, size = measure(shape, n, "newscli")
            other, _ = measure(shape, n, "trafilatura")
            sizes.append(size)
            ours.append(mine)
            theirs.append(other)
            ratio = mine / max(other, 1e-3)
            print(f"| {shape} | {size / 1e6:.2f} MB | {mine:.2f} | {other:.2f} | {ratio:.2f}x |")
        slopes.append(f"| {shape} | {slope(sizes, ours):.2f} | {slope(sizes, theirs):.2f} |")
    print("\n| shape | newscli log-log slope | trafilatura log-log slope |\n|---|---|---|")
    print("\n".join(slopes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
