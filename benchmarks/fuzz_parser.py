"""Fuzz the parser and TEI writer: N mutated pages, no crash but ParseError allowed.

Seeds are the bundled samples, benchmarks/corpus-other and, when present,
../shared/corpus/dev pages. Each input
is a seed cut, spliced, duplicated, re-cased or sprinkled with digits, brackets, page
markers, note-list lines and random Unicode; every one must parse (or raise ParseError)
and serialize to well-formed XML. Deterministic for a given --seed.

    python benchmarks/fuzz_parser.py --count 100000
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from encoder.errors import ParseError  # noqa: E402
from encoder.parser import parse_documents  # noqa: E402
from encoder.resources import sample_files  # noqa: E402
from encoder.tei import serialize, to_tei  # noqa: E402

SNIPPETS = [
    "[Page 12]",
    "[Page XIV]",
    "1",
    "23",
    "  1. Not printed.",
    "- Note.↩",
    "No. 580",
    "[Telegram]",
    "very secret",
    "Washington, June 16, 1958—9:02 p.m.",
    "[Received 5 p.m.]",
    "(",
    ")",
    "[",
    "]",
    "\n\n",
    "\n",
    "“",
    "”",
    "—",
    "  • ",
    "1.",
    "A.",
    "[less than 1 line of source text not declassified]",
    "File No. 861.77/267",
    "86. Telegram From the Embassy in Lebanon to the Department of State1",
    "Mr. Fish to Mr. Washburne.",
    "I have, etc.,",
    "HAMILTON FISH.",
    "\t",
    "* * * * *",
    "0",
]


def mutate(rng: random.Random, seeds: list[str]) -> str:
    text = rng.choice(seeds)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(text))
        if op == 0:
            text = text[:pos] + rng.choice(SNIPPETS) + text[pos:]
        elif op == 1:
            end = min(len(text), pos + rng.randint(1, 400))
            text = text[:pos] + text[end:]
        elif op == 2:
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            text = text[:pos] + other[cut : cut + rng.randint(1, 2000)]
        elif op == 3:
            text = (
                text[:pos]
                + "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 30)))
                + text[pos:]
            )
        elif op == 4:
            text = text.upper() if rng.random() < 0.5 else text.lower()
        elif op == 5:
            text = text[:pos] + str(rng.randint(0, 99999)) + text[pos:]
        else:
            text = text[:pos] + text[pos:] * rng.randint(1, 3)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    seeds = [p.read_text(encoding="utf-8") for p in sample_files()]
    corpus = ROOT.parent / "shared" / "corpus" / "dev"
    seeds += [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    other = ROOT / "benchmarks" / "corpus-other"
    seeds += [p.read_text(encoding="utf-8") for p in sorted(other.glob("*.txt"))]
    rng = random.Random(args.seed)
    failures = parse_errors = docs = 0
    start = time.perf_counter()
    for i in range(args.count):
        text = mutate(rng, seeds)
        try:
            for doc in parse_documents(text, f"fuzz{i}.txt"):
                etree.fromstring(serialize(to_tei(doc)))
                docs += 1
        except ParseError:
            parse_errors += 1
        except Exception:  # the point is to catch anything
            failures += 1
            if failures <= 5:
                print(f"--- input {i} crashed:\n{text[:500]!r}")
                traceback.print_exc()
    took = time.perf_counter() - start
    print(
        f"{args.count} inputs, {docs} documents, {parse_errors} ParseError, {failures} crashes, {took:.1f} s ({1000 * took / args.count:.2f} ms/input)"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
