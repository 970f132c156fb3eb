"""Time and memory of the print edition at volume size (not run by the tests).

    .venv/bin/python benchmarks/bench_print.py                 # 100, 400 and 1,000 documents
    .venv/bin/python benchmarks/bench_print.py -n 200 -n 800

The parent encodes the dev-corpus and corpus-other pages (never a reserved volume) and
assembles them as one edition TEI per size (tests/edition_builder.py: one chapter per
volume, the documents repeated with fresh ids until there are N). Each size is then
typeset in a child process of its own, so that its peak RSS is the print edition's own:
the child reads the TEI, runs the two stages of ``render_book`` and times them apart: the XSLT (edition TEI → Typst source, saxonche) and the typesetting (Typst →
PDF/A-3b + PDF/UA-1 with the TEI attached). Reported: seconds for each, pages, peak RSS of
the child (and CPU seconds, which a busy shared machine disturbs less than wall time);
then a least-squares line through the sizes for time and memory, so that the
growth per document can be read off (and checked for being linear).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def assemble_tei(sizes: list[int], folder: Path) -> dict[int, Path]:
    """The edition TEI of each size, written to ``folder`` (made here, not in the child
    that typesets it, so that the child's peak RSS is the print edition's own)."""
    from edition_builder import DEV, OTHER, assemble, corpus_pages, encode_pages, repeated

    encoded = encode_pages(corpus_pages(DEV, OTHER))
    files = {}
    for n in sizes:
        tei, _ = assemble(repeated(encoded, n))
        files[n] = folder / f"edition-{n}.xml"
        files[n].write_text(tei, encoding="utf-8")
    return files


def one(n: int, tei_file: Path) -> dict[str, float]:
    """Typeset the edition in ``tei_file`` in this process, the two stages of
    ``render_book`` timed apart; return the measurements."""
    from pypdf import PdfReader

    from encoder.book import PRINT_XSL, TEI_ATTACHMENT
    from encoder.files import atomic_write
    from encoder.transform import stylesheet_path, transform
    from encoder.typeset import compile_pdf

    tei = tei_file.read_text(encoding="utf-8")
    t1, c1 = time.perf_counter(), cpu()
    source = transform(stylesheet_path(PRINT_XSL), tei, "bench.xml", {"attach": TEI_ATTACHMENT})
    t2, c2 = time.perf_counter(), cpu()
    pdf, _warnings = compile_pdf(source, "bench.xml", attachments={TEI_ATTACHMENT: tei.encode("utf-8")})
    t3, c3 = time.perf_counter(), cpu()
    out = tei_file.with_suffix(".pdf")
    atomic_write(out, pdf)
    t4 = time.perf_counter()
    return {
        "documents": n,
        "xslt_s": round(t2 - t1, 2),
        "typst_s": round(t3 - t2, 2),
        "render_s": round(t4 - t1, 2),
        "xslt_cpu_s": round(c2 - c1, 2),
        "typst_cpu_s": round(c3 - c2, 2),
        "pages": len(PdfReader(str(out)).pages),
        "tei_mb": round(len(tei.encode("utf-8")) / 1e6, 2),
        "pdf_mb": round(len(pdf) / 1e6, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def cpu() -> float:
    """CPU seconds of this process so far (user + system, all threads): a measure that a
    busy shared machine disturbs less than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    return slope, mean_y - slope * mean_x


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, action="append", help="documents (repeatable)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tei", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.tei)))
        return
    sizes = args.n or [100, 400, 1000]
    tmp = tempfile.TemporaryDirectory(prefix="bench-print-")
    files = assemble_tei(sizes, Path(tmp.name))
    rows = []
    for n in sizes:
        start = time.perf_counter()
        command = [sys.executable, __file__, "--one", str(n), "--tei", str(files[n])]
        run = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        row = json.loads(run.stdout.strip().splitlines()[-1])
        row["process_wall_s"] = round(time.perf_counter() - start, 2)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print(
        f"{'docs':>6} {'pages':>6} {'xslt s':>7} {'typst s':>8} {'render s':>9} {'wall s':>7} "
        f"{'xslt cpu':>9} {'typst cpu':>10} {'peak MB':>8}"
    )
    for r in rows:
        print(
            f"{r['documents']:>6} {r['pages']:>6} {r['xslt_s']:>7} {r['typst_s']:>8} "
            f"{r['render_s']:>9} {r['process_wall_s']:>7} {r['xslt_cpu_s']:>9} {r['typst_cpu_s']:>10} "
            f"{r['peak_rss_mb']:>8}"
        )
    if len(rows) >= 2:
        xs = [float(r["documents"]) for r in rows]
        for key in ("render_s", "typst_s", "xslt_s", "typst_cpu_s", "peak_rss_mb"):
            unit = "MB" if key.endswith("mb") else "s"
            slope, intercept = fit(xs, [float(r[key]) for r in rows])
            print(f"fit {key}: {slope * 1000:.3f} {unit} per 1,000 documents + {intercept:.2f} {unit}")


if __name__ == "__main__":
    main()
