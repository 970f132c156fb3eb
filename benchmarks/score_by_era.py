#!/usr/bin/env python3
"""Scores of one corpus per era and per field, from the project's scorer.

    python score_by_era.py CORPUS [--openers] [--cli CMD]

Runs ``../shared/tools/score.py CORPUS --json`` and groups its per-document results by
the ``era`` of the corpus's ``manifest.json``. Prints a Markdown table: one row per era
(documents, fields matched, percent), then the fields below 99% overall.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--openers", action="store_true")
    ap.add_argument("--cli", default=f"{sys.executable} -m encoder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        cmd = [sys.executable, str(SCORER), str(args.corpus), "--cli", args.cli, "--json", str(out)]
        subprocess.run([*cmd, *(["--openers"] if args.openers else [])], check=True, capture_output=True)
        results = json.loads(out.read_text(encoding="utf-8"))
    eras = {m["id"]: m.get("era", "?") for m in json.loads((args.corpus / "manifest.json").read_text())}
    by_era: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in results:
        era = by_era[eras.get(row["id"], "?")]
        era[0] += 1
        for field, ok in row.items():
            if field == "id" or ok is None:
                continue
            era[1] += bool(ok)
            era[2] += 1
            by_field[field][0] += bool(ok)
            by_field[field][1] += 1
    print("| era | documents | fields matched |")
    print("| --- | --- | --- |")
    for era in sorted(by_era):
        docs, ok, total = by_era[era]
        print(f"| {era} | {docs} | {ok}/{total} {100 * ok / max(total, 1):.1f}% |")
    ok = sum(v[1] for v in by_era.values())
    total = sum(v[2] for v in by_era.values())
    print(f"| all | {len(results)} | {ok}/{total} {100 * ok / max(total, 1):.1f}% |")
    low = {f: v for f, v in by_field.items() if v[1] and v[0] / v[1] < 0.99}
    for field, (good, n) in sorted(low.items()):
        print(f"\n{field}: {good}/{n} {100 * good / n:.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
