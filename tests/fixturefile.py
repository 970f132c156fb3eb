"""Plain-text multi-case fixtures (markdown-it's dotted format, STYLE.md lesson 8).

A case is a title line, a line ``.``, the input lines, a line ``.``, the expected lines
and a closing ``.``. Each case is yielded with the line number of its title, so a
failure names the fixture line.
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def read_cases(path: Path) -> list[tuple[int, str, str, str]]:
    """(line number, title, input, expected) for every case in ``path``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        title, start = lines[i], i + 1
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: expected '.' after the title"
        j = i + 2
        while lines[j] != ".":
            j += 1
        k = j + 1
        while lines[k] != ".":
            k += 1
        cases.append((start, title, "\n".join(lines[i + 2 : j]), "\n".join(lines[j + 1 : k])))
        i = k + 1
    return cases


def params(name: str) -> list:
    """pytest parameters for the cases of ``fixtures/rules/<name>.txt``, ids naming lines."""
    import pytest

    path = FIXTURES / "rules" / f"{name}.txt"
    return [pytest.param(inp, exp, id=f"{name}.txt:{no} {title}") for no, title, inp, exp in read_cases(path)]
