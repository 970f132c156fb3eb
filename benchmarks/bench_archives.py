"""Time of each archive output (issue 10) over an edition of real pages (not run by tests).

    .venv/bin/python benchmarks/bench_archives.py           # corpus-other x 10 (~1,000 documents)
    .venv/bin/python benchmarks/bench_archives.py -k 2

The pages of ``benchmarks/corpus-other`` are linked K times into K chapter folders of a
temporary edition folder, encoded once, and then each output runs over the same edition
in this process; the table gives its wall time, time per document and files written.
tei_all validation of the tei-p5 output is timed too when jing is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from encoder import outputs as registry  # noqa: E402
from encoder.build import encode_edition  # noqa: E402
from encoder.layout import plan_edition  # noqa: E402

OUTPUTS = ["tables", "cmif", "tei-p5", "dts", "bagit"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-k", type=int, default=10, help="copies of corpus-other (101 documents each)")
    args = parser.parse_args()
    pages = sorted((ROOT / "benchmarks" / "corpus-other").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "edition"
        for n in range(1, args.k + 1):
            chapter = folder / f"{n:02d} Copy {n}"
            chapter.mkdir(parents=True)
            for page in pages:
                (chapter / page.name).symlink_to(page)
        (folder / "edition.toml").write_text('title = "Benchmark"\nidentifier = "bench"\n', encoding="utf-8")
        out = Path(tmp) / "out"
        start = time.perf_counter()
        _, edition = encode_edition(plan_edition([folder]), out)
        documents = len(edition.documents)
        print(f"encode: {documents} documents in {time.perf_counter() - start:.1f} s")
        print(f"{'output':8} {'seconds':>8} {'ms/doc':>7} {'files':>6}")
        for name in OUTPUTS:
            start = time.perf_counter()
            written = registry.write(name, edition, out, registry.Context())
            elapsed = time.perf_counter() - start
            print(f"{name:8} {elapsed:8.2f} {elapsed / documents * 1000:7.2f} {len(written):6}")
        jing = shutil.which("jing")
        spec = importlib.util.find_spec("schemas")
        rng = Path(next(iter(spec.submodule_search_locations))) / "tei_all.rng" if spec else None
        if jing and rng and rng.is_file():
            files = sorted((out / "tei-p5").glob("*.xml"))
            start = time.perf_counter()
            done = subprocess.run([jing, str(rng), *map(str, files)], capture_output=True, text=True)
            errors = sum(": error:" in line for line in done.stdout.splitlines())
            print(f"jing tei_all: {len(files)} files in {time.perf_counter() - start:.1f} s, {errors} errors")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
