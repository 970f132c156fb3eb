"""Collection scale (issue 11): docs/s per stage and end to end, peak RSS, rebuilds.

    .venv/bin/python benchmarks/bench_scale.py                 # 10,000 documents
    .venv/bin/python benchmarks/bench_scale.py -n 1000 --stage-sample 300

Not a test: it prints figures (and writes them as JSON with ``--json``). Documents are the
real pages of ``../shared/corpus/dev`` and ``benchmarks/corpus-other`` in turn, each copy
with its own document number (the first number of its first lines is replaced), one file
each, in chapters of 1,000.

Part 1, in this process over a sample: each stage of the per-document work (decode,
parse, TEI and linking, serialize, XSD, Schematron, metadata, HTML page) and, measured
in the same run, the floors the issue names: lxml's XSD 1.0 alone, the Schematron alone, a
saxonche identity transform. Part 2, ``telegram-tei build --outputs tei,html`` in a child
process with ``--jobs 1`` and ``--jobs 2``: wall time, docs/s, peak RSS of the largest
process; then the rebuild of the unchanged edition and after touching one input.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPORA = [ROOT.parent / "shared" / "corpus" / "dev", ROOT / "benchmarks" / "corpus-other"]
_FIRST_NUMBER = re.compile(r"\b\d{1,4}\b")


def pages() -> list[str]:
    found = []
    for corpus in CORPORA:
        found += [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not found:
        raise SystemExit("no corpus pages found (../shared/corpus/dev, benchmarks/corpus-other)")
    return found


def generate(folder: Path, n: int) -> list[Path]:
    """``n`` documents in chapters of 1,000; copy ``i`` of a page carries number ``i + 1``."""
    texts = pages()
    files = []
    for i in range(n):
        text = texts[i % len(texts)]
        head, _, rest = text.partition("\n\n")
        head = _FIRST_NUMBER.sub(str(i + 1), head, count=1)
        chapter = folder / f"{i // 1000 + 1:02d} Part {i // 1000 + 1}"
        chapter.mkdir(parents=True, exist_ok=True)
        path = chapter / f"doc{i + 1:06d}.txt"
        path.write_text(head + "\n\n" + rest, encoding="utf-8")
        files.append(path)
    (folder / "edition.toml").write_text('title = "Scale benchmark"\n', encoding="utf-8")
    return files


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else float("inf")


def stages(files: list[Path]) -> dict[str, object]:
    """Docs/s of each stage and of the floors, one process, over ``files``."""
    from lxml import etree

    from encoder.docmeta import read_meta
    from encoder.parser import parse_documents
    from encoder.reader import decode_bytes
    from encoder.tei import serialize, to_tei
    from encoder.transform import _processor, compiled, run_stylesheet
    from encoder.validate import get_validator

    validator = get_validator()
    data = [p.read_bytes() for p in files]
    t: dict[str, float] = {}

    def timed(name: str, func, items):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        out = [func(x) for x in items]
        t[name] = time.perf_counter() - start
        return out

    texts = timed("decode", lambda b: decode_bytes(b, "x").text, data)
    docs = timed("parse", lambda s: parse_documents(s, source_name="x")[0], texts)
    trees = timed("tei", to_tei, docs)
    blobs = timed("serialize", serialize, trees)
    timed("xsd (lxml, XSD 1.0)", lambda tr: validator._xsd.validate(tr), trees)
    timed("schematron", lambda tr: validator._schematron.validate(tr), trees)
    timed(
        "validate (both, built tree)",
        lambda tb: validator.validate_built(tb[0], tb[1], "x"),
        list(zip(trees, blobs, strict=True)),
    )
    timed("docmeta", lambda tr: read_meta(tr.getroot()), trees)
    texts_xml = [etree.tostring(tr, encoding="unicode") for tr in trees]
    run_stylesheet("html/tei-to-html.xsl", texts_xml[0], "warm", {})
    timed("html page (saxon)", lambda x: run_stylesheet("html/tei-to-html.xsl", x, "x", {}), texts_xml)
    # floors, measured here
    identity = Path(tempfile.mkdtemp()) / "identity.xsl"
    identity.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>',
        encoding="utf-8",
    )
    executable = compiled(identity)
    processor = _processor()

    def saxon_identity(x: str) -> None:
        executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=x))

    timed("floor: saxon identity transform", saxon_identity, texts_xml)
    n = len(files)
    per_stage = {
        name: {"docs_per_s": _rate(n, s), "ms_per_doc": round(1000 * s / n, 3)} for name, s in t.items()
    }
    work = [
        "decode",
        "parse",
        "tei",
        "serialize",
        "validate (both, built tree)",
        "docmeta",
        "html page (saxon)",
    ]
    total = sum(t[k] for k in work)
    per_stage["per-document work, one core"] = {
        "docs_per_s": _rate(n, total),
        "ms_per_doc": round(1000 * total / n, 3),
    }
    return {"sample": n, "stages": per_stage}


def run_build(edition: Path, out: Path, jobs: int, *, encode_only: bool = False) -> dict[str, object]:
    """One ``telegram-tei build --outputs tei,html`` (or ``encode``: TEI and report only)
    in a child: wall time and the peak RSS of the child and the workers it waited for."""
    if encode_only:
        chapters = sorted(str(p) for p in edition.iterdir() if p.is_dir())
        command = [sys.executable, "-m", "encoder", "encode", *chapters, "-o", str(out)]
    else:
        command = [sys.executable, "-m", "encoder", "build", str(edition), "-o", str(out)]
        command += ["--outputs", "tei,html"]
    command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    # wait4 gives this child's own peak RSS (a probe process started with vfork would
    # report the RSS it inherited from this benchmark's process)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return {"exit": code, "seconds": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=10_000, help="documents (default 10,000)")
    parser.add_argument("--stage-sample", type=int, default=1000, help="documents for part 1")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--encode-only", action="store_true", help="part 2 without the HTML edition")
    parser.add_argument("--no-stages", action="store_true", help="skip part 1")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    figures: dict[str, object] = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}",
        "documents": args.n,
    }
    try:
        edition = work / "edition"
        files = generate(edition, args.n)
        if not args.no_stages:
            figures["part 1"] = stages(files[: args.stage_sample])
            print(json.dumps(figures["part 1"], indent=1), flush=True)
        builds: dict[str, object] = {}
        for jobs in (1, 2):
            out = work / f"out{jobs}"
            result = run_build(edition, out, jobs, encode_only=args.encode_only)
            result["docs_per_s"] = _rate(args.n, float(result["seconds"]))
            builds[f"clean {'encode' if args.encode_only else 'build'}, --jobs {jobs}"] = result
            print(jobs, result, flush=True)
        out = work / "out2"
        builds["rebuild, nothing changed, --jobs 2"] = run_build(
            edition, out, 2, encode_only=args.encode_only
        )
        touched = files[len(files) // 2]
        touched.write_text(touched.read_text(encoding="utf-8").replace(" the ", " The ", 1), encoding="utf-8")
        builds["rebuild after touching 1 input, --jobs 2"] = run_build(
            edition, out, 2, encode_only=args.encode_only
        )
        figures["part 2"] = builds
        print(json.dumps(builds, indent=1))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
