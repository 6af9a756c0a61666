"""Every ```python block in README.md and docs/*.md runs, so the documentation cannot drift from the code.

Blocks that define ``def test_`` are pytest test modules: each runs in its own pytester directory with the
plugin active and must pass.  Other blocks are executed as scripts.  A block opts out only through an HTML
comment ``<!-- no-run: reason -->`` as the nearest non-blank line above its opening fence.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
OPT_OUT = re.compile(r"^<!--\s*no-run:(?P<reason>.*?)-->$")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")

# What every example runs under: the same strictness as the project's own tests.  Hypothesis's plugin is
# off because pytester discards imported modules after each in-process run and it re-imports (~1 s) each time.
EXAMPLE_INI = """\
[pytest]
addopts = --strict-markers -p no:cacheprovider -p no:hypothesispytest
xfail_strict = true
filterwarnings =
    error
    ignore::DeprecationWarning:botocore.*
    ignore::DeprecationWarning:moto.*
"""


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown document."""

    document: Path
    line: int
    language: str
    code: str
    opt_out: str | None
    """The reason given by ``<!-- no-run: reason -->`` above the block, if any."""

    @property
    def label(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"

    @property
    def is_pytest_module(self) -> bool:
        return re.search(r"^\s*(async\s+)?def test_", self.code, re.M) is not None


def fenced_blocks(document: Path) -> list[Block]:
    """The fenced blocks of ``document`` in order, with their language and opt-out comment."""
    lines = document.read_text().splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening["fence"], opening["indent"]
        start = index
        body: list[str] = []
        index += 1
        while index < len(lines) and not _closes(lines[index], fence):
            body.append(lines[index][len(indent) :] if lines[index].startswith(indent) else lines[index])
            index += 1
        index += 1
        info = opening["info"].strip()
        language = info.split()[0].lower() if info else ""
        blocks.append(Block(document, start + 1, language, "\n".join(body) + "\n", _opt_out(lines, start)))
    return blocks


def _closes(line: str, fence: str) -> bool:
    """A closing fence is the opening's character, at least as many times, and nothing else."""
    return re.fullmatch(f"{re.escape(fence[0])}{{{len(fence)},}}", line.strip()) is not None


def _opt_out(lines: list[str], fence_index: int) -> str | None:
    above = next((line.strip() for line in reversed(lines[:fence_index]) if line.strip()), "")
    marker = OPT_OUT.match(above)
    return marker["reason"].strip() if marker else None


def python_blocks() -> list[Block]:
    return [block for document in DOCUMENTS for block in fenced_blocks(document) if block.language == "python"]


RUNNABLE = [block for block in python_blocks() if block.opt_out is None]


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda block: block.label)
def test_python_block_runs(block: Block, pytester: pytest.Pytester) -> None:
    if block.is_pytest_module:
        pytester.makeini(EXAMPLE_INI)
        pytester.makepyfile(**{"test_example": block.code})
        result = pytester.runpytest()
        outcomes = result.parseoutcomes()
        assert result.ret == pytest.ExitCode.OK, f"{block.label} failed:\n{result.stdout.str()}"
        assert outcomes.get("passed", 0) >= 1
        assert set(outcomes) <= {"passed", "seconds"}, f"{block.label}: {outcomes}"
    else:
        namespace = {"__name__": f"docs_example_{block.line}"}
        exec(compile(block.code, block.label, "exec"), namespace)


@pytest.mark.parametrize(
    ("heading", "service"), [("## SES v1 operations", "ses"), ("## SES v2 operations", "sesv2")]
)
def test_documented_operations_are_implemented(heading: str, service: str) -> None:
    """The operation tables of configuration-sets.md name only operations that the fake routes to its core."""
    from pytest_ses.core.api import operations

    page = (ROOT / "docs" / "configuration-sets.md").read_text()
    section = page.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    documented = {
        name
        for row in section.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Za-z]+)`", row.split("|")[1])
    }
    assert len(documented) >= 10
    assert sorted(documented - set(operations(service))) == []


def test_every_opt_out_gives_a_reason() -> None:
    opted_out = [block for block in python_blocks() if block.opt_out is not None]
    assert [block.label for block in opted_out if not block.opt_out] == []


def test_readme_has_a_runnable_example_test() -> None:
    """Guards the extraction itself: a parser that finds nothing would make every other check vacuous."""
    readme_tests = [block for block in RUNNABLE if block.document.name == "README.md" and block.is_pytest_module]
    assert readme_tests, "README.md should show at least one runnable example test"


def test_fence_parser_reads_language_opt_out_and_indentation(tmp_path: Path) -> None:
    document = tmp_path / "page.md"
    document.write_text(
        "Intro\n\n<!-- no-run: needs AWS -->\n\n```python\nskipped()\n```\n\n"
        '- item\n\n    ```python title="x.py"\n    def test_ok():\n        pass\n    ```\n\n'
        "````markdown\n```python\nnot_a_block()\n```\n````\n"
    )
    blocks = fenced_blocks(document)
    assert [(block.line, block.language, block.opt_out) for block in blocks] == [
        (5, "python", "needs AWS"),
        (11, "python", None),
        (16, "markdown", None),
    ]
    assert blocks[1].code == "def test_ok():\n    pass\n"
    assert blocks[1].is_pytest_module
    assert not blocks[0].is_pytest_module


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs is in the [test] extra")
def test_site_builds_strictly(tmp_path: Path) -> None:
    """Broken links, missing nav entries and unknown anchors are errors under --strict."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").exists()
