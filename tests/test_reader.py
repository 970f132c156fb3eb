"""encoder.reader: encodings detected and reported, bad bytes refused at a byte offset."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from encoder import reader
from encoder.errors import InputError
from encoder.reader import decode_bytes, read_text

BAD = Path(__file__).parent / "fixtures" / "bad"
TEXT = "No. 12\nThe Minister’s “reply” — conférence, Größe, naïve\u00a0text.\n"
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _encoding_warnings(decoded: reader.DecodedText) -> list[str]:
    return [w.message for w in decoded.warnings if w.code == "input.encoding"]


def test_plain_utf8_is_silent() -> None:
    decoded = decode_bytes(TEXT.encode(), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (TEXT, "utf-8", [])


def test_utf8_bom_is_stripped() -> None:
    decoded = read_text(BAD / "utf8-bom.txt")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.startswith("711.00/1–145")
    assert decoded.warnings == []


@pytest.mark.parametrize(
    ("codec", "bom", "expected"),
    [
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
    ],
)
def test_wide_encodings(codec: str, bom: bytes, expected: str) -> None:
    decoded = decode_bytes(bom + TEXT.replace("\n", "\r\n").encode(codec), "w.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == expected
    assert any("UTF-" in m for m in _encoding_warnings(decoded))


def test_utf16_fixtures_read_alike() -> None:
    texts = {read_text(BAD / f).text for f in ("utf16-le-bom.txt", "utf16-be-bom.txt")}
    assert texts == {read_text(BAD / "utf16-le-nobom.txt").text}
    assert "conférence" in texts.pop()


def test_cp1252_punctuation() -> None:
    decoded = read_text(BAD / "cp1252.txt")
    assert decoded.encoding == "cp1252"
    assert "Minister’s reply is “awaited” — urgently" in decoded.text
    assert "\r" not in decoded.text
    (message,) = _encoding_warnings(decoded)
    assert "Windows-1252" in message
    assert decoded.warnings[0].line == 1  # the en dash of the file number


def test_latin1_without_c1_bytes() -> None:
    decoded = read_text(BAD / "latin1.txt")
    assert decoded.encoding == "latin-1"
    assert "conférence" in decoded.text
    (message,) = _encoding_warnings(decoded)
    assert "Latin-1" in message and "byte offset" in message


def test_cp1252_undefined_byte_is_an_error_at_its_offset() -> None:
    data = (BAD / "cp1252-undefined.txt").read_bytes()
    with pytest.raises(InputError) as info:
        decode_bytes(data, "u.txt")
    offset = data.index(0x81)
    assert f"byte offset {offset}" in str(info.value)
    assert "0x81" in str(info.value)


def test_damaged_utf8_names_the_byte_offset() -> None:
    with pytest.raises(InputError) as info:
        read_text(BAD / "undecodable.txt")
    message = str(info.value)
    assert message.startswith(str(BAD / "undecodable.txt"))
    assert "byte offset 150" in message and "line 7" in message


def test_one_stray_byte_among_utf8_is_not_read_as_cp1252() -> None:
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes("it’s “quoted”".encode() + b" \x92", "x.txt")


def test_binary_file_is_refused_with_offset() -> None:
    with pytest.raises(InputError, match=r"binary file: NUL byte at byte offset 8"):
        read_text(BAD / "binary.txt")


def test_nul_inside_utf16_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\xff\xfe" + "ab\x00c".encode("utf-16-le"), "x.txt")


def test_control_characters_dropped_with_line() -> None:
    decoded = read_text(BAD / "control-chars.txt")
    assert not XML_ILLEGAL.search(decoded.text)
    assert "Please inform" in decoded.text and "Stettinius" in decoded.text
    lines = {w.line: w.message for w in decoded.warnings if w.code == "input.control"}
    assert set(lines) == {7, 9}
    assert "U+0007" in lines[7] and "U+000B" in lines[7]


def test_tab_and_nbsp_are_kept_and_noncharacters_dropped() -> None:
    decoded = decode_bytes("a\tb\u00a0c\ufffe\uffffd".encode() + b"\xed\xa0\x80e", "x.txt")
    assert decoded.text == "a\tb\u00a0cde"
    assert len(decoded.warnings) == 1 and "U+D800" in decoded.warnings[0].message


def test_control_warnings_are_capped() -> None:
    decoded = decode_bytes(b"x\x01\n" * 100, "x.txt")
    assert len(decoded.warnings) == reader.MAX_CONTROL_WARNINGS + 1
    assert "80 more lines" in decoded.warnings[-1].message


def test_line_endings_and_nfc() -> None:
    decoded = read_text(BAD / "mac-cr.txt")
    assert "\r" not in decoded.text and decoded.text.count("\n") == 9
    assert decode_bytes("e\u0301\r\nx".encode(), "n.txt").text == "é\nx"


def test_empty_and_whitespace_files_decode() -> None:
    assert read_text(BAD / "empty.txt").text == ""
    assert read_text(BAD / "whitespace.txt").text.strip() == ""


def test_missing_folder_and_oversized(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    monkeypatch.setattr(reader, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(InputError, match="2000 bytes"):
        read_text(big)


def test_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_text(fifo)


def test_50_mb_file_and_1_mb_line(tmp_path: Path) -> None:
    line = ("The Minister’s reply is awaited. " * 30).encode() + b"\n"
    big = tmp_path / "big.txt"
    big.write_bytes(line * (50 * 1024 * 1024 // len(line)))
    start = time.perf_counter()
    decoded = read_text(big)
    elapsed = time.perf_counter() - start
    assert len(decoded.text) > 45_000_000
    assert elapsed < 15, f"50 MB took {elapsed:.1f} s"
    long_line = tmp_path / "line.txt"
    long_line.write_bytes(b"word " * 210_000)
    assert decode_bytes(long_line.read_bytes(), "line.txt").text.count("\n") == 0


def test_5_kb_decodes_well_under_a_millisecond() -> None:
    data = (TEXT * 80)[:5000].encode()
    runs = []
    for _ in range(50):
        start = time.perf_counter()
        decode_bytes(data, "x.txt")
        runs.append(time.perf_counter() - start)
    assert sorted(runs)[len(runs) // 2] < 0.0005


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_xml_safe_text_or_input_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert "byte offset" in str(exc) or "not valid" in str(exc)
        return
    assert not XML_ILLEGAL.search(decoded.text)
    assert "\r" not in decoded.text and not decoded.text.startswith("\ufeff")


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_text_round_trips_through_unicode_encodings(text: str, codec: str) -> None:
    import unicodedata

    text = unicodedata.normalize("NFC", text.replace("\ufeff", "").replace("\ufffe", ""))
    text = text.replace("\uffff", "")
    assert decode_bytes(text.encode(codec), "r.txt").text == text
