"""The Schematron rules issue 10 added (patterns archive-*), each by id, on the golden TEI
changed in one place; and duplicate ids reported as duplicates with every line.

The single-div cases of ``note-n`` live with the other cases in fixtures/schematron/;
the rules here need the header, so they start from a whole document.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from encoder.validate import get_validator
from encoder.vocabulary import CLASSIFICATION, HANDLING, PRECEDENCE

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "frus1945Berlinv01-d580.tei.xml"
SCHEMATRON = HERE.parent / "schemas" / "telegram.sch"
ARCHIVE_CODES = {"note-n", "corresp-desc", "marking-type", "marking-term", "id-unique"}


def _codes(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in get_validator().validate_bytes(text.encode("utf-8"), "case.xml"):
        found.setdefault(d.code, []).append(f"{d.severity}: {d.message}")
    return found


def test_golden_fires_none_of_the_archive_rules() -> None:
    assert set(_codes(GOLDEN.read_text(encoding="utf-8"))) & ARCHIVE_CODES == set()


@pytest.mark.parametrize(
    ("change", "code", "severity"),
    [
        (lambda t: re.sub(r"<correspDesc>.*?</correspDesc>", "", t, flags=re.S), "corresp-desc", "error"),
        (
            lambda t: t.replace('<term type="classification">', '<term type="secrecy">', 1),
            "marking-type",
            "error",
        ),
        (lambda t: t.replace(">very secret</term>", ">super secret</term>", 1), "marking-term", "warning"),
        (
            lambda t: re.sub(r'<note n="\d+" xml:id="d580fn2">', '<note xml:id="d580fn2">', t, count=1),
            "note-n",
            "error",
        ),
    ],
    ids=["corresp-desc", "marking-type", "marking-term", "note-n"],
)
def test_rule_fires_on_its_change(change, code: str, severity: str) -> None:  # type: ignore[no-untyped-def]
    text = GOLDEN.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the golden file no longer has what the case changes"
    found = _codes(changed)
    assert code in found, found
    assert all(m.startswith(severity) for m in found[code])
    assert set(found) & ARCHIVE_CODES == {code}


def test_no_correspdesc_is_fine_when_the_head_names_nobody() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    text = re.sub(r"<correspDesc>.*?</correspDesc>", "", text, flags=re.S)
    text = text.replace('type="from"', 'type="other"').replace('type="to"', 'type="other"')
    assert "corresp-desc" not in _codes(text)


def test_marking_words_compare_without_case() -> None:
    text = GOLDEN.read_text(encoding="utf-8").replace(">very secret</term>", ">Very  SECRET</term>", 1)
    assert "marking-term" not in _codes(text)


def test_duplicate_id_is_reported_as_a_duplicate_with_both_lines() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines, 1) if 'xml:id="d580fn1"' in line)
    second = next(n for n, line in enumerate(lines, 1) if 'xml:id="d580fn3"' in line)
    assert first != second
    text = text.replace('xml:id="d580fn3"', 'xml:id="d580fn1"')
    findings = [d for d in get_validator().validate_bytes(text.encode(), "dup.xml") if d.code == "id-unique"]
    assert sorted(d.line for d in findings) == [first, second]
    by_line = {d.line: d.message for d in findings}
    assert f"also on line {second}" in by_line[first]
    assert f"also on line {first}" in by_line[second]
    assert not any("not well-formed" in d.message for d in get_validator().validate_bytes(text.encode(), "x"))


def test_schematron_marking_lists_are_the_parsers_lists() -> None:
    sch = etree.parse(str(SCHEMATRON))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    for name, words in (
        ("classification", CLASSIFICATION),
        ("precedence", PRECEDENCE),
        ("handling", HANDLING),
    ):
        value = sch.xpath(
            f"//sch:pattern[@id='archive-markings']//sch:let[@name='{name}']/@value", namespaces=ns
        )
        assert value, name
        assert value[0].strip("'").strip("|").split("|") == list(words), name
