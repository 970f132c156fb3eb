"""Persons and terms lists: reading them, matching names, linking documents."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from encoder.glossary import PersonIndex, link_document, read_persons, read_terms

TEI = "http://www.tei-c.org/ns/1.0"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_persons_lines_give_name_description_and_stable_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "persons.txt",
        "Acheson, Dean G., Secretary of State from January 1949\n"
        "Smith, Walter Bedell, Jr., Ambassador\n"
        "  in the Soviet Union\n"
        "\n"
        ", no name here\n"
        "Acheson, David\n",
    )
    diagnostics: list = []
    persons = read_persons(path, diagnostics)
    assert [(p.id, p.name, p.description) for p in persons] == [
        ("p_AchesonDeanG", "Acheson, Dean G.", "Secretary of State from January 1949"),
        ("p_SmithWalterBedellJr", "Smith, Walter Bedell, Jr.", "Ambassador in the Soviet Union"),
        ("p_AchesonDavid", "Acheson, David", ""),
    ]
    (warning,) = diagnostics
    assert warning.line == 5 and warning.file == str(path)


def test_terms_lines_take_a_comma_a_dash_or_a_tab(tmp_path: Path) -> None:
    path = write(
        tmp_path, "terms.txt", "NIACT, night action\nDeptel — Department telegram\nUSUN\tmission\nbroken\n"
    )
    diagnostics: list = []
    terms = read_terms(path, diagnostics)
    assert [(t.id, t.term, t.definition) for t in terms] == [
        ("t_NIACT", "NIACT", "night action"),
        ("t_Deptel", "Deptel", "Department telegram"),
        ("t_USUN", "USUN", "mission"),
    ]
    assert [d.line for d in diagnostics] == [4]


def test_names_match_by_surname_and_agree_on_given_names(tmp_path: Path) -> None:
    path = write(tmp_path, "persons.txt", "Acheson, Dean G., Secretary\nBohlen, Charles E.\nBohlen, Avis\n")
    index = PersonIndex(read_persons(path, []))
    ids = lambda name: [p.id for p in index.match(name)]  # noqa: E731
    assert (
        ids("Acheson")
        == ids("Dean Acheson")
        == ids("D. G. Acheson")
        == ids("Acheson, Dean")
        == ["p_AchesonDeanG"]
    )
    assert ids("John Acheson") == []
    assert ids("Bohlen") == ["p_BohlenCharlesE", "p_BohlenAvis"]  # ambiguous: not linked
    assert ids("Charles Bohlen") == ["p_BohlenCharlesE"]
    assert ids("Achesonian") == []


def test_linking_marks_heading_names_and_warns_on_the_rest(tmp_path: Path) -> None:
    persons = read_persons(write(tmp_path, "p.txt", "Togo, Shigenori\nSato, Naotake\nSato, Eisaku\n"), [])
    terms = read_terms(write(tmp_path, "t.txt", "NIACT, night action\n"), [])
    root = etree.fromstring(
        f'<TEI xmlns="{TEI}"><text><body><div type="document">'
        '<head><persName type="from">Togo</persName> to <persName type="to">Sato</persName> and <persName>Nobody</persName></head>'
        "<p>Send NIACT now; not NIACTS, and <persName>Togo</persName> in a paragraph is left alone.</p>"
        "</div></body></text></TEI>"
    )
    warnings = link_document(root, PersonIndex(persons), terms, "in.txt")
    names = root.findall(f".//{{{TEI}}}persName")
    assert [n.get("corresp") for n in names] == ["#p_TogoShigenori", None, None, None]
    assert sorted(w.message.split(" matches")[0] for w in warnings) == ["name 'Nobody'", "name 'Sato'"]
    assert all(w.file == "in.txt" for w in warnings)
    (gloss,) = root.findall(f".//{{{TEI}}}gloss")
    assert (gloss.get("target"), gloss.text) == ("#t_NIACT", "NIACT")
    paragraph = root.find(f".//{{{TEI}}}p")
    assert "".join(paragraph.itertext()).startswith("Send NIACT now; not NIACTS")  # no text lost
