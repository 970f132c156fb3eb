"""encoder.outputs: safe names, writes that cannot half-happen, a readable report."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from encoder import files as outputs
from encoder.errors import Diagnostic, EncoderError
from encoder.files import atomic_write, ensure_inside, safe_stem
from encoder.report import InputResult, OutputFile, Report

SAFE = re.compile(r"^[^\W_][\w-]*$")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("frus1945Berlinv01-d580.txt", "frus1945Berlinv01-d580"),
        ("a/b/c.txt", "c"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\x.txt", "x"),
        ("-rf.txt", "rf"),
        (".hidden.txt", "hidden"),
        ("a.b.txt", "a_b"),
        ("a b?c*<d>|.txt", "a_b_c_d"),
        ("x\x00y\n\u202ez.txt", "x_y_z"),
        ("Übersicht.txt", "Übersicht"),
        ("CON.txt", "CON_"),
        ("lpt1", "lpt1_"),
        ("761.94/7–2145", "7_2145"),
        ("", "document"),
        ("..", "document"),
        ("???.txt", "document"),
    ],
)
def test_safe_stem(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_long_names_are_cut_but_stay_distinct() -> None:
    a, b = safe_stem("é" * 300 + "a.txt"), safe_stem("é" * 300 + "b.txt")
    assert a != b
    assert len(a.encode()) <= outputs.MAX_STEM_BYTES and len(b.encode()) <= outputs.MAX_STEM_BYTES


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_any_name_gives_one_safe_segment(name: str) -> None:
    stem = safe_stem(name)
    assert SAFE.match(stem), stem
    assert len(stem.encode()) <= outputs.MAX_STEM_BYTES
    assert stem.split(".")[0].upper() not in outputs._WINDOWS_RESERVED
    base = Path("/out/tei")
    assert (base / f"{stem}.3.xml").parent == base


def test_ensure_inside(tmp_path: Path) -> None:
    (tmp_path / "tei").mkdir()
    assert ensure_inside(tmp_path, tmp_path / "tei" / "a.xml") == (tmp_path / "tei/a.xml").resolve()
    assert ensure_inside(tmp_path, Path("tei/b.xml")).parent == (tmp_path / "tei").resolve()
    for escape in (tmp_path / ".." / "x.xml", Path("/etc/passwd"), Path("../../x")):
        with pytest.raises(EncoderError, match="outside the output folder"):
            ensure_inside(tmp_path, escape)


def test_ensure_inside_follows_symlinks(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "link.xml").symlink_to(elsewhere / "victim.xml")
    with pytest.raises(EncoderError):
        ensure_inside(out, out / "link.xml")


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.xml"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert _leftovers(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "a.xml"
    target.write_bytes(b"old and whole")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(EncoderError, match="No space left on device") as info:
        atomic_write(target, b"new" * 1000, durable=failing == "fsync")
    assert info.value.file == str(target)
    assert target.read_bytes() == b"old and whole"
    assert _leftovers(tmp_path) == []


def test_keyboard_interrupt_removes_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "a.xml", b"x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_into_missing_folder_is_an_encoder_error(tmp_path: Path) -> None:
    with pytest.raises(EncoderError, match="cannot write"):
        atomic_write(tmp_path / "missing" / "a.xml", b"x")


def _report(tmp_path: Path) -> Report:
    report = Report(str(tmp_path))
    good = InputResult("in/good.txt", "utf-8", 1, [OutputFile("tei/good.xml", "d1", "1")])
    good.add(Diagnostic("warning", "footnote 3 unused", "in/good.txt", 14, "parse.footnotes"))
    bad = InputResult("in/bad\udcff.txt")
    bad.fail("binary file: NUL byte at byte offset 8", code="InputError")
    invalid = InputResult("in/x.txt", "cp1252", 1, [OutputFile("tei/x.xml", valid=False)])
    report.inputs += [good, bad, invalid]
    return report


def test_report_counts_and_failure(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert report.failed
    assert report.counts() == {
        "inputs": 3,
        "failed_inputs": 1,
        "documents": 2,
        "tei_files": 2,
        "invalid_tei_files": 1,
        "warnings": 1,
        "errors": 1,
    }
    assert report.tei_files(valid_only=True) == [tmp_path / "tei/good.xml"]
    assert not Report(str(tmp_path), inputs=[report.inputs[0]]).failed


def test_report_json(tmp_path: Path) -> None:
    report = _report(tmp_path)
    report.write(tmp_path / "report.json")
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["ok"] is False
    first, second, _ = data["inputs"]
    expected = {"path": "tei/good.xml", "xml_id": "d1", "number": "1", "valid": True}
    assert first["outputs"][0] == expected
    assert first["warnings"][0]["line"] == 14
    assert second["input"] == "in/bad\udcff.txt"  # a non-UTF-8 file name survives as an escape
    assert second["errors"][0]["message"].endswith("byte offset 8")
    assert _leftovers(tmp_path) == []
