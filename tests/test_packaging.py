"""A non-editable install carries the schemas, stylesheets and samples it needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_holds_schemas_stylesheets_and_samples(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    wheel = next(tmp_path.glob("telegram_tei-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "encoder/_schemas/tei-telegram.xsd",
        "encoder/_schemas/telegram.sch",
        "encoder/_xslt/html/tei-to-html.xsl",
        "encoder/_xslt/print/tei-to-typst.xsl",
        "encoder/_xslt/print/book.typ",
        "encoder/_xslt/common/functions.xsl",
        "encoder/_xslt/html/edition.css",
        "encoder/samples/02 The World Wars/frus1945Berlinv01-d580.txt",
        "encoder/samples/edition.toml",
        "encoder/samples/persons.txt",
    ):
        assert needed in names, needed
    for xsd in (ROOT / "schemas").glob("*.xsd"):
        assert f"encoder/_schemas/{xsd.name}" in names
    entry = [n for n in names if n.endswith("entry_points.txt")]
    assert entry and "telegram-tei = encoder.cli:main" in zipfile.ZipFile(wheel).read(entry[0]).decode()
