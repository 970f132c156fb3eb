"""Issue 4: bad input gets a clear answer and loses nothing.

Every case of ``tests/fixtures/bad/`` goes through ``telegram-tei encode`` on its own: a
readable file is encoded with its text intact and the encoding said on stderr; an
unreadable one gets one ``file: error: …`` line (with the byte offset where there is
one), an entry in report.json and exit code 1, never a traceback. Big inputs are made in
tmp_path, not committed.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from encoder import reader
from encoder.cli import main

BAD = Path(__file__).parent / "fixtures" / "bad"
WORDS = "Minister’s reply is “awaited” — urgently"
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

pytest.importorskip("encoder.parser")
pytest.importorskip("encoder.tei")
pytest.importorskip("encoder.validate")


def encode(path: Path, out: Path) -> tuple[Result, dict]:
    result = CliRunner().invoke(main, ["encode", str(path), "-o", str(out)])
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (entry,) = json.loads((out / "report.json").read_text(encoding="utf-8"))["inputs"]
    return result, entry


READABLE = [
    # fixture, encoding reported, words on stderr
    ("utf8-bom.txt", "utf-8-sig", None),
    ("utf16-le-bom.txt", "utf-16-le", "read as UTF-16 little-endian"),
    ("utf16-be-bom.txt", "utf-16-be", "read as UTF-16 big-endian"),
    ("utf16-le-nobom.txt", "utf-16-le", "read as UTF-16 little-endian"),
    ("cp1252.txt", "cp1252", "read as Windows-1252 (cp1252)"),
    ("latin1.txt", "latin-1", "read as Latin-1 (ISO-8859-1)"),
    ("control-chars.txt", "utf-8", ":7: warning: dropped 2 character(s) not allowed in XML"),
    ("mac-cr.txt", "utf-8", None),
]


@pytest.mark.parametrize(("name", "encoding", "said"), READABLE)
def test_readable_inputs_are_encoded_whole(
    tmp_path: Path, name: str, encoding: str, said: str | None
) -> None:
    result, entry = encode(BAD / name, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert entry["encoding"] == encoding and entry["errors"] == []
    if said:
        assert said in result.stderr
    tei = (tmp_path / "tei" / f"{Path(name).stem}.xml").read_text("utf-8")
    assert "conférence" in tei and "Stettinius" in tei
    if name != "latin1.txt":  # Latin-1 has no curly quotes; the fixture uses straight ones
        assert WORDS in tei
    assert not XML_ILLEGAL.search(tei)


REFUSED = [
    ("empty.txt", "the file is empty: nothing to encode"),
    ("whitespace.txt", "the file holds only whitespace"),
    ("binary.txt", "binary file: NUL byte at byte offset 8"),
    ("undecodable.txt", "not valid UTF-8: byte 0xC3 at byte offset 150 (line 7)"),
    ("cp1252-undefined.txt", "undecodable byte 0x81 at byte offset 148 (line 7)"),
]


@pytest.mark.parametrize(("name", "message"), REFUSED)
def test_unreadable_inputs_get_one_clear_line(tmp_path: Path, name: str, message: str) -> None:
    result, entry = encode(BAD / name, tmp_path)
    assert result.exit_code == 1
    (error,) = entry["errors"]
    assert message in error["message"]
    assert result.stderr.splitlines()[0] == f"{BAD / name}: error: {error['message']}"
    assert list((tmp_path / "tei").iterdir()) == []


def test_one_megabyte_line(tmp_path: Path) -> None:
    text = (BAD / "utf8-bom.txt").read_text(encoding="utf-8-sig")
    line = "The Minister’s reply is awaited; " * 32_000
    source = tmp_path / "long.txt"
    source.write_text(text.replace("Stettinius", line + "\n\nStettinius"), encoding="utf-8")
    start = time.perf_counter()
    result, _ = encode(source, tmp_path / "out")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.stderr
    assert elapsed < 30, f"1 MB line took {elapsed:.1f} s"
    assert line.strip() in (tmp_path / "out/tei/long.xml").read_text(encoding="utf-8")


def test_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_INPUT_BYTES", 100)
    result, entry = encode(BAD / "latin1.txt", tmp_path)
    assert result.exit_code == 1
    assert "more than the limit of 100 bytes" in entry["errors"][0]["message"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable, so the refusal of the OS is simulated."""

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    result, entry = encode(BAD / "latin1.txt", tmp_path)
    assert result.exit_code == 1
    assert entry["errors"][0]["message"] == "cannot read: Permission denied"
