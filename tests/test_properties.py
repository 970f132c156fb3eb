"""Property tests: parsing never fails but with ParseError, output is valid, no word lost."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from telegram_strategy import telegram

from encoder.errors import ParseError
from encoder.parser import parse_documents
from encoder.tei import serialize, to_tei

WORD = re.compile(r"[^\W\d_]+")
TEI_TEXT = "{http://www.tei-c.org/ns/1.0}text"
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _xml_safe(text: str) -> str:
    """What the reader hands the parser: no characters XML cannot hold."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", text)


def _encode_all(text: str) -> list[bytes]:
    try:
        docs = parse_documents(text, "gen.txt")
    except ParseError:
        return []
    return [serialize(to_tei(d)) for d in docs]


@SETTINGS
@given(st.text(max_size=400).map(_xml_safe))
def test_any_text_parses_or_raises_parse_error(text: str) -> None:
    for data in _encode_all(text):
        etree.fromstring(data)


@SETTINGS
@given(telegram().map(_xml_safe))
def test_generated_telegrams_keep_every_word(text: str) -> None:
    out = _encode_all(text)
    assert out, "a telegram with a heading always makes a document"
    got: Counter[str] = Counter()
    for data in out:
        got += Counter(WORD.findall(" ".join(etree.fromstring(data).find(TEI_TEXT).itertext())))
    want = Counter(WORD.findall(re.sub(r"\[Page [^\]]*\]", "", text)))
    assert got == want


@SETTINGS
@given(telegram().map(_xml_safe))
def test_generated_telegrams_are_valid(text: str) -> None:
    validate = pytest.importorskip("encoder.validate")
    validator = validate.get_validator()
    for i, data in enumerate(_encode_all(text)):
        tree = etree.fromstring(data).getroottree()
        errors = [d for d in validator.validate_tree(tree, f"gen{i}.xml") if d.severity == "error"]
        assert errors == [], (text, [str(e) for e in errors])
