"""Cross-references: "Document 145" and "p. 225" become links where the target is in the
edition, stay text where it is not, and resolve within the referring volume when numbers
clash; every xml:id of tei/edition.xml is unique and every "#" pointer lands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from editions import DEV, arrange_all, assemble_volume, volumes
from lxml import etree

from encoder.build import build
from encoder.editiontei import load_edition
from encoder.validate import get_validator

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpus (../shared/corpus/dev) is not here")
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _folder(tmp_path: Path, chapters: dict[str, list[str]]) -> Path:
    root = tmp_path / "edition"
    for title, ids in chapters.items():
        (root / title).mkdir(parents=True)
        for page_id in ids:
            shutil.copy(DEV / f"{page_id}.txt", root / title)
    return root


def _refs(path: Path) -> list[tuple[str, str]]:
    tree = etree.parse(str(path))
    return [(r.get("target"), "".join(r.itertext())) for r in tree.iterfind(".//t:ref", NS)]


def test_a_document_reference_inside_the_edition_is_a_ref(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"01 Vietnam": ["frus1964-68v02_d145", "frus1964-68v02_d146"]})
    out = tmp_path / "out"
    report = build([folder], out, outputs=["tei"])
    assert not report.errors
    # the per-document file points into the other file, and still validates alone
    assert ("frus1964-68v02_d145.xml", "Document 145") in _refs(out / "tei" / "frus1964-68v02_d146.xml")
    assert ("frus1964-68v02_d146.xml", "Document 146") in _refs(out / "tei" / "frus1964-68v02_d145.xml")
    for name in ("frus1964-68v02_d145.xml", "frus1964-68v02_d146.xml"):
        findings = get_validator().validate_bytes((out / "tei" / name).read_bytes(), name)
        assert not [f for f in findings if f.severity == "error"], findings
    # the edition TEI uses FRUS's own form
    assert ("#d145", "Document 145") in _refs(out / "tei" / "edition.xml")


def test_a_reference_outside_the_edition_stays_text(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"01 Vietnam": ["frus1964-68v02_d146", "frus1964-68v02_d141"]})
    out = tmp_path / "out"
    build([folder], out, outputs=["tei"])
    edition = etree.parse(str(out / "tei" / "edition.xml"))
    assert edition.xpath("//t:ref", namespaces=NS) == []
    # "Foreign Relations, 1964–1968, vol. I, Document 347" names another volume
    assert "Document 347" in "".join(edition.getroot().itertext())


def test_numbers_that_clash_resolve_within_the_volume(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "01 Guatemala": ["frus1952-54Guat_d145", "frus1952-54Guat_d146"],
            "02 Vietnam": ["frus1964-68v02_d145", "frus1964-68v02_d146"],
        },
    )
    out = tmp_path / "out"
    build([folder], out, outputs=["tei"])
    edition = etree.parse(str(out / "tei" / "edition.xml"))
    for chapter in edition.xpath("//t:div[@type='chapter']", namespaces=NS):
        for ref in chapter.xpath(".//t:ref[starts-with(@target, '#')]", namespaces=NS):
            target = chapter.xpath(
                f".//t:div[@type='document'][@xml:id='{ref.get('target')[1:]}']", namespaces=NS
            )
            assert target, f"{ref.get('target')} is not a document of the same chapter"
    assert len(edition.xpath("//t:ref", namespaces=NS)) >= 2
    assert (out / "tei" / "frus1952-54Guat_d146.xml").read_text().count(
        'target="frus1952-54Guat_d145.xml"'
    ) == 1


def test_page_references_link_only_within_the_volume(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"01 Russia": volumes()["frus1918Russiav03"]})
    out = tmp_path / "out"
    build([folder], out, outputs=["tei"])
    edition = etree.parse(str(out / "tei" / "edition.xml"))
    page_refs = {"".join(r.itertext()): r.get("target") for r in edition.iterfind(".//t:ref", NS)}
    pages = {
        pb.get("{http://www.w3.org/XML/1998/namespace}id"): pb.get("n")
        for pb in edition.iterfind(".//t:pb", NS)
    }
    assert page_refs, "Ante, p. 225 points at a page of the volume"
    for text, target in page_refs.items():
        assert pages[target[1:]] in text
    text = "".join(edition.getroot().itertext())
    assert "vol. i, p. 488" in text and "p. 488" not in page_refs  # another volume: text


def test_every_id_of_the_edition_is_unique_and_every_pointer_lands(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build([arrange_all(tmp_path)], out, outputs=["tei"])
    assert not report.errors
    edition = etree.parse(str(out / "tei" / "edition.xml"))
    ids = edition.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    assert len(edition.xpath("//t:pb", namespaces=NS)) > len(
        {pb.get("n") for pb in edition.iterfind(".//t:pb", NS)}
    )
    pointers = [
        p for p in edition.xpath("//t:ref/@target | //t:ptr/@target", namespaces=NS) if p.startswith("#")
    ]
    assert pointers and all(p[1:] in set(ids) for p in pointers)


def test_a_volume_tei_file_keeps_and_resolves_its_refs(tmp_path: Path) -> None:
    path, _, _ = assemble_volume(tmp_path, ["frus1964-68v02"])
    edition = load_edition([path])
    d146 = next(e for e in edition.documents if e.meta.number == "146")
    d145 = next(e for e in edition.documents if e.meta.number == "145")
    targets = [r.get("target") for r in d146.div.iterfind(".//t:ref", NS)]
    assert f"#{d145.key}" in targets
    # the volume's own reference to another volume stays as the editors wrote it
    d141 = next(e for e in edition.documents if e.meta.number == "141")
    assert any(r.get("target", "").startswith("frus1964-68v01#") for r in d141.div.iterfind(".//t:ref", NS))


def test_per_document_files_link_again_when_rendered(tmp_path: Path) -> None:
    """``render`` over a build's tei/ folder: the ``other.xml`` pointers of the files
    resolve to the same documents, even when numbers clash across volumes."""
    from encoder.xrefs import edition_ids

    folder = _folder(
        tmp_path,
        {
            "01 Guatemala": ["frus1952-54Guat_d145", "frus1952-54Guat_d146"],
            "02 Vietnam": ["frus1964-68v02_d145", "frus1964-68v02_d146"],
        },
    )
    out = tmp_path / "out"
    build([folder], out, outputs=["tei"])
    files = sorted(p for p in (out / "tei").glob("frus*.xml"))
    edition = load_edition(files)
    owner = edition_ids(edition).owner
    linked = 0
    for entry in edition.documents:
        for ref in entry.div.iterfind(".//t:ref", NS):
            other, _ = owner[ref.get("target")[1:]]
            assert Path(other.source_file).name.split("_")[0] == Path(entry.source_file).name.split("_")[0]
            linked += 1
    assert linked >= 3
