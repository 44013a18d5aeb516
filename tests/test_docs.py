"""The documentation stays true: the site builds, its code runs, its examples print what
they say, and the CLI reference names every option.

- ``mkdocs build --strict`` succeeds (broken links, missing nav pages fail it).
- Every ```python block of ``docs/*.md`` runs from the repo root, the blocks of one page
  in order in one namespace; a block preceded by ``<!-- no-test -->`` is skipped.
  ``docs/pipelines.md`` is tested by its own author.
- The worked example of ``docs/rules.md`` (blocks marked ``<!-- example: NAME -->``)
  is written to a folder and the commands of its ``<!-- explain: ... -->`` and
  ``<!-- output: ... -->`` blocks are run there and compared with the blocks.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from cleanarticle import batch, cli, explain
from cleanarticle.errors import RuleError
from cleanarticle.rules import load_rules, parse_rule_file

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Pages whose code blocks another test runs.
NOT_HERE = {"pipelines.md"}
FENCE = re.compile(
    r"(?:<!--\s*(?P<marker>[^>]*?)\s*-->\s*\n)?^```(?P<lang>\w*)[^\n]*\n(?P<body>.*?)^```",
    re.MULTILINE | re.DOTALL,
)
HEADER_RULES = {"headline", "standfirst", "headline.page-title"}


def blocks(page: Path) -> list[tuple[str, str, str, int]]:
    """``(marker, language, body, line)`` of every fenced block of ``page``."""
    text = page.read_text(encoding="utf-8")
    return [
        (m["marker"] or "", m["lang"], m["body"], text.count("\n", 0, m.start("body")) + 1)
        for m in FENCE.finditer(text)
    ]


# --- the site ------------------------------------------------------------------------------


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    for module in ("mkdocs", "material"):
        assert importlib.util.find_spec(module), "in the test extra: pip install -e '.[test]'"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "img" / "f1_vs_time.png").is_file()


def test_nav_pages_exist() -> None:
    nav = re.findall(r":\s*(\S+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
    assert "rules.md" in nav and "benchmarks.md" in nav
    for page in nav:
        assert (DOCS / page).is_file(), page


@pytest.mark.parametrize("name", ["f1_vs_time.png", "report.png"])
def test_doc_images_are_small(name: str) -> None:
    image = DOCS / "img" / name
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.stat().st_size < 300_000


# --- python blocks -------------------------------------------------------------------------


PAGES = sorted(p for p in DOCS.glob("*.md") if p.name not in NOT_HERE)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_python_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for marker, lang, body, line in blocks(page):
        if lang != "python" or marker == "no-test":
            continue
        code = compile(body, f"{page.relative_to(ROOT)}:{line}", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)


# --- the rule-authoring example ------------------------------------------------------------


RULES_DOC = DOCS / "rules.md"


def example_files() -> dict[str, str]:
    return {
        marker.split(":", 1)[1].strip(): body
        for marker, _, body, _ in blocks(RULES_DOC)
        if marker.startswith("example:")
    }


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    assert argv[0] == "cleanarticle"
    code = cli.main(argv[1:])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def example_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = example_files()
    assert set(files) == {"article.txt", "widget-donation.toml", "widget-promo.toml"}
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rules_example_files_load() -> None:
    files = example_files()
    for name in ("widget-donation.toml", "widget-promo.toml"):
        rules = parse_rule_file(files[name], name)
        assert [r.id.split(".")[0] for r in rules] == ["widget"]


def _rows(text: str) -> list[str]:
    """``--explain`` rows without the headline/standfirst moves (not what the page is about)."""
    return [row for row in text.splitlines() if row.split("\t")[1] not in HEADER_RULES]


def test_rules_example_outputs(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checked = 0
    for marker, _, body, line in blocks(RULES_DOC):
        kind, _, command = marker.partition(":")
        if kind not in ("explain", "output"):
            continue
        code, out = run_cli(shlex.split(command), capsys)
        assert code == cli.EXIT_OK, out
        where = f"docs/rules.md:{line} is out of date: {command.strip()}"
        if kind == "explain":
            assert _rows(out) == _rows(body), where
        else:
            assert out == body, where
        checked += 1
    assert checked == 4


def test_rules_example_python(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Python snippet of the example prints what its comment says."""
    snippets = [
        body
        for marker, lang, body, _ in blocks(RULES_DOC)
        if lang == "python" and marker == "no-test"
    ]
    assert len(snippets) == 1
    exec(compile(snippets[0], "docs/rules.md", "exec"), {})
    printed = capsys.readouterr().out.strip()
    assert printed == snippets[0].split("# ")[-1].strip()


def _mistake(name: str, old: str, new: str) -> str:
    text = example_files()[name]
    assert old in text, old
    return text.replace(old, new, 1)


PROMO_PATTERN = r"'^listen \s+ to \s+ the \s+ widget \s+ weekly\b'"
MISTAKES = {
    "spaces": ("widget-promo.toml", PROMO_PATTERN, "'^listen to the widget weekly'"),
    "double-quotes": (
        "widget-promo.toml",
        PROMO_PATTERN,
        r'"^listen\s+to\s+the\s+widget\s+weekly"',
    ),
    "typo": ("widget-promo.toml", "pattern =", "patern ="),
    "category": ("widget-promo.toml", 'category = "promo"\nkind', 'category = "podcast"\nkind'),
    "parenthesis": ("widget-promo.toml", r"'^listen \s+ to", r"'^(listen \s+ to"),
    "end-example": ("widget-donation.toml", 'end_example = "Support the Daily Widget today"\n', ""),
    "max-words": ("widget-promo.toml", "max_words = 15", "max_words = 5"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_rules_doc_error_messages(mistake: str) -> None:
    """Each common mistake gives the message the guide shows, word for word."""
    name, old, new = MISTAKES[mistake]
    with pytest.raises(RuleError) as info:
        parse_rule_file(_mistake(name, old, new), name)
    assert str(info.value) in RULES_DOC.read_text(encoding="utf-8")


def test_rules_doc_duplicate_and_disable_messages() -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    text = example_files()["widget-promo.toml"]
    with pytest.raises(RuleError) as info:
        parse_rule_file(text + text[text.index("[[rule]]") :], "widget-promo.toml")
    assert str(info.value) in doc
    with pytest.raises(RuleError) as info:
        load_rules("en", (), {"context.after-article"})
    assert str(info.value) in doc


def test_rules_doc_cli_messages(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    broken = _mistake("widget-promo.toml", PROMO_PATTERN, "'^listen to the widget weekly'")
    (example_dir / "widget-promo.toml").write_text(broken, encoding="utf-8")
    for command in re.findall(r"^\$ (cleanarticle .*)$", doc, re.MULTILINE):
        code, out = run_cli(shlex.split(command), capsys)
        assert code == cli.EXIT_ERROR
        assert f"$ {command}\n{out}" in doc


# --- the CLI reference ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "parser",
    [cli.build_parser(), explain.build_parser(), batch.build_parser()],
    ids=["cleanarticle", "explain", "batch"],
)
def test_cli_reference_names_every_option(parser: argparse.ArgumentParser) -> None:
    doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"## {parser.prog}" in doc
    for action in parser._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in doc, f"docs/cli.md does not mention {parser.prog} {option}"
