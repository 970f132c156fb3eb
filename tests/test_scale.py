"""The build at scale and an output folder that is never damaged (issue 11).

Each damage case runs the real command line in a child process where the operating
system's behaviour matters (kills, locks, permissions, write limits). Permission cases run
as the unprivileged user ``nobody`` when the tests run as root (CI does), so that a root
CI still meets ``EACCES``.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from encoder import build as build_module
from encoder.build import build
from encoder.errors import EncoderError
from encoder.publish import OutputFolder

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "encoder" / "samples"
OUTPUTS = ["tei", "html"]  # the PDF is slow and tested elsewhere; its publication is the same


# ------------------------------------------------------------------ helpers


def _edition(folder: Path) -> Path:
    """A copy of the bundled sample edition, which a test may change."""
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.name not in ("persons.txt", "terms.txt"))


PAGEFIND = "html/pagefind/"
"""Pagefind's index is not reproducible: the same pages indexed twice give other bytes
(its threads merge in any order; RAYON_NUM_THREADS=1 does not help). The search index is
left out of byte comparisons; the browser tests check that search works."""


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every published file's bytes (the report without its timings), hidden state and the
    search index (see PAGEFIND) excluded."""
    files: dict[str, bytes] = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith((".telegram-tei", PAGEFIND)) or not path.is_file():
            continue
        data = path.read_bytes()
        if rel == "report.json":
            report = json.loads(data)
            report.pop("seconds"), report.pop("published")
            report["editions"] = [e for e in report["editions"] if not e.startswith(PAGEFIND)]
            data = json.dumps(report, sort_keys=True).encode()
        files[rel] = data
    return files


def _leftovers(out: Path) -> list[str]:
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.name.endswith(".tmp") or "stage" in p.relative_to(out).parts
    )


_AS_NOBODY = """
import os, pwd, sys
# Everything the command needs is imported while still root: the interpreter may live in a
# folder only root can read (/root/.pyenv). Then the process becomes nobody and runs.
import encoder.build, encoder.cli, encoder.layout, encoder.publish, encoder.manifest
import encoder.worker, encoder.parser, encoder.validate, encoder.docmeta, encoder.tei
import encoder.glossary, encoder.storedentry, encoder.editiontei, encoder.outputs.teiedition
import encoder.validate; encoder.validate.get_validator()
import json, shutil, tomllib, errno, fcntl, hashlib, tempfile, difflib, codecs, concurrent.futures
for codec in ("utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
              "utf-32-le", "utf-32-be", "ascii", "idna"):
    codecs.lookup(codec)
nobody = pwd.getpwnam("nobody")
os.setgid(nobody.pw_gid); os.setgroups([]); os.setuid(nobody.pw_uid)
encoder.cli.main(sys.argv[1:], prog_name="telegram-tei")
"""


def _cli(*args: object, user: bool = False, limit_bytes: int | None = None, **kw: object) -> subprocess.Popen:
    """``telegram-tei ARGS`` in a child; ``user``: as ``nobody`` when we are root (only
    ``--jobs 1`` then: a worker would need to start the interpreter again);
    ``limit_bytes``: no file may grow larger (RLIMIT_FSIZE: writes fail with EFBIG)."""

    def setup() -> None:
        if limit_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": tempfile.gettempdir()}
    command = ["-c", _AS_NOBODY] if user and os.geteuid() == 0 else ["-m", "encoder"]
    return subprocess.Popen(
        [sys.executable, *command, *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=setup,
        env=env,
        **kw,  # type: ignore[arg-type]
    )


def _run(*args: object, **kw: object) -> tuple[int, str, str]:
    child = _cli(*args, **kw)
    out, err = child.communicate(timeout=240)
    return child.returncode, out, err


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder that ``nobody`` can enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="tt-scale-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["chmod", "-R", "u+rwx", str(folder)], check=False)
    shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ throughput and determinism


def test_two_workers_write_what_one_writes(tmp_path: Path) -> None:
    edition = _edition(tmp_path / "ed")
    out = tmp_path / "out"
    build([edition], out, outputs=OUTPUTS, jobs=1)
    one = _snapshot(out)
    shutil.rmtree(out)
    build([edition], out, outputs=OUTPUTS, jobs=2)  # explicit: a process pool even for 5 inputs
    assert _snapshot(out) == one
    assert len([k for k in one if k.startswith("tei/d")]) == 0  # stems come from file names
    assert len([k for k in one if k.startswith("tei/")]) == 6  # 5 documents + edition.xml


def test_unchanged_inputs_are_not_encoded_and_unchanged_files_not_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = _edition(tmp_path / "ed")
    out = tmp_path / "out"
    build([edition], out, outputs=OUTPUTS, jobs=1)
    before = {
        p: p.stat().st_mtime_ns
        for p in out.rglob("*.*")
        if ".telegram-tei" not in p.parts and not p.relative_to(out).as_posix().startswith(PAGEFIND)
    }
    encoded: list[str] = []
    real = build_module.encode_task
    monkeypatch.setattr(build_module, "encode_task", lambda task: encoded.append(task.input) or real(task))
    time.sleep(0.02)
    report = build([edition], out, outputs=OUTPUTS, jobs=1)
    assert encoded == [] and not report.failed
    after = {p: p.stat().st_mtime_ns for p in before}
    assert {p for p in before if before[p] != after[p]} == {out / "report.json"}

    touched = _inputs(edition)[2]
    touched.write_text(touched.read_text(encoding="utf-8").replace(" the ", " The ", 1), encoding="utf-8")
    time.sleep(0.02)
    build([edition], out, outputs=OUTPUTS, jobs=1)
    assert encoded == [str(touched)]
    changed = {p.relative_to(out).as_posix() for p in before if before[p] != p.stat().st_mtime_ns}
    stem = touched.stem
    assert f"tei/{stem}.xml" in changed and "report.json" in changed
    untouched_tei = {f"tei/{p.stem}.xml" for p in _inputs(edition) if p != touched}
    assert not changed & untouched_tei  # the other documents' TEI is left alone


def test_a_changed_persons_list_reencodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition = _edition(tmp_path / "ed")
    build([edition], tmp_path / "out", outputs=["tei"], jobs=1)
    encoded: list[str] = []
    real = build_module.encode_task
    monkeypatch.setattr(build_module, "encode_task", lambda task: encoded.append(task.input) or real(task))
    with (edition / "persons.txt").open("a", encoding="utf-8") as handle:
        handle.write("Zzyzx, Quentin, an invented person for this test\n")
    build([edition], tmp_path / "out", outputs=["tei"], jobs=1)
    assert len(encoded) == len(_inputs(edition))


# ------------------------------------------------------------------ ownership


def test_clean_removes_only_what_the_tool_wrote_for_gone_inputs(tmp_path: Path) -> None:
    edition = _edition(tmp_path / "ed")
    out = tmp_path / "out"
    build([edition], out, outputs=OUTPUTS, jobs=1)
    mine = [
        out / "tei" / "mine.xml",
        out / "html" / "mine.html",
        out / "tei" / "frus1894Nicaragua_d86_old.xml",
    ]
    for path in mine:
        path.write_text("the editor's own file")
    gone = _inputs(edition)[0]
    gone.unlink()
    report = build([edition], out, outputs=OUTPUTS, clean=True, jobs=1)
    assert all(p.read_text() == "the editor's own file" for p in mine)
    assert f"tei/{gone.stem}.xml" in report.removed
    assert not (out / "tei" / f"{gone.stem}.xml").exists()
    assert all(not r.startswith(("tei/mine", "html/mine")) for r in report.removed)
    assert not any(Path(r).name.endswith("_old.xml") for r in report.removed)


def test_clean_keeps_the_last_good_tei_of_an_input_that_fails_now(tmp_path: Path) -> None:
    edition = _edition(tmp_path / "ed")
    out = tmp_path / "out"
    build([edition], out, outputs=["tei"], jobs=1)
    broken = _inputs(edition)[1]
    good = (out / "tei" / f"{broken.stem}.xml").read_bytes()
    broken.write_bytes(b"")
    for _ in range(2):  # and still after a second failing run
        report = build([edition], out, outputs=["tei"], clean=True, jobs=1)
        assert report.failed
        assert (out / "tei" / f"{broken.stem}.xml").read_bytes() == good


def test_a_file_in_the_way_is_not_overwritten_without_force(tmp_path: Path) -> None:
    edition = _edition(tmp_path / "ed")
    out = tmp_path / "out"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("my own index")
    report = build([edition], out, outputs=OUTPUTS, jobs=1)
    assert (out / "html" / "index.html").read_text() == "my own index"
    conflicts = [d for d in report.errors if d.code == "publish.conflict"]
    assert [d.file for d in conflicts] == [str(out / "html" / "index.html")]
    assert "not written by telegram-tei" in conflicts[0].message
    saved = json.loads((out / "report.json").read_text())
    assert any(e["code"] == "publish.conflict" for e in saved["errors"])  # the report says so
    build([edition], out, outputs=OUTPUTS, jobs=1, force=True)
    assert (out / "html" / "index.html").read_text() != "my own index"
    # changed by a user after the tool wrote it: the same protection
    (out / "html" / "index.html").write_text("edited by hand")
    (_inputs(edition)[0]).write_text(_inputs(edition)[0].read_text() + "\n\n", encoding="utf-8")
    report = build([edition], out, outputs=OUTPUTS, jobs=1)
    assert (out / "html" / "index.html").read_text() == "edited by hand"
    assert any("changed since" in d.message for d in report.errors)


def test_leftovers_of_a_killed_run_are_removed_and_the_user_s_kept(tmp_path: Path) -> None:
    edition = _edition(tmp_path / "ed")
    out = tmp_path / "out"
    build([edition], out, outputs=OUTPUTS, jobs=1)
    (out / "html" / ".index.html.ab12cd34.tmp").write_bytes(b"x" * 512)
    (out / ".telegram-tei" / "stage" / "html").mkdir(parents=True)
    (out / ".telegram-tei" / "stage" / "html" / "half.html").write_text("half")
    (out / "html" / ".notes.tmp").write_text("mine")
    build([edition], out, outputs=OUTPUTS, jobs=1)
    assert _leftovers(out) == ["html/.notes.tmp"]


# ------------------------------------------------------------------ kills, locks, concurrency


def test_killed_at_random_points_then_rebuilt_matches_a_clean_build(shared_tmp: Path) -> None:
    edition = _edition(shared_tmp / "ed")
    out = shared_tmp / "out"
    args = ("build", edition, "-o", out, "--outputs", "tei,html", "--jobs", "1")
    assert _run(*args)[0] == 0
    first = _snapshot(out)
    for path in _inputs(edition):  # every document changes
        path.write_text(path.read_text(encoding="utf-8").replace("the", "the "), encoding="utf-8")
    shutil.rmtree(out)
    assert _run(*args)[0] == 0
    second = _snapshot(out)
    assert first != second
    rng = random.Random(11)
    for delay in sorted(rng.uniform(0.2, 3.0) for _ in range(5)):
        shutil.rmtree(out)
        for path in _inputs(edition):
            path.write_text(path.read_text(encoding="utf-8").replace("the ", "the"), encoding="utf-8")
        assert _run(*args)[0] == 0
        for path in _inputs(edition):
            path.write_text(path.read_text(encoding="utf-8").replace("the", "the "), encoding="utf-8")
        child = _cli(*args)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert _snapshot(out) in (first, second), f"killed after {delay:.2f} s: a half-published edition"
        assert _run(*args)[0] == 0
        assert _snapshot(out) == second, f"killed after {delay:.2f} s"
        assert _leftovers(out) == []


def test_a_second_run_into_a_folder_in_use_stops_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputFolder(out):
        with pytest.raises(EncoderError, match="another telegram-tei run is writing to this folder"):
            build([SAMPLES], out, outputs=["tei"], jobs=1)
        code, stdout, stderr = _run("build", SAMPLES, "-o", out, "--outputs", "tei")
    assert code == 1
    assert stderr.strip().count("\n") == 0 and "another telegram-tei run is writing" in stderr
    assert f"(process {os.getpid()})" in stderr
    assert stdout.startswith("0 inputs")  # the summary line is always printed


def test_two_concurrent_runs_never_interleave(shared_tmp: Path) -> None:
    edition = _edition(shared_tmp / "ed")
    out = shared_tmp / "out"
    args = ("build", edition, "-o", out, "--outputs", "tei,html", "--jobs", "1")
    assert _run(*args)[0] == 0
    clean = _snapshot(out)
    shutil.rmtree(out)
    children = [_cli(*args) for _ in range(2)]
    results = [(c.communicate(timeout=240), c.returncode) for c in children]
    codes = sorted(code for _, code in results)
    assert codes[0] == 0
    for (_, err), code in results:
        if code:
            assert "another telegram-tei run is writing" in err
    assert _snapshot(out) == clean


# ------------------------------------------------------------------ the disk says no


def test_read_only_output_folder_is_one_line_and_a_summary(shared_tmp: Path) -> None:
    out = shared_tmp / "out"
    out.mkdir()
    out.chmod(0o555)  # for root as well as for nobody: the child runs as nobody
    code, stdout, stderr = _run("build", SAMPLES, "-o", out, "--outputs", "tei", "--jobs", "1", user=True)
    assert code == 1
    lines = stderr.strip().splitlines()
    assert lines == [f"{out}: error: cannot create the output folder: Permission denied"] or lines == [
        f"{out}: error: cannot write to the output folder: Permission denied"
    ]
    assert stdout.startswith("0 inputs")


def test_a_write_failure_publishes_nothing_and_says_so(shared_tmp: Path) -> None:
    edition = _edition(shared_tmp / "ed")
    out = shared_tmp / "out"
    args = ("build", edition, "-o", out, "--outputs", "tei,html", "--jobs", "1")
    assert _run(*args)[0] == 0
    before = _snapshot(out)
    for path in _inputs(edition):
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, stdout, stderr = _run(*args, limit_bytes=12_000)  # pages over 12 kB cannot be written
    assert code == 1
    assert "File too large" in stderr
    assert "nothing was published, the previous edition is unchanged" in stderr
    assert stdout.startswith("5 inputs")
    assert _snapshot(out) == before
    assert _run(*args)[0] == 0  # and the next run, with room, publishes
    assert _leftovers(out) == []


def test_unreadable_loops_fifos_and_folders_named_txt_are_named_and_the_batch_goes_on(
    shared_tmp: Path,
) -> None:
    edition = _edition(shared_tmp / "ed")
    chapter = next(p for p in edition.iterdir() if p.is_dir())
    (chapter / "secret.txt").write_text("Telegram\n\nsecret")
    (chapter / "secret.txt").chmod(0o000)
    os.mkfifo(chapter / "pipe.txt")
    (chapter / "loop.txt").symlink_to("loop.txt")
    (chapter / "folder.txt").mkdir()
    (chapter / "away").symlink_to("away")
    out = shared_tmp / "out"
    out.mkdir()
    if os.geteuid() == 0:
        import pwd

        os.chown(out, pwd.getpwnam("nobody").pw_uid, -1)  # nobody may write the output
    for path in (edition, *edition.rglob("*")):
        if not path.is_symlink() and path.is_dir():
            path.chmod(0o755)
    code, stdout, stderr = _run("build", edition, "-o", out, "--outputs", "tei", "--jobs", "1", user=True)
    assert code == 1
    expected = {
        "secret.txt": "cannot read: Permission denied",
        "pipe.txt": "not a regular file (a FIFO)",
        "loop.txt": "Too many levels of symbolic links",
        "folder.txt": "is a folder, not a text file",
        "away": "symbolic link that loops",
    }
    for name, message in expected.items():
        assert any(f"{chapter / name}:" in line and message in line for line in stderr.splitlines()), stderr
    assert stdout.startswith(f"{len(_inputs(SAMPLES)) + 4} inputs (4 failed)")
    assert len(list((out / "tei").glob("frus*.xml"))) == len(_inputs(SAMPLES))


# ------------------------------------------------------------------ beyond one machine


@pytest.mark.timeout(240)
def test_dask_cluster_writes_what_one_process_writes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    edition = _edition(tmp_path / "ed")
    build([edition], tmp_path / "local", outputs=OUTPUTS, jobs=1)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        build([edition], tmp_path / "dask", outputs=OUTPUTS, scheduler=cluster.scheduler_address)
    local, dask = _snapshot(tmp_path / "local"), _snapshot(tmp_path / "dask")
    assert local.keys() == dask.keys()
    for rel in local:
        here, there = str(tmp_path / "local").encode(), str(tmp_path / "dask").encode()
        assert local[rel].replace(here, there) == dask[rel], rel


def test_pools_stream_results_in_input_order() -> None:
    from encoder.pool import POOL_THRESHOLD, ProcessPool, SerialPool, make_pool

    assert isinstance(make_pool(None, None, POOL_THRESHOLD - 1), SerialPool)
    assert isinstance(make_pool(1, None, 10_000), SerialPool)
    with pytest.raises(EncoderError, match="--jobs must be 1 or more"):
        make_pool(0, None, 10)
    pool = make_pool(2, None, 3)
    assert isinstance(pool, ProcessPool)
    try:
        items = list(range(500))
        assert list(pool.map(abs, (-i for i in items))) == items
    finally:
        pool.close()


@pytest.mark.timeout(120)
def test_validate_and_render_name_loops_and_fifos_and_go_on(tmp_path: Path) -> None:
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "golden" / "frus1945Berlinv01-d580.tei.xml", folder / "a.xml")
    (folder / "loop.xml").symlink_to("loop.xml")
    os.mkfifo(folder / "pipe.xml")  # never opened: reading it would block
    for command in (["validate", folder], ["render", "html", folder, "-o", tmp_path / "site"]):
        code, stdout, stderr = _run(*command)
        printed = stdout + stderr  # validate prints findings on stdout, render on stderr
        assert code == 1 and "Traceback" not in printed
        assert f"{folder / 'loop.xml'}: error: cannot read: Too many levels of symbolic links" in printed
        assert f"{folder / 'pipe.xml'}: error: not a regular file (a FIFO)" in printed
    assert (tmp_path / "site" / "html" / "d580.html").is_file()


def test_reusable_per_document_output_work_is_not_redone(tmp_path: Path) -> None:
    import memo_output

    from encoder import outputs as registry

    registry.register("memo", "memo_output")
    try:
        edition = _edition(tmp_path / "ed")
        out = tmp_path / "out"
        count = len(_inputs(edition))
        build([edition], out, outputs=["memo"], jobs=1)
        assert {"page": count, "size": count} == memo_output.CALLS
        first = _snapshot(out)
        build([edition], out, outputs=["memo"], jobs=1)
        assert {"page": count, "size": 2 * count} == memo_output.CALLS  # unmarked work always runs
        assert _snapshot(out) == first
        touched = _inputs(edition)[0]
        touched.write_text(touched.read_text(encoding="utf-8").replace(" the ", " The ", 1), encoding="utf-8")
        build([edition], out, outputs=["memo"], jobs=1)
        assert memo_output.CALLS["page"] == count + 1
        cached = list((out / ".telegram-tei" / "cache").rglob("*"))
        assert len([p for p in cached if p.is_file()]) == count  # the superseded entry is gone
    finally:
        registry._MODULES.pop("memo", None)
