"""The telegram-tei commands through click's CliRunner: outputs, exit codes, messages.

Tests that need a stage another module owns skip until that module exists; each then
runs the real pipeline, not a stand-in.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from encoder import __version__
from encoder.cli import main
from encoder.errors import Diagnostic, EncoderError

HERE = Path(__file__).parent
BAD = HERE / "fixtures" / "bad"
TELEGRAM = (BAD / "utf8-bom.txt").read_text(encoding="utf-8-sig")
SECOND = TELEGRAM.replace("No. 12", "No. 13").replace("1–145", "1–245")


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def entry(data: dict, name: str) -> dict:
    (found,) = [e for e in data["inputs"] if Path(e["input"]).name == name]
    return found


@pytest.fixture
def encoding_stages() -> None:
    pytest.importorskip("encoder.parser")
    pytest.importorskip("encoder.tei")


@pytest.fixture
def validator(encoding_stages: None) -> None:
    pytest.importorskip("encoder.validate")


@pytest.fixture
def renderer(validator: None) -> None:
    pytest.importorskip("encoder.render")


# ------------------------------------------------------------------ help and version


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"telegram-tei, version {__version__}"
    for command in ("build", "encode", "validate", "render"):
        result = run(command, "--help")
        assert result.exit_code == 0 and f"telegram-tei {command}" in result.stdout


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "encoder", "--help"],
        capture_output=True,
        text=True,
        cwd=HERE.parent,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "Usage: telegram-tei" in done.stdout


def test_missing_arguments_are_usage_errors() -> None:
    for args in (["encode"], ["encode", "x.txt"], ["validate"], ["render", "pdf", "a.xml"]):
        result = run(*args)
        assert result.exit_code == 2 and "Usage:" in result.stderr


# ------------------------------------------------------------------ encode


def test_encode_one_file(tmp_path: Path, validator: None) -> None:
    source = tmp_path / "d12.txt"
    source.write_text(TELEGRAM, encoding="utf-8")
    out = tmp_path / "out"
    result = run("encode", source, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "1 input, 1 document, 1 TEI file" in result.stdout
    tei = (out / "tei" / "d12.xml").read_text(encoding="utf-8")
    assert "Minister’s reply is “awaited” — urgently" in tei
    data = report(out)
    assert data["ok"] and entry(data, "d12.txt")["outputs"][0]["path"] == "tei/d12.xml"
    assert not list(out.rglob("*.tmp"))


def test_several_documents_in_one_file(tmp_path: Path, encoding_stages: None) -> None:
    source = tmp_path / "two.txt"
    source.write_text(TELEGRAM + "\n" + SECOND, encoding="utf-8")
    run("encode", source, "-o", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out/tei").iterdir()) == ["two.1.xml", "two.2.xml"]
    assert entry(report(tmp_path / "out"), "two.txt")["documents"] == 2


def test_batch_with_good_and_bad_files(tmp_path: Path, encoding_stages: None) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(TELEGRAM, encoding="utf-8")
    for name in ("cp1252.txt", "binary.txt", "empty.txt", "undecodable.txt"):
        (batch / name).write_bytes((BAD / name).read_bytes())
    (batch / "notes.md").write_text("not an input")
    out = tmp_path / "out"
    result = run("encode", batch, "-o", out)

    assert result.exit_code == 1
    assert sorted(p.name for p in (out / "tei").iterdir()) == ["cp1252.xml", "good.xml"]
    data = report(out)
    assert len(data["inputs"]) == 5
    expected = {"binary.txt": "byte offset 8", "empty.txt": "empty", "undecodable.txt": "byte offset 150"}
    for name, words in expected.items():
        (error,) = entry(data, name)["errors"]
        assert words in error["message"]
        line = f"{batch / name}: error: {error['message']}"
        assert line in result.stderr.splitlines()
    assert entry(data, "cp1252.txt")["encoding"] == "cp1252"
    assert "read as Windows-1252" in result.stderr


def test_missing_input_and_folder_without_text(tmp_path: Path, encoding_stages: None) -> None:
    good, empty_dir = tmp_path / "good.txt", tmp_path / "nothing"
    good.write_text(TELEGRAM, encoding="utf-8")
    empty_dir.mkdir()
    result = run("encode", tmp_path / "missing.txt", empty_dir, good, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.txt'}: error: no such file" in result.stderr
    assert f"{empty_dir}: error: the folder holds no .txt files" in result.stderr
    assert (tmp_path / "out/tei/good.xml").is_file()


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    from encoder.build import encode_inputs

    (tmp_path / "out").write_text("")
    (tmp_path / "a.txt").write_text(TELEGRAM)
    result = run("encode", tmp_path / "a.txt", "-o", tmp_path / "out")
    assert result.exit_code == 2  # click's own usage error, one line
    assert result.stderr.splitlines()[-1].endswith(f"'{tmp_path / 'out'}' is a file.")
    (tmp_path / "tei").write_text("")  # the library says so too, as an EncoderError
    with pytest.raises(EncoderError, match="the output folder is a file"):
        encode_inputs([tmp_path / "a.txt"], tmp_path)


def test_a_file_in_place_of_a_folder_is_one_line_and_a_summary(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "tei").write_text("")
    result = run("encode", BAD / "latin1.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{tmp_path / 'out' / 'tei'}: error: is a file where the edition needs a folder: not written"
    ]
    assert result.stdout.startswith("1 input, 1 document")
    assert (tmp_path / "out" / "tei").read_text() == ""  # left as it was


def test_colliding_names_are_disambiguated(tmp_path: Path, encoding_stages: None) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(TELEGRAM)
    (tmp_path / "A.txt").write_text(SECOND)
    args = (tmp_path / "one", tmp_path / "two", tmp_path / "A.txt", "-o", tmp_path / "out")
    first = run("encode", *args)
    assert "output name 'a' is used by another input; writing 'a-2'" in first.stderr
    names = [[o["path"] for o in e["outputs"]] for e in report(tmp_path / "out")["inputs"]]
    assert names == [["tei/a.xml"], ["tei/a-2.xml"], ["tei/A-3.xml"]]
    run("encode", *args)
    again = [[o["path"] for o in e["outputs"]] for e in report(tmp_path / "out")["inputs"]]
    assert again == names


def test_odd_names_and_hostile_text_stay_inside(tmp_path: Path, encoding_stages: None) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    odd = inputs / "-odd name (1)?.txt"
    hostile = TELEGRAM.replace("711.00/1–145", "../../../../tmp/x/761.94/7–2145").replace(
        "No. 12", "No. ../../escape"
    )
    odd.write_text(hostile)
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))
    run("encode", inputs, "-o", out)
    created = set(tmp_path.rglob("*")) - before
    assert created and all(p.is_relative_to(out) for p in created)
    assert (out / "tei" / "odd_name_1.xml").is_file()


def test_internal_error_costs_one_document(
    tmp_path: Path, encoding_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import encoder.tei

    real = encoder.tei.to_tei

    def flaky(doc: object) -> object:
        if getattr(doc, "number", None) == "13":
            raise RuntimeError("writer bug")
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(encoder.tei, "to_tei", flaky)
    (tmp_path / "a.txt").write_text(TELEGRAM + "\n" + SECOND)
    (tmp_path / "b.txt").write_text(SECOND)
    (tmp_path / "c.txt").write_text(TELEGRAM)
    result = run("encode", tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "document 13: internal error: RuntimeError: writer bug" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out/tei").iterdir()) == ["a.1.xml", "c.xml"]


def test_validation_findings_flag_but_keep_the_file(
    tmp_path: Path, validator: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import encoder.validate

    class Strict:
        def validate_built(self, tree: object, data: bytes, filename: str) -> list[Diagnostic]:
            return [Diagnostic("error", "head is missing", filename, 3, "xsd")]

    class Crashing:
        def validate_built(self, tree: object, data: bytes, filename: str) -> list[Diagnostic]:
            raise ValueError("schema bug")

    (tmp_path / "a.txt").write_text(TELEGRAM)
    for n, (fake, message) in enumerate(((Strict(), "head is missing"), (Crashing(), "validation crashed"))):
        # a fresh folder each: an unchanged input is not encoded (nor validated) again
        monkeypatch.setattr(encoder.validate, "get_validator", lambda fake=fake: fake)
        result = run("encode", tmp_path / "a.txt", "-o", tmp_path / f"out{n}")
        assert result.exit_code == 1 and message in result.stderr
        assert (tmp_path / f"out{n}/tei/a.xml").is_file()
        (output,) = entry(report(tmp_path / f"out{n}"), "a.txt")["outputs"]
        assert output["valid"] is False


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path, encoding_stages: None) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(TELEGRAM)
    result = run("encode", tmp_path, "-o", tmp_path / "out")
    assert "Encoding" not in result.stderr and "%" not in result.stderr


# ------------------------------------------------------------------ validate and render


HOSTILE = ["billion-laughs.xml", "xxe-passwd.xml", "dtd-url.xml", "xxe-parameter.xml", "doctype-utf16.xml"]


def _deep(tmp_path: Path) -> Path:
    deep = tmp_path / "deep.xml"
    deep.write_bytes(b"<a>" * 100_000 + b"</a>" * 100_000)
    return deep


@pytest.mark.parametrize("command", [["validate"], ["render", "html"]])
def test_hostile_xml_is_refused(tmp_path: Path, command: list[str]) -> None:
    files = [BAD / name for name in HOSTILE] + [_deep(tmp_path)]
    extra = ["-o", str(tmp_path / "out")] if command[0] == "render" else []
    for path in files:
        start = time.perf_counter()
        result = run(*command, path, *extra)
        assert time.perf_counter() - start < 2
        assert result.exit_code == 1
        lines = (result.stdout + result.stderr).splitlines()
        (refusal,) = [line for line in lines if "refused" in line]
        assert refusal.startswith(f"{path}:") and ": error: refused: " in refusal
        assert "root:" not in result.output
    assert not (tmp_path / "out").exists()


def test_validate_reports_unreadable_files(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "none.xml", BAD / "not-well-formed.xml")
    assert result.exit_code == 1
    assert f"{tmp_path / 'none.xml'}: error: no such file" in result.stdout
    assert f"{BAD / 'not-well-formed.xml'}:3: error: not well-formed XML" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 files checked: 2 errors, 0 warnings"


def test_validate_strict_and_folders(
    tmp_path: Path, validator: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import encoder.validate

    class Warns:
        def validate_tree(self, tree: object, filename: str) -> list[Diagnostic]:
            return [Diagnostic("warning", "date looks odd", filename, 7, "sch")]

    tei = tmp_path / "build" / "tei"
    tei.mkdir(parents=True)
    (tei / "a.xml").write_bytes((HERE / "golden/frus1945Berlinv01-d580.tei.xml").read_bytes())
    monkeypatch.setattr(encoder.validate, "get_validator", Warns)
    relaxed = run("validate", tmp_path / "build")
    assert relaxed.exit_code == 0
    assert relaxed.stdout.splitlines() == [
        f"{tei / 'a.xml'}:7: warning: date looks odd",
        "1 file checked: 0 errors, 1 warning",
    ]
    assert run("validate", "--strict", tei).exit_code == 1


def test_validate_golden_is_clean(validator: None) -> None:
    result = run("validate", HERE / "golden")
    assert result.exit_code == 0, result.stdout


# ------------------------------------------------------------------ build


def test_build_batch(tmp_path: Path, renderer: None) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TELEGRAM)
    (tmp_path / "in" / "b.txt").write_text(SECOND)
    (tmp_path / "in" / "z.txt").write_bytes((BAD / "binary.txt").read_bytes())
    out = tmp_path / "out"
    result = run("build", tmp_path / "in", "-o", out)
    assert result.exit_code == 1
    assert "z.txt: error: binary file" in result.stderr
    assert (out / "html" / "index.html").is_file() and (out / "print" / "edition.pdf").is_file()
    data = report(out)
    assert "html/index.html" in data["editions"] and data["counts"]["tei_files"] == 2

    (tmp_path / "in" / "b.txt").unlink()
    run("build", tmp_path / "in", "-o", out)
    assert (out / "tei" / "b.xml").exists()  # kept without --clean
    cleaned = run("build", tmp_path / "in", "-o", out, "--clean")
    assert not (out / "tei" / "b.xml").exists() and (out / "tei" / "a.xml").exists()
    assert "tei/b.xml" in report(out)["removed"]
    assert cleaned.exit_code == 1  # z.txt still fails


def test_build_without_inputs_uses_the_samples(
    tmp_path: Path, renderer: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from encoder.resources import sample_files

    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.stderr
    assert len(report(tmp_path / "output")["inputs"]) == len(sample_files())
    assert (tmp_path / "output" / "html" / "index.html").is_file()


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from encoder import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, drawn in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr(sys, "stderr", stream)
        with cli._progress(3, "Encoding") as tick:
            for _ in range(3):
                tick()
        assert ("Encoding" in stream.getvalue()) is drawn


def test_build_title_names_the_edition(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TELEGRAM)
    result = run("build", tmp_path / "a.txt", "-o", tmp_path / "out", "--title", "Lebanon & Syria, 1958")
    assert result.exit_code == 0, result.stderr
    index = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Lebanon &amp; Syria, 1958" in index
