"""tei-telegram.xsd through encoder.validate: the golden TEI is valid, and each kind of
breakage the schema exists for is reported as an ``xsd`` error on the right line.

Broken variants are made from the golden file with lxml (not by editing its text), so they
follow the golden file when it changes; the expected line is found in the serialized text
by a needle that the mutation makes unique.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from encoder.errors import Diagnostic
from encoder.resources import schemas_dir
from encoder.validate import Validator, get_validator, has_errors

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "frus1945Berlinv01-d580.tei.xml"
SHELL = HERE / "fixtures" / "tei" / "shell.xml"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "dev"
TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _first(root: etree._Element, name: str) -> etree._Element:
    return next(root.iter(TEI + name))


def _add_date(root: etree._Element, **attrs: str) -> str:
    """A date at the start of the first p; returns its needle."""
    p = _first(root, "p")
    date = etree.Element(TEI + "date", attrs)
    date.text = "July 21, 1945"
    date.tail = p.text
    p.text = None
    p.insert(0, date)
    return "<date "


def _unknown_in_p(root: etree._Element) -> str:
    etree.SubElement(_first(root, "p"), TEI + "telegramNumber").text = "890"
    return "<telegramNumber"


def _unknown_in_header(root: etree._Element) -> str:
    etree.SubElement(_first(root, "titleStmt"), TEI + "subtitle").text = "x"
    return "<subtitle"


def _set(name: str, attr: str, value: str, needle: str | None = None) -> Callable[..., str]:
    def mutate(root: etree._Element) -> str:
        _first(root, name).set(attr, value)
        return needle or f'{attr.split("}")[-1]}="{value}"'

    return mutate


def _hi_without_rend(root: etree._Element) -> str:
    hi = _first(root, "hi")
    del hi.attrib["rend"]
    hi.set("rendition", "#center")
    return 'rendition="#center">'


def _pb_without_n(root: etree._Element) -> str:
    del _first(root, "pb").attrib["n"]
    return '<pb xml:id="pg_'


def _head_after_p(root: etree._Element) -> str:
    div = _first(root, "div")
    head = _first(root, "head")
    div.remove(head)
    _first(root, "p").addnext(head)
    return "<div "


def _no_title_stmt(root: etree._Element) -> str:
    title_stmt = _first(root, "titleStmt")
    title_stmt.getparent().remove(title_stmt)
    return "<publicationStmt"  # the unexpected child is reported, not its parent


def _text_in_lang_usage(root: etree._Element) -> str:
    _first(root, "langUsage").text = "English only"
    return "<langUsage"


def _list_with_bad_type(root: etree._Element) -> str:
    p = _first(root, "p")
    lst = etree.SubElement(p, TEI + "list", type="bullets")
    etree.SubElement(lst, TEI + "item").text = "one"
    return '<list type="bullets"'


BROKEN: dict[str, Callable[[etree._Element], str]] = {
    "unknown element in a p": _unknown_in_p,
    "unknown element in the header": _unknown_in_header,
    "@when with a month 13": lambda r: _add_date(r, when="1945-13-21"),
    "@when with Z": lambda r: _add_date(r, when="1945-07-21T14:00:00Z"),
    "@when without leading zeros": lambda r: _add_date(r, when="1945-7-21"),
    "@when together with @notBefore": lambda r: _add_date(
        r, when="1945-07-21", notBefore="1945-07-20", notAfter="1945-07-22"
    ),
    "@from without @to": lambda r: _add_date(r, **{"from": "1945-07-20"}),
    "@from mixed with @notAfter": lambda r: _add_date(
        r, **{"from": "1945-07-20", "to": "1945-07-22", "notAfter": "1945-07-22"}
    ),
    "unknown @calendar": lambda r: _add_date(r, when="1945-07-21", calendar="lunar"),
    "unknown date @type": lambda r: _add_date(r, when="1945-07-21", type="sent-date"),
    "pb id not pg_": _set("pb", XML_ID, "page875"),
    "pb without @n": _pb_without_n,
    "note id without fn": _set("note", XML_ID, "note1"),
    "div @type outside the FRUS list": _set("div", "type", "telegram"),
    "div @subtype outside the FRUS list": _set("div", "subtype", "cable"),
    "frus:doc-dateTime-min with Z": _set(
        "div", FRUS + "doc-dateTime-min", "1945-07-21T00:00:00Z", "frus:doc-dateTime-min="
    ),
    "hi without @rend": _hi_without_rend,
    "hi @rend outside the FRUS list": _set("hi", "rend", "bold"),
    "p @rend outside the FRUS list": _set("p", "rend", "indent"),
    "list @type outside the FRUS list": _list_with_bad_type,
    "head after a p": _head_after_p,
    "fileDesc without titleStmt": _no_title_stmt,
    "text in element-only content": _text_in_lang_usage,
}


def _line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, f"needle {needle!r} must be unique"
    return text[: text.index(needle)].count("\n") + 1


def test_golden_tei_is_valid() -> None:
    assert get_validator().validate_file(GOLDEN) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_variant_fails_the_xsd_on_its_line(case: str) -> None:
    root = etree.parse(str(GOLDEN)).getroot()
    needle = BROKEN[case](root)
    data = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    line = _line_of(data.decode("utf-8"), needle)
    findings = get_validator().validate_bytes(data, "broken.xml")
    xsd = [d for d in findings if _is_schema_rule(d.code)]
    assert xsd, f"{case}: the schema accepted it"
    assert line in {d.line for d in xsd}, [str(d) for d in xsd]
    assert all(d.severity == "error" and "\n" not in d.message for d in xsd)
    assert has_errors(findings)


def test_root_must_be_tei() -> None:
    findings = get_validator().validate_bytes(
        b'<p xmlns="http://www.tei-c.org/ns/1.0">a paragraph is a valid global element</p>', "p.xml"
    )
    assert [(d.code, d.severity, d.line) for d in findings] == [("xsd", "error", 1)]


def _is_schema_rule(code: str) -> bool:
    """The XSD itself, or one of its former xs:assert rules (telegram.sch, ``xsd-*``)."""
    return code == "xsd" or code.startswith("xsd-")


def test_schema_is_xsd_10_that_libxml2_loads() -> None:
    """The XSD carries no XSD 1.1 construct: lxml (libxml2) refuses xs:assert outright."""
    text = (schemas_dir() / "tei-telegram.xsd").read_text(encoding="utf-8")
    body = text.split("-->", 1)[1]
    assert "xs:assert" not in body and "xpathDefaultNamespace" not in body
    etree.XMLSchema(etree.parse(str(schemas_dir() / "tei-telegram.xsd")))


def test_moved_asserts_live_in_their_own_pattern() -> None:
    sch = etree.parse(str(schemas_dir() / "telegram.sch"))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    ids = sch.xpath("//sch:pattern[@id='xsd-asserts']//sch:assert/@id", namespaces=ns)
    assert len(ids) == 8 and all(i.startswith("xsd-") for i in ids)


def test_validator_is_compiled_once() -> None:
    assert get_validator() is get_validator()


def test_findings_are_sorted_by_line() -> None:
    root = etree.parse(str(GOLDEN)).getroot()
    _first(root, "div").set("type", "telegram")
    _first(root, "hi").set("rend", "bold")
    _unknown_in_header(root)
    findings = get_validator().validate_bytes(etree.tostring(root), "two.xml")
    lines = [d.line for d in findings]
    assert len(findings) >= 3
    assert lines == sorted(lines)


def test_tree_built_in_memory_has_paths_instead_of_lines() -> None:
    """The encoder validates trees it built: no source lines, so the message says where."""
    tree = etree.parse(str(GOLDEN))
    for node in tree.getroot().iter():
        node.sourceline = 0  # what an element made by lxml reports: unknown (None)
    next(tree.getroot().iter(TEI + "pb")).set(XML_ID, "pg_876")
    findings = get_validator().validate_tree(tree, "memory")
    assert [(d.code, d.line) for d in findings] == [("pb-id", None)]
    assert "/TEI/text/body/div/pb" in findings[0].message


@pytest.mark.parametrize(
    "content",
    [b"<TEI", b'<!DOCTYPE TEI [<!ENTITY a "b">]><TEI>&a;</TEI>', b"\xff\xfe not xml"],
    ids=["malformed", "doctype", "binary"],
)
def test_unreadable_xml_is_a_finding_not_an_exception(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    findings = get_validator().validate_file(path)
    assert [(d.code, d.severity, d.file) for d in findings] == [("xml", "error", str(path))]


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    findings = get_validator().validate_file(tmp_path / "absent.xml")
    assert [d.code for d in findings] == ["xml"]


def test_has_errors_ignores_warnings() -> None:
    warning = Diagnostic("warning", "w", "f", 1, "div-source-note")
    error = Diagnostic("error", "e", "f", 2, "xsd")
    assert not has_errors([warning])
    assert has_errors([warning, error])
    assert not has_errors([])


def test_missing_schema_folder_raises_validation_error(tmp_path: Path) -> None:
    from encoder.errors import ValidationError

    with pytest.raises(ValidationError):
        Validator(tmp_path)


# ---------------------------------------------------------------------- real FRUS


KNOWN_FRUS_DEFECTS = {
    # An attachment date carries @when="1870-04" and @notBefore/@notAfter: FRUS's own RNC
    # forbids the combination; the schema is right to refuse it.
    "frus1870_d47",
}


def _wrapped_gold(path: Path) -> bytes:
    div = etree.parse(str(path)).getroot().find(TEI + "div")
    root = etree.parse(str(SHELL)).getroot()
    body = root.find(f"{TEI}text/{TEI}body")
    body.remove(body[0])
    body.append(div)
    return etree.tostring(root, encoding="utf-8")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="FRUS corpus (../shared/corpus/dev) absent")
def test_corpus_gold_divs_validate_against_the_xsd() -> None:
    validator = get_validator()
    invalid: dict[str, list[str]] = {}
    golds = sorted(CORPUS.glob("*.gold.xml"))
    assert golds
    for gold in golds:
        name = gold.name.removesuffix(".gold.xml")
        findings = validator.validate_bytes(_wrapped_gold(gold), gold.name)
        xsd = [str(d) for d in findings if _is_schema_rule(d.code)]
        if xsd:
            invalid[name] = xsd
    unexpected = {k: v for k, v in invalid.items() if k not in KNOWN_FRUS_DEFECTS}
    assert not unexpected
    present = {g.name.removesuffix(".gold.xml") for g in golds}
    assert set(invalid) == KNOWN_FRUS_DEFECTS & present


def test_a_built_tree_is_validated_once_with_the_lines_of_its_bytes() -> None:
    """validate_built checks the tree in memory and finds lines in the serialization:
    the same findings, lines and all, as parsing the bytes and validating them."""
    root = etree.parse(str(GOLDEN)).getroot()
    _first(root, "hi").set("rend", "bold")
    _set("pb", XML_ID, "page875")(root)
    built = etree.fromstring(etree.tostring(root))
    for node in built.iter():
        node.sourceline = 0  # a tree made in memory has no lines
    data = etree.tostring(built)
    from_bytes = get_validator().validate_bytes(data, "b.xml")
    assert len(from_bytes) >= 2 and all(d.line for d in from_bytes)
    assert get_validator().validate_built(etree.ElementTree(built), data, "b.xml") == from_bytes
    golden = etree.parse(str(GOLDEN))
    assert get_validator().validate_built(golden, GOLDEN.read_bytes(), "g.xml") == []
