"""encoder.safexml: hostile XML is refused quickly with one clear line; TEI is read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from encoder import safexml
from encoder.errors import InputError, UnsafeXMLError
from encoder.safexml import parse_user_xml, parse_user_xml_bytes

BAD = Path(__file__).parent / "fixtures" / "bad"
GOLDEN = Path(__file__).parent / "golden" / "frus1945Berlinv01-d580.tei.xml"
HOSTILE = ["billion-laughs.xml", "xxe-passwd.xml", "dtd-url.xml", "xxe-parameter.xml", "doctype-utf16.xml"]


def _refused(call: object, *args: object) -> UnsafeXMLError:
    start = time.perf_counter()
    with pytest.raises(UnsafeXMLError) as info:
        call(*args)  # type: ignore[operator]
    assert time.perf_counter() - start < 1.0
    message = str(info.value)
    assert "\n" not in message and "refused" in message
    return info.value


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_fixtures_are_refused(name: str) -> None:
    error = _refused(parse_user_xml, BAD / name)
    assert error.file == str(BAD / name)
    assert "DOCTYPE" in error.message
    assert error.line == 2


def test_deep_nesting_is_refused() -> None:
    depth = 100_000
    error = _refused(parse_user_xml_bytes, b"<a>" * depth + b"</a>" * depth, "deep.xml")
    assert "nested" in error.message


def test_doctype_behind_a_long_comment_is_still_refused() -> None:
    data = b"<!--" + b"x" * (2 * 1024 * 1024) + b'-->\n<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'
    _refused(parse_user_xml_bytes, data, "long.xml")


def test_entities_never_expand_even_if_a_doctype_slipped_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the pre-check disabled, the parser itself still neither expands nor fetches."""
    monkeypatch.setattr(safexml, "_find_doctype", lambda data: None)
    xxe = (BAD / "xxe-passwd.xml").read_bytes()
    _refused(parse_user_xml_bytes, xxe, "xxe.xml")
    _refused(parse_user_xml_bytes, (BAD / "billion-laughs.xml").read_bytes(), "lol.xml")
    tree = safexml.etree.fromstring(xxe, safexml._parser())
    assert b"root:" not in safexml.etree.tostring(tree)


def test_the_golden_tei_is_read() -> None:
    tree = parse_user_xml(GOLDEN)
    assert tree.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_doctype_in_a_comment_or_text_is_fine() -> None:
    data = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- no <!DOCTYPE here -->\n<x>&lt;!DOCTYPE</x>'
    assert parse_user_xml_bytes(data, "ok.xml").getroot().text == "<!DOCTYPE"


def test_utf16_tei_without_doctype_is_read() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?><x>é</x>'.encode("utf-16")
    assert parse_user_xml_bytes(data, "u.xml").getroot().text == "é"


def test_not_well_formed_names_file_and_line() -> None:
    with pytest.raises(InputError) as info:
        parse_user_xml(BAD / "not-well-formed.xml")
    assert info.value.line == 3
    assert str(info.value).startswith(f"{BAD / 'not-well-formed.xml'}:3: not well-formed XML:")
    assert "column" not in info.value.message


def test_missing_folder_binary_and_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_user_xml(tmp_path / "none.xml")
    with pytest.raises(InputError, match="folder"):
        parse_user_xml(tmp_path)
    with pytest.raises(InputError, match="not well-formed"):
        parse_user_xml(BAD / "binary.txt")
    big = tmp_path / "big.xml"
    big.write_bytes(b"<x>" + b"a" * 5000 + b"</x>")
    monkeypatch.setattr(safexml, "MAX_BYTES", 1000)
    _refused(parse_user_xml, big)
