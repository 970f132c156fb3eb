"""Rendering must not leave the process unable to validate (locale regression)."""

from __future__ import annotations

import locale
from pathlib import Path

import pytest

from encoder.render import render_html
from encoder.validate import get_validator

GOLDEN = Path(__file__).parent / "golden" / "frus1945Berlinv01-d580.tei.xml"


@pytest.mark.timeout(120)
def test_validation_still_works_after_saxon_started(tmp_path: Path) -> None:
    """SaxonC's start-up resets the C locale; left so, xmlschema's collations hang."""
    before = locale.setlocale(locale.LC_COLLATE, None)
    render_html([GOLDEN], tmp_path)
    assert locale.setlocale(locale.LC_COLLATE, None) == before
    assert get_validator().validate_file(GOLDEN) == []
