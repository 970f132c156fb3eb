"""The outputs registry as the command line uses it, and the edition TEI both ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from encoder import outputs
from encoder.cli import main
from encoder.editiontei import load_edition
from encoder.errors import EncoderError
from encoder.resources import samples_dir

NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(main, ["build", str(samples_dir()), "-o", str(out), "--outputs", "tei,html"])
    assert result.exit_code == 0, result.output
    return out


def test_selection_keeps_build_order_and_refuses_unknown_names() -> None:
    assert outputs.parse_selection("html, tei") == ["tei", "html"]
    assert outputs.parse_selection(None) == outputs.parse_selection("all") == outputs.names()
    with pytest.raises(EncoderError, match="unknown output 'nope'"):
        outputs.parse_selection("html,nope")


def test_build_makes_only_the_chosen_outputs(sample_build: Path) -> None:
    assert (sample_build / "tei" / "edition.xml").is_file()
    assert (sample_build / "html" / "index.html").is_file()
    assert not (sample_build / "print").exists()
    report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
    assert "tei/edition.xml" in report["editions"] and "html/index.html" in report["editions"]


def test_an_unknown_output_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path), "--outputs", "pdfx"])
    assert result.exit_code == 1 and "unknown output 'pdfx'" in result.output
    assert "Traceback" not in result.output
    rendered = CliRunner().invoke(main, ["render", "pdfx", str(tmp_path), "-o", str(tmp_path)])
    assert rendered.exit_code == 2 and "is not an output" in rendered.output


def test_the_sample_edition_has_chapters_persons_terms_and_links(sample_build: Path) -> None:
    tree = etree.parse(str(sample_build / "tei" / "edition.xml"))
    chapters = [h.text for h in tree.xpath("//t:body/t:div[@type='chapter']/t:head", namespaces=NS)]
    assert chapters == ["The Nineteenth Century", "The World Wars", "The Cold War"]
    ids = tree.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    persons = set(tree.xpath("//t:front//t:persName/@xml:id", namespaces=NS))
    corresp = {c.lstrip("#") for c in tree.xpath("//t:body//t:persName/@corresp", namespaces=NS)}
    assert corresp and corresp <= persons  # every link points at an entry of the list
    numbers = tree.xpath("//t:div[@type='document']/@n", namespaces=NS)
    assert len(numbers) == 4  # one sample's copy lost its number


def test_render_makes_the_same_edition_from_the_edition_tei(sample_build: Path, tmp_path: Path) -> None:
    built = load_edition([sample_build / "tei" / "edition.xml"])
    assert [c.title for c in built.chapters] == ["The Nineteenth Century", "The World Wars", "The Cold War"]
    assert len(built.persons) == 7 and len(built.terms) == 5
    assert built.meta.title == "Diplomatic Documents, 1894–1964"
    from_files = load_edition(
        sorted(p for p in (sample_build / "tei").glob("*.xml") if p.name != "edition.xml")
    )
    assert sorted(e.key for e in built.documents) == sorted(e.key for e in from_files.documents)
    result = CliRunner().invoke(
        main, ["render", "html", str(sample_build / "tei" / "edition.xml"), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (tmp_path / "html").glob("*.html"))
    assert pages == sorted(p.name for p in (sample_build / "html").glob("*.html"))


def test_every_output_says_what_it_writes() -> None:
    for name in outputs.names():
        module = outputs.module(name)
        assert callable(module.write) and name == module.NAME
        assert outputs.summary(name).strip(), name
