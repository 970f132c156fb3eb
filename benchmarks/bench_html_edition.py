"""The dev corpus as editions: time of the HTML edition's parts (not run by the tests).

    .venv/bin/python benchmarks/bench_html_edition.py          # one edition, copies = 1
    .venv/bin/python benchmarks/bench_html_edition.py -c 10    # 10 copies of each volume

Arranges ``../shared/corpus/dev/*.txt`` as one edition (a chapter per volume, each
``copies`` times), encodes it once, then times, in this process: the cross-references
(``xrefs.link_edition``), the metadata XML and list pages, the document pages (serially),
and Pagefind's index. Prints seconds and milliseconds a document.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from editions import DEV, volumes  # noqa: E402

from encoder.build import encode_edition  # noqa: E402
from encoder.layout import plan_edition  # noqa: E402
from encoder.outputs import Context  # noqa: E402
from encoder.outputs import html as html_output  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "edition"
        for n, (volume, ids) in enumerate(sorted(volumes().items()), start=1):
            for copy in range(args.copies):
                folder = root / f"{n:02d}-{copy} {volume}"
                folder.mkdir(parents=True)
                for page_id in ids:
                    shutil.copy(DEV / f"{page_id}.txt", folder / f"{page_id}_{copy}.txt")
        out = Path(work) / "out"
        started = time.perf_counter()
        report, edition = encode_edition(plan_edition([root]), out)
        encoded = time.perf_counter() - started
        count = len(edition.documents)
        timings: dict[str, float] = {"encode (incl. xrefs)": encoded}
        original = html_output._pagefind
        html_output._pagefind = lambda target, context: []  # timed on its own below
        started = time.perf_counter()
        html_output.write_site(edition, out / "html", Context())
        timings["html pages (list + documents)"] = time.perf_counter() - started
        html_output._pagefind = original
        started = time.perf_counter()
        html_output._pagefind(out / "html", Context())
        timings["pagefind index"] = time.perf_counter() - started
        print(f"{count} documents, {len(report.errors if hasattr(report, 'errors') else [])} errors")
        for name, seconds in timings.items():
            print(f"{name:32} {seconds:7.2f} s  {1000 * seconds / count:7.2f} ms/doc")


if __name__ == "__main__":
    main()
