"""The docs runner's parser: the code blocks of a Markdown page, in order, and which to run.

A fenced block whose language is ``python``, ``pycon`` (a doctest), ``bash``, ``sh`` or
``console`` is run; any other language (``text``, ``toml``, ``powershell``…) is shown only.
A block that must not run (it installs software, needs the network, or shows a command for
another machine) is marked with an HTML comment on the line right above its fence, which the
site does not show::

    <!-- docs-runner: skip (installs the package) -->
    ```bash
    pip install klimatkalk
    ```

The reason in parentheses is required, so that the list of skipped blocks stays short and
explained (``tests/docs/test_snippets.py`` caps how many there are).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

RUN = {"python": "python", "py": "python", "pycon": "pycon", "bash": "bash", "sh": "bash"}
RUN["console"] = "bash"

SNIPPET = re.compile(r'^--8<--\s+"(?P<path>[^"]+)"\s*$')
"""A pymdownx.snippets line: the file's text is put in its place (base path: the repository)."""
ROOT = Path(__file__).resolve().parents[2]

SKIP = re.compile(r"<!--\s*docs-runner:\s*skip\s*\((?P<reason>[^)]+)\)\s*-->")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\n`]*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # 1-based line of the opening fence
    language: str  # "python", "pycon", "bash" or "" (not run)
    code: str
    skip: str | None  # the reason, when marked not to run

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """Return the fenced code blocks of ``page`` in order (indented ones in lists included)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        info = match.group("info").strip()
        language = info.split()[0].lstrip("{.").rstrip("}").lower() if info else ""
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not (
            lines[i].strip().startswith(fence) and lines[i].strip().strip(fence[0]) == ""
        ):
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence
        before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        skip = SKIP.search(before)
        code = textwrap.dedent("\n".join(body)) if indent else "\n".join(body)
        code = "\n".join(_expand(line) for line in code.split("\n"))
        out.append(
            Block(
                page=page,
                line=start + 1,
                language=RUN.get(language, ""),
                code=code + "\n",
                skip=skip.group("reason").strip() if skip else None,
            )
        )
    return out


def _expand(line: str) -> str:
    """Replace a snippet line by the file it names, as the site build does."""
    match = SNIPPET.match(line.strip())
    if match is None:
        return line
    return (ROOT / match.group("path")).read_text(encoding="utf-8").rstrip("\n")
