"""Every real document encodes to TEI that passes the project's schema and Schematron.

The pages of ``benchmarks/corpus-other`` (25 volumes), ``benchmarks/corpus-wide`` and, when
present, of
``../shared/corpus/dev`` (10 volumes) go through ``telegram-tei encode``; the report must
list no error. A rule that writes markup the schema refuses fails here on the volume that
shows it, not in a user's batch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from encoder.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [
    ROOT / "benchmarks" / "corpus-other",
    ROOT / "benchmarks" / "corpus-wide",
    ROOT.parent / "shared" / "corpus" / "dev",
]


@pytest.mark.parametrize("corpus", CORPORA, ids=["corpus-other", "corpus-wide", "dev"])
def test_real_pages_encode_to_valid_tei(corpus: Path, tmp_path: Path) -> None:
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here")
    inputs = sorted(corpus.glob("*.txt"))
    result = CliRunner().invoke(main, ["encode", str(corpus), "-o", str(tmp_path), "-q"])
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    errors = [e for entry in report["inputs"] for e in entry["errors"]]
    assert errors == [], errors[:3]
    assert report["counts"]["invalid_tei_files"] == 0
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "tei").glob("*.xml"))) >= len(inputs)
