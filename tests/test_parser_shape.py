"""The parser stays a set of small rules a newcomer can extend (issue 12).

ruff's complexity check (C901, at most 12, pyproject.toml) covers ``encoder/parser``; these
tests hold the other two bounds: no parser function of 60 lines or more, and no word of the
vocabulary listed twice.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from encoder import vocabulary

PARSER = Path(__file__).resolve().parents[1] / "encoder" / "parser"
MAX_LINES = 60


def _functions() -> list[tuple[str, int]]:
    found = []
    for path in sorted(PARSER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((f"{path.name}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1))
    return found


def test_parser_has_functions() -> None:
    assert len(_functions()) > 50


@pytest.mark.parametrize(("where", "length"), _functions(), ids=[w for w, _ in _functions()])
def test_parser_function_is_short(where: str, length: int) -> None:
    assert length < MAX_LINES, f"{where} has {length} lines"


_LISTS = [
    "DOC_KINDS",
    "KIND_QUALIFIERS",
    "LABELS",
    "ATTACHMENT_WORDS",
    "SALUTATIONS",
    "CLOSING_WORDS",
    "COURTESY_TITLES",
    "NOBLE_TITLES",
    "TITLES",
    "OFFICE_WORDS",
    "OFFICE_RANKS",
    "OFFICES_NAMED_WITH_TO",
    "INSTITUTIONS",
    "ORGANIZATION_WORDS",
    "CLASSIFICATION",
    "PRECEDENCE",
    "HANDLING",
    "MONTHS",
]


@pytest.mark.parametrize("name", _LISTS)
def test_vocabulary_list_has_no_repeat(name: str) -> None:
    words = list(getattr(vocabulary, name))
    assert len(words) == len(set(words)), name


def test_parser_modules_spell_no_month() -> None:
    """Months are written once, in the vocabulary; a rule that needs them imports them."""
    for path in sorted(PARSER.glob("*.py")):
        assert "September" not in path.read_text(encoding="utf-8"), path.name
