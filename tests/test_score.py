"""The dev-corpus score: real FRUS pages against the Office of the Historian's own TEI.

Runs ../shared/tools/score.py (the project's judge) over ../shared/corpus/dev and fails
when a field falls below its floor. Floors are 95% where the page text carries the field;
``place``, ``date``, ``signed`` and ``markings`` are capped on the copied pages because
those copies lost the dateline and signature lines the editors' TEI has (the scorer
counts them whenever the name shows anywhere on the page); their floors guard against
regressions instead. See the README's score table.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "dev"
OTHER = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus-other"
"""101 documents of 25 other volumes (TEI from HistoryAtState/frus, page text generated)."""
SCORER = SHARED / "tools" / "score.py"

FLOORS = {
    "number": 95,
    "title": 95,
    # the 1870 volume puts "Mr." inside the sender's persName; 1861, 1882, 1894, 1897 and
    # 1901 put it outside, and so do we: the dev corpus's 1870 pages cost 3 points here
    "from": 92,
    "to": 92,
    "source": 95,
    "pages": 95,
    "notes": 95,
    "text": 100,
    "note_anchors": 80,
    "markings": 75,
}
FLOORS_COPIED = {**FLOORS, "place": 14, "date": 60, "signed": 25}
FLOORS_OPENERS = {**FLOORS, "place": 95, "date": 95, "signed": 25, "note_anchors": 90}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/corpus is not beside the repo")


def _score(*extra: str, corpus: Path = CORPUS) -> dict[str, float]:
    cli = f"{sys.executable} -m encoder"
    run = subprocess.run(
        [sys.executable, str(SCORER), str(corpus), "--cli", cli, *extra],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    out = {}
    for line in run.stdout.splitlines():
        m = re.match(r"^(\w+)\s+(\d+)/(\d+)\s+([\d.]+)%", line)
        if m:
            out[m.group(1)] = float(m.group(4))
    return out


@pytest.mark.parametrize(
    ("extra", "floors"),
    [((), FLOORS_COPIED), (("--openers",), FLOORS_OPENERS)],
    ids=["copied", "openers"],
)
def test_dev_corpus_score(extra: tuple[str, ...], floors: dict[str, float]) -> None:
    got = _score(*extra)
    low = {k: got.get(k, 0.0) for k, floor in floors.items() if got.get(k, 0.0) < floor}
    assert low == {}, f"below the floor: {low} (all: {got})"


# Every page of corpus-other keeps its dateline and signature, so every field has a real
# floor. From/to: 1864 puts "Mr." inside the persName, as 1870 does (4 documents).
# Place: 1861 and 1864 leave the institution out of placeName or keep its comma (9).
# Note anchors: 1901 marks notes with letters glued to words ("notea"), which no rule
# tells from the word; one anchor after "452/21" in a paper number.
FLOORS_OTHER = {
    **FLOORS,
    "from": 88,
    "to": 90,
    "place": 87,
    "date": 95,
    "signed": 95,
    "note_anchors": 80,
    "text": 98,
}


def test_other_volumes_score() -> None:
    got = _score(corpus=OTHER)
    low = {k: got.get(k, 0.0) for k, floor in FLOORS_OTHER.items() if got.get(k, 0.0) < floor}
    assert low == {}, f"below the floor: {low} (all: {got})"
