"""Parser rules, one plain-text fixture file per rule module (tests/fixtures/rules/)."""

from __future__ import annotations

import pytest
from dump import dump, inline
from fixturefile import params

from encoder.model import ListBlock, Paragraph
from encoder.parser import parse_documents
from encoder.parser.heading import analyze


def _show(items: list) -> str:
    return inline(items, note_text=True, plain=True)


@pytest.mark.parametrize(("text", "expected"), params("markers"))
def test_markers(text: str, expected: str) -> None:
    doc = parse_documents(text, "case.txt")[0]
    paras = []
    for blk in doc.body:
        if isinstance(blk, Paragraph):
            paras.append(_show(blk.content))
        elif isinstance(blk, ListBlock):
            paras.extend(_show(it.content) for it in blk.items)
    assert "\n".join(paras) == expected


def _party(p: object) -> str:
    if p is None:
        return "-"
    return f"{getattr(p, 'person', None) or '-'}/{getattr(p, 'office', None) or '-'}"


@pytest.mark.parametrize(("text", "expected"), params("heading"))
def test_heading(text: str, expected: str) -> None:
    info = analyze(text)
    names = " ".join(f"{s.role}={s.kind}:{text[s.start : s.end]}" for s in info.spans if s.role)
    got = f"{names}\n{_party(info.sender)} | {_party(info.recipient)}"
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    params("preamble") + params("body") + params("closer") + params("markings") + params("notes"),
)
def test_blocks(text: str, expected: str) -> None:
    assert dump(parse_documents(text, "case.txt")[0]) == expected
