"""The edition model: one order for everything, unique keys, warnings instead of crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from encoder.edition import Chapter, DocMeta, Edition, EditionMeta, Entry, natural_key, order_entries


def entry(number: str = "", when: str = "", file: str = "x.txt", xml_id: str = "") -> Entry:
    meta = DocMeta(xml_id=xml_id or (f"d{number}" if number else ""), number=number, date_when=when)
    return Entry(meta.xml_id, meta, file)


def test_natural_key_orders_numbers_as_numbers() -> None:
    names = ["d129", "d39", "d75a", "d75", "d76", "D4"]
    assert sorted(names, key=natural_key) == ["D4", "d39", "d75", "d75a", "d76", "d129"]


def test_numbered_documents_run_in_number_order_and_inserted_ones_follow() -> None:
    ordered = order_entries([entry("129"), entry("39"), entry("75a"), entry("75"), entry("76")])
    assert [e.meta.number for e in ordered] == ["39", "75", "75a", "76", "129"]


def test_without_numbers_documents_run_by_date_then_by_file_name() -> None:
    dated = order_entries([entry(when="1945-07-21", file="b.txt"), entry(when="1945-07-02", file="a10.txt")])
    assert [e.meta.date_when for e in dated] == ["1945-07-02", "1945-07-21"]
    mixed = order_entries([entry(when="1945-07-21", file="d10.txt"), entry(file="d9.txt")])
    assert [e.source_file for e in mixed] == ["d9.txt", "d10.txt"]  # one undated: file names decide


def test_a_date_span_orders_by_its_start() -> None:
    early = entry(file="z.txt")
    early.meta.date_min = "1918-04-01T00:00:00Z"
    late = entry(when="1918-04-09", file="a.txt")
    assert order_entries([late, early]) == [early, late]


def test_keys_are_unique_across_chapters_and_pages_follow_keys() -> None:
    one, two = Chapter("ch1", "1870"), Chapter("ch2", "1894")
    one.entries = [entry("44", file="frus1870_d44.txt"), entry("45", file="frus1870_d45.txt")]
    two.entries = [entry("44", file="frus1894_d44.txt")]
    edition = Edition(EditionMeta(), [one, two])
    edition.finish()
    keys = [e.key for e in edition.documents]
    assert keys == ["ch1-d44", "d45", "ch2-d44"]
    assert [e.page for e in edition.documents] == [f"{k}.html" for k in keys]
    assert [e.position for e in edition.documents] == [1, 2, 3]
    assert all(e.chapter is not None for e in edition.documents)


def test_a_document_id_never_takes_the_index_page() -> None:
    chapter = Chapter("ch1", "")
    chapter.entries = [entry(xml_id="index", file="index.txt")]
    edition = Edition(EditionMeta(), [chapter])
    edition.finish()
    assert edition.documents[0].page != "index.html"


def test_duplicate_numbers_empty_chapters_and_twin_titles_are_warnings() -> None:
    twice, empty, twin = Chapter("ch1", "Berlin"), Chapter("ch2", "Empty"), Chapter("ch3", "berlin")
    twice.entries = [entry("580", file="a.txt"), entry("580", file="b.txt")]
    twin.entries = [entry("1", file="c.txt")]
    edition = Edition(EditionMeta(), [twice, empty, twin])
    edition.finish()
    codes = sorted(d.code for d in edition.diagnostics)
    assert codes == ["edition.chapter", "edition.empty", "edition.number"]
    assert all(d.severity == "warning" for d in edition.diagnostics)
    number = next(d for d in edition.diagnostics if d.code == "edition.number")
    assert "a.txt" in number.message and "b.txt" in number.message


def test_nested_chapters_give_breadcrumb_trails() -> None:
    top = Chapter("ch1", "Part One")
    sub = Chapter("ch1-1", "Section", parent=top)
    top.children = [sub]
    sub.entries = [entry("1")]
    edition = Edition(EditionMeta(), [top])
    edition.finish()
    assert [c.title for c in edition.documents[0].chapter.trail] == ["Part One", "Section"]  # type: ignore[union-attr]


@pytest.mark.parametrize("bad", ["", "   "])
def test_blank_ids_still_give_a_key(bad: str, tmp_path: Path) -> None:
    chapter = Chapter("ch1", "")
    chapter.entries = [Entry("", DocMeta(xml_id=bad), str(tmp_path / "7 odd name.txt"))]
    edition = Edition(EditionMeta(), [chapter])
    edition.finish()
    assert edition.documents[0].key == "d7_odd_name"
