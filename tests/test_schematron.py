"""telegram.sch rule by rule, keyed by rule id (never by wording: STYLE.md lesson 9).

Each ``tests/fixtures/schematron/<case>.xml`` is one document div whose first line reads
``<!-- expect: id id … -->`` (nothing after the colon: the case must fire no rule). The test
puts it into ``tests/fixtures/tei/shell.xml`` in place of the shell's div, validates the
text, and compares the set of Schematron rule ids with the expected set; every finding must
point at a line inside the case. XSD findings (code ``xsd``) are the schema's business
(tests/test_schema.py) and are left out, except that a case expecting nothing must be
valid against the schema as well.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from encoder.validate import get_validator

HERE = Path(__file__).resolve().parent
CASES = HERE / "fixtures" / "schematron"
SHELL = HERE / "fixtures" / "tei" / "shell.xml"
GOLDEN = HERE / "golden" / "frus1945Berlinv01-d580.tei.xml"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "dev"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_EXPECT = re.compile(r"\A<!-- expect:([^>]*?)-->")
_PLACEHOLDER = re.compile(r'^ *<div type="document" xml:id="d0".*</div>\n', re.MULTILINE)


def _case_files() -> list[Path]:
    return sorted(CASES.glob("*.xml"))


def _in_shell(case_text: str) -> tuple[bytes, int, int]:
    """The shell with the case in place of its div, and the case's first and last line."""
    shell = SHELL.read_text(encoding="utf-8")
    match = _PLACEHOLDER.search(shell)
    assert match, "the shell's placeholder div has moved"
    first = shell[: match.start()].count("\n") + 1
    last = first + case_text.rstrip("\n").count("\n")
    document = shell[: match.start()] + case_text + shell[match.end() :]
    return document.encode("utf-8"), first, last


def _schematron_codes(data: bytes, name: str) -> list[tuple[str, int | None]]:
    findings = get_validator().validate_bytes(data, name)
    return [(d.code, d.line) for d in findings if not d.code.startswith("xsd")]


def test_every_case_declares_its_expectation() -> None:
    assert _case_files()
    for path in _case_files():
        assert _EXPECT.match(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.stem)
def test_case_fires_exactly_its_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = _EXPECT.match(text)
    assert match, f"{path.name}: first line must be <!-- expect: … -->"
    expected = set(match.group(1).split())
    data, first, last = _in_shell(text)
    findings = get_validator().validate_bytes(data, path.name)
    found = [(d.code, d.line) for d in findings if not d.code.startswith("xsd")]
    assert {code for code, _ in found} == expected
    for code, line in found:
        assert line is not None and first <= line <= last, (code, line, first, last)
    if not expected:  # a clean case is a whole valid document, schema included
        assert [str(d) for d in findings] == []


def test_shell_alone_is_clean() -> None:
    assert get_validator().validate_file(SHELL) == []


def test_golden_fires_no_rule() -> None:
    data = GOLDEN.read_bytes()
    assert _schematron_codes(data, GOLDEN.name) == []


def test_duplicate_ids_in_a_built_tree() -> None:
    """libxml2 refuses duplicate xml:ids while parsing, so files never reach the rule; trees
    the encoder builds do, and the rule is what catches them there."""
    tree = etree.parse(str(GOLDEN))
    notes = [n for n in tree.getroot().iter(TEI + "note") if n.get(XML_ID)]
    notes[1].set(XML_ID, notes[0].get(XML_ID))
    findings = get_validator().validate_tree(tree, "built")
    schematron = {d.code for d in findings if not d.code.startswith("xsd")}
    assert schematron == {"id-unique"}
    lines = {d.line for d in findings if d.code == "id-unique"}
    assert lines == {notes[0].sourceline, notes[1].sourceline}


def test_duplicate_ids_in_a_file_are_reported_not_raised() -> None:
    # issue 10: a duplicate, with both lines (tests/test_archive_rules.py), not "not well-formed"
    text = GOLDEN.read_text(encoding="utf-8").replace('xml:id="d580fn2"', 'xml:id="d580fn1"')
    findings = get_validator().validate_bytes(text.encode("utf-8"), "dup.xml")
    assert [d.code for d in findings if d.code != "xsd"] == ["id-unique", "id-unique"]
    assert all(d.severity == "error" for d in findings)


def test_severity_comes_from_the_role() -> None:
    text = (CASES / "div-source-note.xml").read_text(encoding="utf-8")
    data, _, _ = _in_shell(text)
    findings = [d for d in get_validator().validate_bytes(data, "w.xml") if not d.code.startswith("xsd")]
    assert [(d.code, d.severity) for d in findings] == [("div-source-note", "warning")]
    text = (CASES / "pb-id.xml").read_text(encoding="utf-8")
    data, _, _ = _in_shell(text)
    findings = [d for d in get_validator().validate_bytes(data, "e.xml") if not d.code.startswith("xsd")]
    assert [(d.code, d.severity) for d in findings] == [("pb-id", "error")]


# ---------------------------------------------------------------------- real FRUS

# Rules the Office of the Historian's own files follow: real FRUS must pass them. Left out:
# ref-target (a lone div points at documents elsewhere in its volume), and the warnings
# (div-source-note, note-space-before, break-position), which FRUS volumes older than the
# rules do break.
FRUS_FOLLOWS = {
    "id-unique",
    "div-id",
    "div-head",
    "note-id-prefix",
    "note-nested",
    "date-iso",
    "date-order",
    "p-empty",
    "phrase-empty",
    "pb-id",
    "rendition-target",
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="FRUS corpus (../shared/corpus/dev) absent")
def test_corpus_gold_divs_pass_the_rules_frus_follows() -> None:
    shell = etree.parse(str(SHELL)).getroot()
    broken: list[str] = []
    golds = sorted(CORPUS.glob("*.gold.xml"))
    assert golds
    for gold in golds:
        div = etree.parse(str(gold)).getroot().find(TEI + "div")
        root = etree.fromstring(etree.tostring(shell))
        body = root.find(f"{TEI}text/{TEI}body")
        body.remove(body[0])
        body.append(div)
        data = etree.tostring(root, encoding="utf-8")
        for code, line in _schematron_codes(data, gold.name):
            if code in FRUS_FOLLOWS:
                broken.append(f"{gold.name}:{line}: {code}")
    assert broken == []
