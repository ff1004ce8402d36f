"""The catalogue: every hostile input and hostile moment, in the order RELIABILITY.md lists them.

Tests and the report both read `CASES`; a case with `bug` set is a known defect (a strict xfail in the
tests, reported to its owner), and its report row shows what newscli does today.
"""

from __future__ import annotations

import signal

from tests.robustness import archives, databases, formats, names
from tests.robustness.inputs import (
    article_inside,
    binary_files,
    empty_files,
    entity_bomb,
    external_entities,
    gzip_bomb,
    hostile_names,
    jsonl_100k,
    jsonl_bad_unicode,
    long_line,
    million_rows,
    nested,
    nul_in_html,
    page_50mb,
    page_50mb_allowed,
    script_in_html_export,
    script_in_markdown_export,
    special_files,
    stdin_too_large,
    symlink_loop,
    unreadable_directory,
    unreadable_file,
)
from tests.robustness.outputs import (
    batch_disk_full,
    batch_interrupted,
    disk_full,
    exists,
    first_file,
    later,
    names_from_records,
    signal_mid_write,
    workers_interrupted,
)
from tests.robustness.scenario import Case, Line

CASES: tuple[Case, ...] = (
    Case("empty", "empty file and whitespace-only file", empty_files),
    Case("binary", "PNG named .html, gzip of random bytes, random bytes", binary_files),
    Case("nul-bytes", "NUL bytes inside the text of an HTML page", nul_in_html),
    Case("jsonl-unicode", "invalid UTF-8 and a lone surrogate on JSON Lines lines", jsonl_bad_unicode),
    Case("jsonl-100k", "100,000 JSON Lines records, one broken line in the middle", jsonl_100k),
    Case("page-50mb", "a 50 MB page (default --max-bytes 20 MB)", page_50mb),
    Case("page-50mb-allowed", "a 50 MB page with --max-bytes 60 MB", page_50mb_allowed, slow=True),
    Case("gzip-bomb", "a 100 KB .html.gz inflating to 100 MB", gzip_bomb),
    Case("stdin-25mb", "25 MB of page piped to stdin", stdin_too_large),
    Case("nested-100k", "100,000 nested <div> elements", nested),
    Case("table-1m", "a table of 1,000,000 rows", million_rows),
    Case("line-5mb", "a 5 MB page on one line", long_line),
    Case("entity-bomb", "XHTML billion-laughs entity bomb", entity_bomb),
    Case("external-entity", "XHTML external entities (file:// marker, local http)", external_entities),
    Case("script-html", "<script>/onerror in title and text, --to html", script_in_html_export),
    Case("script-markdown", "<script>/onerror in title and text, --to markdown", script_in_markdown_export),
    Case("hostile-names", "file names with spaces, newline, quotes, Arabic, $(...)", hostile_names),
    Case("symlink-loop", "a directory with symlinks to itself and its parent", symlink_loop),
    Case("special-files", "a FIFO and a link to /dev/zero", special_files),
    Case("unreadable-file", "a mode-000 file, by name and in a directory", unreadable_file),
    Case(
        "unreadable-dir",
        "a mode-000 subdirectory in a directory walk",
        unreadable_directory,
    ),
    Case(
        "names-default",
        "records with ../, absolute, NUL, long, reserved titles/ids, -o DIR/",
        names_from_records(None),
    ),
    Case(
        "names-template",
        "the same records with --name-template using every field",
        names_from_records("{date}-{id}-{title}-{source_stem}-{lang}-{slug}"),
    ),
    Case(
        "disk-full",
        "the file-size limit is hit while writing -o FILE --overwrite",
        disk_full,
    ),
    Case(
        "batch-disk-full",
        "the file-size limit is hit during `newscli run --state -o FILE`",
        batch_disk_full,
        needs="newscli.batch",
    ),
    Case(
        "sigint-mid-write",
        "Ctrl-C while -o FILE --overwrite is half written",
        signal_mid_write(signal.SIGINT, 130, Line("newscli: interrupted")),
    ),
    Case(
        "sigterm-mid-write",
        "SIGTERM while -o FILE --overwrite is half written",
        signal_mid_write(signal.SIGTERM, 143, Line("newscli: ")),
    ),
    Case(
        "batch-sigint",
        "Ctrl-C during `newscli run --state`, then a second run",
        batch_interrupted(signal.SIGINT, 130),
        needs="newscli.batch",
    ),
    Case(
        "batch-sigterm",
        "SIGTERM during `newscli run --state`, then a second run",
        batch_interrupted(signal.SIGTERM, 143),
        needs="newscli.batch",
    ),
    # ---- round two: each class of issue #16 is a family of generated variants
    Case("names-walk", "five file names that are not UTF-8 in a directory walk", names.walked),
    Case("names-argv", "undecodable names as arguments and in a glob, one of them empty", names.by_argument),
    Case("names-missing", "an undecodable name that does not exist, a glob matching none", names.missing),
    Case("names-cron", "`run d -o n.db --state s` over undecodable names, twice", names.cron_state),
    Case(
        "names-outputs", "`run -o out/ --errors` over undecodable names, one broken", names.outputs_and_report
    ),
    Case("names-paths", "undecodable bytes in the -o and --state paths themselves", names.output_paths),
    *(Case(name, what, build) for name, what, build in archives.FAMILY),
    *(Case(name, what, build) for name, what, build, _ in databases.FAMILY),
    *(Case(name, what, build) for name, what, build in formats.FAMILY),
    Case(
        "sigint-workers-db-start",
        "Ctrl-C to the process group as `run -o out.db -j 2` starts its workers",
        workers_interrupted("out.db", exists("out.db")),
    ),
    Case(
        "sigint-workers-db-mid",
        "Ctrl-C to the process group 1 s into `run -o out.db -j 2`",
        workers_interrupted("out.db", later(1.0, exists("out.db"))),
    ),
    Case(
        "sigint-workers-dir-start",
        "Ctrl-C to the process group as `run -o out/ -j 2` starts its workers",
        workers_interrupted("out/", exists("out")),
    ),
    Case(
        "sigint-workers-dir-mid",
        "Ctrl-C to the process group once `run -o out/ -j 2` wrote its first file",
        workers_interrupted("out/", first_file("out")),
    ),
    Case(
        "sigint-workers-state",
        "Ctrl-C to the process group once `run --state s -o out/ -j 2` wrote its first file",
        workers_interrupted("out/", first_file("out"), state=True),
    ),
    Case(
        "deep-b", "the article inside 100,000 nested <b>", article_inside("<b>", "</b>", 100_000), slow=True
    ),
    Case(
        "deep-b-open",
        "the article after 100,000 <b> never closed",
        article_inside("<b>", "", 100_000, close=False),
        slow=True,
    ),
    Case(
        "deep-tables",
        "the article inside 30,000 nested tables",
        article_inside("<table><tr><td>", "</td></tr></table>", 30_000),
        slow=True,
    ),
    Case(
        "deep-div-span-i",
        "the article inside 33,000 nested div/span/i",
        article_inside("<div><span><i>", "</i></span></div>", 33_000),
        slow=True,
    ),
    Case(
        "deep-lists",
        "the article inside 50,000 nested lists",
        article_inside("<ul><li>", "</li></ul>", 50_000),
        slow=True,
    ),
)
