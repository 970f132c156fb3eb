"""Edition folders: edition.toml, chapters in natural order, persons and terms lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from encoder.layout import chapter_title, is_edition_folder, plan_edition, read_edition_toml


def touch(path: Path, text: str = "No. 1\nA to B\n\nText.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("folder", "title"),
    [
        ("01 The Potsdam Conference", "The Potsdam Conference"),
        ("01-Berlin", "Berlin"),
        ("1. Lebanon", "Lebanon"),
        ("2_Cables", "Cables"),
        ("1945", "1945"),  # a year is a title, not an order number
        ("Chapter 3", "Chapter 3"),
    ],
)
def test_a_leading_number_orders_a_chapter_and_leaves_its_title(folder: str, title: str) -> None:
    assert chapter_title(folder) == title


def test_chapters_in_natural_order_nested_and_top_level_files_first(tmp_path: Path) -> None:
    touch(tmp_path / "top.txt")
    touch(tmp_path / "10 Tenth" / "d2.txt")
    touch(tmp_path / "10 Tenth" / "d10.txt")
    touch(tmp_path / "2 Second" / "a.txt")
    touch(tmp_path / "2 Second" / "1 Sub" / "b.txt")
    touch(tmp_path / ".hidden" / "c.txt")
    (tmp_path / "__pycache__").mkdir()  # an installed package's samples have one
    touch(tmp_path / "persons.txt", "Acheson, Dean G., Secretary of State\n")
    plan = plan_edition([tmp_path])
    assert [c.title for c in plan.chapters] == ["", "Second", "Tenth"]
    assert plan.chapters[1].children[0].title == "Sub"
    assert [p.name for p in plan.chapters[2].files] == ["d2.txt", "d10.txt"]
    assert [p.name for p in plan.files()] == ["top.txt", "a.txt", "b.txt", "d2.txt", "d10.txt"]
    assert [p.name for p in plan.persons] == ["Acheson, Dean G."]
    assert plan.meta.title == tmp_path.name  # no edition.toml: the folder names the edition


def test_a_plain_folder_of_texts_is_one_unnamed_chapter(tmp_path: Path) -> None:
    touch(tmp_path / "b.txt")
    touch(tmp_path / "a.txt")
    assert not is_edition_folder(tmp_path)
    plan = plan_edition([tmp_path, touch(tmp_path.parent / "loose.txt")])
    assert len(plan.chapters) == 1 and plan.chapters[0].title == ""
    assert [p.name for p in plan.files()] == ["a.txt", "b.txt", "loose.txt"]


def test_edition_toml_fills_the_metadata(tmp_path: Path) -> None:
    touch(
        tmp_path / "edition.toml",
        'title = "Berlin"\nsubtitle = "Volume I"\neditors = ["A. B.", "C. D."]\n'
        'identifier = "frus1945Berlinv01"\nbase_url = "https://example.org/berlin"\ndate = 2026-01-02\n',
    )
    touch(tmp_path / "1 Chapter" / "d1.txt")
    plan = plan_edition([tmp_path])
    meta = plan.meta
    assert (meta.title, meta.subtitle, meta.editors) == ("Berlin", "Volume I", ["A. B.", "C. D."])
    assert meta.base_url == "https://example.org/berlin/" and meta.date == "2026-01-02"
    assert not plan.diagnostics
    assert plan_edition([tmp_path], title="Given").meta.title == "Given"


def test_a_broken_edition_toml_is_one_warning_with_its_line_and_defaults_follow(tmp_path: Path) -> None:
    toml = touch(tmp_path / "edition.toml", 'title = "ok"\nsubtitle = \n')
    diagnostics: list = []
    assert read_edition_toml(toml, diagnostics) is None
    (warning,) = diagnostics
    assert warning.severity == "warning" and warning.file == str(toml) and warning.line == 2
    touch(tmp_path / "1 A" / "d.txt")
    assert plan_edition([tmp_path]).meta.title == tmp_path.name


def test_wrong_types_and_unknown_keys_name_their_key_and_line(tmp_path: Path) -> None:
    toml = touch(tmp_path / "edition.toml", 'title = "T"\neditors = 3\n\ncolour = "red"\n')
    diagnostics: list = []
    meta = read_edition_toml(toml, diagnostics)
    assert meta is not None and meta.title == "T" and meta.editors == []
    assert [(d.line, "'editors'" in d.message or "'colour'" in d.message) for d in diagnostics] == [
        (2, True),
        (4, True),
    ]


def test_a_sub_folder_with_its_own_edition_toml_takes_its_title_from_there(tmp_path: Path) -> None:
    touch(tmp_path / "frus1870" / "edition.toml", 'title = "Papers Relating to Foreign Relations, 1870"\n')
    touch(tmp_path / "frus1870" / "d1.txt")
    plan = plan_edition([tmp_path])
    assert plan.chapters[0].title == "Papers Relating to Foreign Relations, 1870"
