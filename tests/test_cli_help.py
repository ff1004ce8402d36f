"""Help and shell completion: -h everywhere, examples and option panels, full command descriptions,
and completion of each command's options and of --to's formats through the shell's variables."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newscli.cli import COMMANDS, EXAMPLES, invoked_command
from tests.conftest import ROOT, run_cli

FORMATS = ["jsonl", "json", "csv", "tsv", "markdown", "html", "txt", "sqlite", "parquet"]


def sections(help_text: str) -> dict[str, list[str]]:
    """A help screen's sections: heading (a line ending in ':' at the margin) -> its lines."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in help_text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            current = line[:-1]
            found[current] = []
        elif current:
            found[current].append(line)
    return found


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_short_h_prints_the_same_help_as_long_help(command: str) -> None:
    args = [command] if command else []
    short, long = run_cli(*args, "-h"), run_cli(*args, "--help")
    assert (short.returncode, long.returncode) == (0, 0)
    assert short.stdout == long.stdout
    assert short.stdout.decode().startswith(f"Usage: newscli {command}".rstrip() + " [OPTIONS]")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_has_two_or_three_examples_in_its_help(command: str) -> None:
    examples = sections(run_cli(command, "-h", env={**os.environ, "COLUMNS": "200"}).stdout.decode())[
        "Examples"
    ]
    commands = [line.strip() for line in examples if line.strip() and not line.strip().startswith("#")]
    assert 2 <= len(commands) <= 3
    assert commands == [line for _, line in EXAMPLES[command]]
    assert all(line.startswith(("newscli ", "cat ")) for line in commands)


@pytest.mark.parametrize(
    ("command", "panels"),
    [
        ("extract", ["Arguments", "Input and output", "Extraction", "Fetching URLs", "Options", "Examples"]),
        (
            "clean",
            [
                "Arguments",
                "Input and output",
                "Extraction",
                "Fetching URLs",
                "Cleaning",
                "Options",
                "Examples",
            ],
        ),
        (
            "export",
            [
                "Arguments",
                "Input and output",
                "Extraction",
                "Fetching URLs",
                "Cleaning",
                "Summarizing",
                "Options",
                "Examples",
            ],
        ),
        (
            "run",
            [
                "Arguments",
                "Input and output",
                "Extraction",
                "Fetching URLs",
                "Cleaning",
                "Summarizing",
                "Batch",
                "Options",
                "Examples",
            ],
        ),
        (
            "digest",
            [
                "Arguments",
                "Input and output",
                "Stories",
                "Extraction",
                "Fetching URLs",
                "Cleaning",
                "Options",
                "Examples",
            ],
        ),
    ],
)
def test_options_are_grouped_under_their_panels(command: str, panels: list[str]) -> None:
    help_sections = sections(run_cli(command, "--help").stdout.decode())
    assert [name for name in help_sections if name not in ("Usage",)] == panels


def test_export_options_panel_holds_the_output_options() -> None:
    rows = sections(run_cli("export", "--help").stdout.decode())["Input and output"]
    flags = [row.split()[0].rstrip(",") for row in rows if row.startswith("  -")]
    assert flags == ["-t", "-o", "--overwrite", "--name-template", "--bom", "-q", "-v"]


def test_top_level_help_lists_every_command_with_its_whole_description() -> None:
    help_text = run_cli("--help", env={**os.environ, "COLUMNS": "80"}).stdout.decode()
    listed: dict[str, str] = {}
    name = ""
    for line in sections(help_text)["Commands"]:
        words = line.split()
        if line.startswith("  ") and not line.startswith("   "):
            name = words[0]
            listed[name] = " ".join(words[1:])
        elif words:
            listed[name] += " " + " ".join(words)
    assert listed == {name: text for name, (text, _) in COMMANDS.items()}
    assert "..." not in help_text.split("Commands:")[1]


def complete(words: str, cword: int, extra: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers: run newscli as the completion script does, with COMP_WORDS set."""
    env = {**os.environ, "_NEWSCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    done = subprocess.run(
        [sys.executable, "-m", "newscli"], env={**env, **(extra or {})}, capture_output=True, cwd=ROOT,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.decode().split()


def test_completion_offers_the_commands_options() -> None:
    assert complete("newscli extract --", 2) == [
        "--to", "--output", "--overwrite", "--name-template", "--bom", "--quiet", "--verbose", "--fast",
        "--encoding", "--max-bytes", "--urls", "--fetch-timeout", "--concurrency", "--delay", "--user-agent",
        "--allow-private", "--discover", "--help",
    ]  # fmt: skip
    assert complete("newscli run --st", 2) == ["--state"]
    assert complete("newscli summarize samples/ --b", 3) == ["--bom", "--bullets"]


def test_completion_offers_the_formats_after_to() -> None:
    assert complete("newscli export --to ", 3) == FORMATS
    assert complete("newscli run samples/ -t m", 4) == ["markdown"]


def test_completion_offers_command_names() -> None:
    assert complete("newscli ex", 1) == ["extract", "export"]


def test_zsh_completion_reads_the_words_from_typers_variable() -> None:
    env = {"_NEWSCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "newscli clean --ke"}
    done = subprocess.run(
        [sys.executable, "-m", "newscli"], env={**os.environ, **env}, capture_output=True, cwd=ROOT, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.stdout.decode() == (
        """_arguments '*: :(("--keep":"Keep lines of this category (repeatable), e.g. --keep credit."))'\n"""
    )


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["newscli", "export", "x.jsonl"], {}, "export"),
        (["newscli", "--version"], {}, ""),
        (["newscli"], {"_NEWSCLI_COMPLETE": "complete_bash", "COMP_WORDS": "newscli run --to "}, "run"),
        (
            ["newscli"],
            {"_NEWSCLI_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "newscli clean -"},
            "clean",
        ),
        (["newscli"], {"_NEWSCLI_COMPLETE": "complete_bash", "COMP_WORDS": "newscli ex"}, ""),
    ],
)
def test_invoked_command_is_read_from_argv_or_from_the_completion_words(
    argv: list[str], environ: dict[str, str], expected: str
) -> None:
    assert invoked_command(argv, environ) == expected


def test_help_imports_neither_rich_nor_the_extraction_stack() -> None:
    code = (
        "import sys\n"
        "from newscli.cli import main\n"
        "sys.argv = ['newscli', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('rich', 'trafilatura', 'lxml', 'bs4', 'charset_normalizer', 'markdown_it', 'pygments')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.stderr.decode().splitlines()[-1] == "[]"
