"""Time and memory of the pipeline over N generated telegrams (not run by the tests).

    .venv/bin/python benchmarks/bench_encode.py            # N = 1000
    .venv/bin/python benchmarks/bench_encode.py -n 200 --no-build

The documents are variations of the bundled samples (other numbers, more or fewer
paragraphs), one per file. Part 1 runs the library stage by stage in this process
(read -> parse -> TEI -> serialize -> validate) and reports time per stage; a second pass
under tracemalloc gives the peak of Python allocations. Part 2 runs the whole
``telegram-tei build`` (TEI, validation, HTML, PDF, report) in a child process and reports
its wall time and peak RSS; ``--stages`` adds ``encode``, ``render html`` and ``render
print`` on their own.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from encoder.resources import sample_files  # noqa: E402


def telegrams(n: int, seed: int = 1945) -> list[str]:
    """``n`` documents made from the bundled samples in turn, deterministic for a seed.

    Each copy gets its own document number (where the sample prints ``No. N``) and a
    random number of extra body paragraphs drawn from all samples, after its first long
    paragraph, so sizes vary from the sample's own to several times it.
    """
    bases = [p.read_text(encoding="utf-8") for p in sample_files()]
    pool = [b for text in bases for b in text.split("\n\n") if len(b) > 200 and b[0].isalpha()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = re.sub(r"\bNo\. \d+", f"No. {i + 1}", bases[i % len(bases)], count=1)
        blocks = text.split("\n\n")
        at = next((k + 1 for k, b in enumerate(blocks) if len(b) > 200), len(blocks))
        blocks[at:at] = rng.sample(pool, k=rng.randint(0, min(6, len(pool))))
        out.append("\n\n".join(blocks))
    return out


def library_pass(files: list[Path]) -> dict[str, float]:
    """Seconds per stage over all files, through the library functions."""
    from encoder.parser import parse_documents
    from encoder.reader import decode_bytes
    from encoder.tei import serialize, to_tei
    from encoder.validate import get_validator

    validator = get_validator()
    stages = dict.fromkeys(["read", "parse", "tei", "serialize", "validate"], 0.0)
    clock = time.perf_counter
    for path in files:
        t0 = clock()
        decoded = decode_bytes(path.read_bytes(), str(path))
        t1 = clock()
        docs = parse_documents(decoded.text, str(path))
        t2 = clock()
        stages["read"] += t1 - t0
        stages["parse"] += t2 - t1
        for doc in docs:
            t3 = clock()
            tree = to_tei(doc)
            t4 = clock()
            serialize(tree)
            t5 = clock()
            validator.validate_tree(tree, path.name)
            t6 = clock()
            stages["tei"] += t4 - t3
            stages["serialize"] += t5 - t4
            stages["validate"] += t6 - t5
    return stages


def run_cli(*args: str) -> tuple[float, float, int]:
    """Run ``telegram-tei ARGS`` in a child: wall seconds, its own peak RSS in MB, exit code."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "encoder", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode:
        print(errors.decode(errors="replace")[-2000:], file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of telegrams (1000)")
    parser.add_argument("--no-build", action="store_true", help="skip the command-line runs")
    parser.add_argument(
        "--stages", action="store_true", help="also time encode, render html, render print alone"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = []
        for i, text in enumerate(telegrams(args.n), start=1):
            path = folder / f"t{i:05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        size = sum(p.stat().st_size for p in files) / len(files)
        print(f"{args.n} telegrams, {size / 1024:.1f} KB each on average\n")

        library_pass(files[:5])  # compile schemas, warm caches
        start = time.perf_counter()
        stages = library_pass(files)
        total = time.perf_counter() - start
        tracemalloc.start()
        library_pass(files)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(f"{'stage':<12}{'total s':>10}{'ms/doc':>10}{'docs/s':>10}")
        for name, seconds in [*stages.items(), ("library", total)]:
            rate = args.n / seconds if seconds else float("inf")
            print(f"{name:<12}{seconds:>10.3f}{seconds / args.n * 1000:>10.3f}{rate:>10.0f}")
        print(
            f"\npeak Python allocations (tracemalloc): {peak / 2**20:.1f} MB;"
            f" peak RSS of this process: {rss:.0f} MB"
        )

        if args.no_build:
            return
        out = Path(tmp) / "out"
        runs = [("build (all stages)", ["build", str(folder), "-o", str(out), "-q"])]
        if args.stages:
            tei = str(out / "tei")
            runs += [
                ("encode", ["encode", str(folder), "-o", str(Path(tmp) / "enc"), "-q"]),
                ("render html", ["render", "html", tei, "-o", str(Path(tmp) / "html")]),
                ("render print", ["render", "print", tei, "-o", str(Path(tmp) / "print")]),
            ]
        print(f"\n{'command':<20}{'exit':>5}{'wall s':>9}{'ms/doc':>9}{'peak RSS MB':>13}")
        for label, command in runs:
            elapsed, peak_rss, code = run_cli(*command)
            per_doc = elapsed / args.n * 1000
            print(f"{label:<20}{code:>5}{elapsed:>9.1f}{per_doc:>9.1f}{peak_rss:>13.0f}")


if __name__ == "__main__":
    main()
