"""The archive outputs (issue 10) on the dev corpus, corpus-other and the samples.

Each test reads what the output wrote — never the writer's own data structures — and
checks it against the published rules: CMIF (TEI Correspondence SIG documentation and
cmif.sch), tei_all 4.3.0 (jing, or lxml's RELAX NG), DTS 1.0, BagIt (the ``bagit``
library's validator).
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from archive_fixtures import Built, build_corpus, jing
from click.testing import CliRunner
from lxml import etree

from encoder.bag import make_bag, validate_bag
from encoder.cli import main
from encoder.editioncheck import check_build_folder, check_cmif, check_dts
from encoder.geonames import resolve

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


# ---------------------------------------------------------------------- tables


def test_documents_table_has_one_row_per_document(archive_build: Built) -> None:
    documents = archive_build.edition.documents
    with (archive_build.out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    data = json.loads((archive_build.out / "documents.json").read_text(encoding="utf-8"))
    assert [r["key"] for r in rows] == [e.key for e in documents] == [d["key"] for d in data]
    for row, record, entry in zip(rows, data, documents, strict=True):
        assert row["title"] == record["title"] == entry.meta.title
        assert row["sender"] == "; ".join(record["sender"])
        assert record["sender"] == [p.name for p in entry.meta.senders]
        assert record["recipient"] == [p.name for p in entry.meta.recipients]
        assert row["date"] == entry.meta.date_when
        assert (archive_build.out / row["file"]).is_file()
        if record["date_min"] and record["date_max"]:
            assert record["date_min"][:10] <= record["date_max"][:10]
        for marking in record["markings"]:
            assert marking.split(": ", 1)[0] in ("classification", "precedence", "handling")


def test_places_table_gives_geonames_only_for_resolved_places(archive_build: Built) -> None:
    places = json.loads((archive_build.out / "places.json").read_text(encoding="utf-8"))
    written = {e.meta.place for e in archive_build.edition.documents if e.meta.place}
    assert {p["place"] for p in places} == written
    for place in places:
        if place["geonames_id"] is None:
            assert place["geonames_uri"] == "" and place["latitude"] is None
        else:
            assert place["geonames_uri"] == f"https://sws.geonames.org/{place['geonames_id']}/"
            assert -90 <= place["latitude"] <= 90


def test_persons_table_lists_the_persons_list_with_its_documents() -> None:
    built = build_corpus("samples", Path(__import__("tempfile").mkdtemp()), ["tables"])
    persons = json.loads((built.out / "persons.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in persons] == [p.id for p in built.edition.persons]
    keys = {e.key for e in built.edition.documents}
    assert any(p["documents"] for p in persons)
    for person in persons:
        assert set(person["document_keys"]) <= keys
        assert person["documents"] == len(person["document_keys"])


@pytest.mark.parametrize(
    ("place", "geonames_id"),
    [
        ("Peking", 1816670),
        ("Legation of the United States, Pekin", 1816670),
        ("Saigon", 1566083),
        ("Leopoldville", 2314302),
        ("Constantinople", 745044),
        ("Batavia", 1642911),
        ("United States Legation, Japan, Tokei", 1850147),
        ("Department of State, Washington", 4140963),  # D.C., chosen by its time zone
        ("Berne", 2661552),
        ("Nicaragua", 3617476),  # a country
    ],
)
def test_places_resolve_to_geonames(place: str, geonames_id: int) -> None:
    found = resolve(place)
    assert found is not None and found.geonames_id == geonames_id


@pytest.mark.parametrize(
    "place",
    ["Department of State", "Springfield", "Aboard U. S. S. “Oahu,”", "[place not declassified]", ""],
)
def test_unknown_or_ambiguous_places_get_no_id(place: str) -> None:
    assert resolve(place) is None


# ---------------------------------------------------------------------- CMIF

_CMIF_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def test_cmif_follows_the_published_rules(archive_build: Built) -> None:
    path = archive_build.out / "cmif.xml"
    assert check_cmif(path) == []
    root = etree.parse(str(path)).getroot()
    descs = root.findall(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}correspDesc")
    letters = [
        e
        for e in archive_build.edition.documents
        if e.meta.subtype != "editorial-note" and (e.meta.senders or e.meta.recipients)
    ]
    assert len(descs) == len(letters) > 0
    bibl = root.find(f".//{TEI}sourceDesc/{TEI}bibl")
    assert bibl.get("type") in ("print", "online")
    assert re.fullmatch(
        r"[a-f][0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        bibl.get("{http://www.w3.org/XML/1998/namespace}id"),
    )
    for desc in descs:
        assert {a.get("type") for a in desc.findall(f"{TEI}correspAction")} == {"sent", "received"}
        for date in desc.iter(f"{TEI}date"):
            for attr in ("when", "notBefore", "notAfter"):
                if date.get(attr):
                    assert _CMIF_DATE.fullmatch(date.get(attr))


def test_cmif_dates_are_cut_to_what_the_source_gives(archive_build: Built) -> None:
    root = etree.parse(str(archive_build.out / "cmif.xml")).getroot()
    whens = {d.get("when") for d in root.iterfind(f".//{TEI}correspDesc//{TEI}date") if d.get("when")}
    sources = {
        e.meta.date_when
        for e in archive_build.edition.documents
        if e.meta.date_when and e.meta.subtype != "editorial-note" and (e.meta.senders or e.meta.recipients)
    }
    assert whens == {s[:10] if "T" in s else s for s in sources if s}
    lengths = {len(w) for w in whens}
    assert lengths <= {4, 7, 10}


def test_cmif_resolves_the_historical_names_it_meets() -> None:
    import tempfile

    built = build_corpus("corpus-other", Path(tempfile.mkdtemp()), ["cmif"])
    root = etree.parse(str(built.out / "cmif.xml")).getroot()
    refs = {p.text: p.get("ref") for p in root.iter(f"{TEI}placeName")}
    assert refs["Saigon"] == "https://sws.geonames.org/1566083/"
    assert refs["Batavia"] == "https://sws.geonames.org/1642911/"
    assert refs["Department of State"] is None  # no city named: no id, never a guess


def test_cmif_checker_catches_broken_files(tmp_path: Path) -> None:
    built = build_corpus("samples", tmp_path / "out", ["cmif"])
    text = (built.out / "cmif.xml").read_text(encoding="utf-8")
    broken = re.sub(r'<date when="(\d{4}-\d{2}-\d{2})"', r'<date when="\1T12:00:00"', text, count=1)
    broken = broken.replace('<correspAction type="received">', '<correspAction type="delivered">', 1)
    broken = broken.replace("creativecommons.org/publicdomain/zero/1.0/", "example.org/licence/", 1)
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    messages = " | ".join(d.message for d in check_cmif(path))
    assert "is not YYYY, YYYY-MM or YYYY-MM-DD" in messages
    assert 'no correspAction type="received"' in messages
    assert "CC BY 4.0 or CC0" in messages


# ---------------------------------------------------------------------- plain TEI P5


def test_plain_tei_is_valid_against_tei_all(archive_build: Built, tei_all_rng: Path) -> None:
    files = sorted((archive_build.out / "tei-p5").glob("*.xml"))
    assert len(files) == len(archive_build.edition.documents)
    runner = jing()
    if runner:
        done = subprocess.run([runner, str(tei_all_rng), *map(str, files)], capture_output=True, text=True)
        errors = [line for line in done.stdout.splitlines() if ": error:" in line]
        assert errors == [] and done.returncode == 0, errors[:5]
    else:  # lxml compiles tei_all in about 14 s: once per session
        schema = _lxml_tei_all(tei_all_rng)
        for path in files:
            assert schema.validate(etree.parse(str(path))), (path.name, str(schema.error_log)[:300])


_SCHEMAS: dict[Path, etree.RelaxNG] = {}


def _lxml_tei_all(rng: Path) -> etree.RelaxNG:
    if rng not in _SCHEMAS:
        _SCHEMAS[rng] = etree.RelaxNG(etree.parse(str(rng)))
    return _SCHEMAS[rng]


def _words(element: etree._Element) -> list[str]:
    return " ".join(element.itertext()).split()


def test_plain_tei_keeps_the_text_and_drops_the_frus_namespace(archive_build: Built) -> None:
    for entry in archive_build.edition.documents:
        path = archive_build.out / "tei-p5" / Path(entry.tei_path).name
        data = path.read_bytes()
        assert FRUS_NS.encode() not in data, path.name
        plain = etree.fromstring(data)
        assert _words(plain.find(f"{TEI}text")) == _words(entry.root.find(f"{TEI}text")), path.name
        div = entry.div
        low = div.get(f"{{{FRUS_NS}}}doc-dateTime-min")
        if low:
            sent = plain.find(f".//{TEI}correspDesc/{TEI}correspAction[@type='sent']/{TEI}date")
            assert sent is not None and sent.get("notBefore") == low
            assert sent.get("notAfter") == div.get(f"{{{FRUS_NS}}}doc-dateTime-max")
        attachments = len(div.findall(f"{{{FRUS_NS}}}attachment"))
        assert len(plain.findall(f".//{TEI}div[@type='attachment']")) == attachments


# ---------------------------------------------------------------------- DTS


def test_dts_tree_follows_the_specification(archive_build: Built) -> None:
    dts = archive_build.out / "dts"
    assert check_dts(dts) == []
    entry = json.loads((dts / "index.json").read_text(encoding="utf-8"))
    assert entry["@type"] == "EntryPoint" and entry["dtsVersion"] == "1.0"
    assert entry["@context"] == "https://dtsapi.org/context/v1.0.json"
    root = json.loads((dts / "collection.json").read_text(encoding="utf-8"))
    # every document is reachable from the root collection, in edition order
    found: list[str] = []

    def walk(collection: dict) -> None:
        for member in collection["member"]:
            if member["@type"] == "Resource":
                found.append(member["@id"])
            else:
                walk(json.loads((dts / "collection" / f"{member['@id']}.json").read_text(encoding="utf-8")))

    walk(root)
    assert found == [e.key for e in archive_build.edition.documents]
    for entry_ in archive_build.edition.documents:
        navigation = json.loads((dts / "navigation" / f"{entry_.key}.json").read_text(encoding="utf-8"))
        assert [u["identifier"] for u in navigation["member"]] == list(dict.fromkeys(entry_.meta.pages))
        for unit in navigation["member"]:
            assert unit["level"] == 1 and unit["parent"] is None and unit["citeType"] == "page"
            assert (dts / "navigation" / entry_.key / f"{unit['identifier']}.json").is_file()
            passage = etree.parse(str(dts / "document" / entry_.key / f"{unit['identifier']}.xml")).getroot()
            assert passage.tag == f"{TEI}TEI"
            wrapper = passage.find("{https://w3id.org/api/dts#}wrapper")
            assert wrapper is not None and len(wrapper) > 0
            assert unit["identifier"] in {pb.get("n") for pb in wrapper.iter(f"{TEI}pb")}
        etree.parse(str(dts / "document" / f"{entry_.key}.xml"))


def test_dts_checker_catches_a_dangling_link(tmp_path: Path) -> None:
    built = build_corpus("samples", tmp_path / "out", ["dts"])
    dts = built.out / "dts"
    assert check_dts(dts) == []
    key = built.edition.documents[0].key
    (dts / "document" / f"{key}.xml").unlink()
    collection = json.loads((dts / "collection.json").read_text(encoding="utf-8"))
    collection["totalChildren"] += 1
    (dts / "collection.json").write_text(json.dumps(collection), encoding="utf-8")
    messages = " | ".join(d.message for d in check_dts(dts))
    assert f"document/{key}.xml reaches no file" in messages
    assert "totalChildren" in messages


# ---------------------------------------------------------------------- BagIt


def test_bagit_output_is_a_valid_bag(tmp_path: Path) -> None:
    import bagit

    built = build_corpus("samples", tmp_path / "out", ["tei", "cmif", "tables", "bagit"])
    bag = bagit.Bag(str(built.out / "bag"))
    bag.validate()  # raises when invalid
    assert check_build_folder(built.out) == []
    assert bag.algorithms == ["sha512"]
    info = bag.info
    assert info["External-Identifier"] == built.edition.meta.identifier
    assert info["Source-Organization"] and info["Bagging-Date"] and info["Payload-Oxum"]
    assert info["Bag-Software-Agent"].startswith("telegram-tei")
    payload = {Path(p).as_posix() for p in bag.payload_files()}
    assert "data/cmif.xml" in payload and "data/tei/edition.xml" in payload
    assert not any(p.startswith("data/bag/") for p in payload)
    (built.out / "bag" / "data" / "cmif.xml").write_text("changed", encoding="utf-8")
    assert [d.code for d in check_build_folder(built.out)] == ["bagit"]


def test_package_command_bags_a_build_and_tampering_is_caught(tmp_path: Path) -> None:
    built = build_corpus("samples", tmp_path / "out", ["tei", "tables"])
    (built.out / "report.json").write_text("{}", encoding="utf-8")
    bag_dir = tmp_path / "bag"
    result = CliRunner().invoke(main, ["package", str(built.out), "--bag", str(bag_dir)])
    assert result.exit_code == 0, result.output
    assert validate_bag(bag_dir) == []
    assert (bag_dir / "data" / "report.json").is_file()
    # what an archive runs: bagit.py --validate (the module's own command line)
    done = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", str(bag_dir)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-300:]
    (bag_dir / "data" / "documents.csv").write_text("changed", encoding="utf-8")
    assert validate_bag(bag_dir) != []
    # a second run replaces the earlier bag; a folder that is not a bag is never replaced
    assert CliRunner().invoke(main, ["package", str(built.out), "--bag", str(bag_dir)]).exit_code == 0
    assert validate_bag(bag_dir) == []
    other = tmp_path / "precious"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["package", str(built.out), "--bag", str(other)])
    assert result.exit_code == 1 and "not a BagIt bag" in result.output
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_make_bag_refuses_an_empty_folder(tmp_path: Path) -> None:
    from encoder.edition import EditionMeta
    from encoder.errors import EncoderError

    (tmp_path / "empty").mkdir()
    with pytest.raises(EncoderError, match="nothing to package"):
        make_bag(tmp_path / "empty", tmp_path / "bag", EditionMeta())


# ---------------------------------------------------------------------- the build folder


def test_outputs_option_builds_only_what_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path), "--outputs", "cmif,tables", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cmif.xml").is_file() and (tmp_path / "documents.csv").is_file()
    assert not (tmp_path / "dts").exists() and not (tmp_path / "tei-p5").exists()
    assert not (tmp_path / "html").exists()


def test_validate_checks_a_build_folder_as_an_edition(tmp_path: Path) -> None:
    built = build_corpus("samples", tmp_path / "out", ["tei", "cmif", "dts"])
    assert check_build_folder(built.out) == []
    result = CliRunner().invoke(main, ["validate", str(built.out)])
    assert result.exit_code == 0, result.output
    # a person link that reaches nothing in the edition, and a CMIF date CMIF refuses
    documents = [p for p in sorted((built.out / "tei").glob("*.xml")) if p.name != "edition.xml"]
    tei = next(p for p in documents if b'corresp="#p_' in p.read_bytes())
    tei.write_bytes(re.sub(rb'corresp="#p_\w+"', b'corresp="#p_Nobody"', tei.read_bytes(), count=1))
    cmif = built.out / "cmif.xml"
    cmif.write_text(
        re.sub(r'when="(\d{4})-\d{2}-\d{2}"', r'when="\1-13-99x"', cmif.read_text("utf-8"), count=1), "utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(built.out)])
    assert result.exit_code == 1
    assert '@corresp "#p_Nobody" points nowhere' in result.output
    assert "is not YYYY, YYYY-MM or YYYY-MM-DD" in result.output


def test_an_online_edition_gets_urls_in_cmif_and_dts(tmp_path: Path) -> None:
    import shutil

    from encoder.build import encode_edition, run_outputs
    from encoder.layout import plan_edition

    folder = tmp_path / "edition"
    shutil.copytree(Path(__file__).resolve().parents[1] / "encoder" / "samples", folder)
    toml = folder / "edition.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + 'base_url = "https://example.org/frus/"\neditors = ["A. Editor"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report, edition = encode_edition(plan_edition([folder]), out)
    run_outputs(edition, out, ["cmif", "dts"], report)
    assert not [w for w in report.warnings if w.code.startswith("cmif")]
    assert check_cmif(out / "cmif.xml") == [] and check_dts(out / "dts") == []
    root = etree.parse(str(out / "cmif.xml")).getroot()
    assert root.find(f".//{TEI}sourceDesc/{TEI}bibl").get("type") == "online"
    assert (
        root.findtext(f".//{TEI}publicationStmt/{TEI}idno[@type='url']")
        == "https://example.org/frus/cmif.xml"
    )
    assert root.findtext(f".//{TEI}titleStmt/{TEI}editor") == "A. Editor"
    refs = [d.get("ref") for d in root.iter(f"{TEI}correspDesc")]
    assert refs and all(r.startswith("https://example.org/frus/html/") and r.endswith(".html") for r in refs)
    entry = json.loads((out / "dts" / "index.json").read_text(encoding="utf-8"))
    assert entry["@id"] == "https://example.org/frus/dts/"
    assert entry["collection"] == "https://example.org/frus/dts/collection{/id}.json"


def test_write_tree_replaces_the_folder_whole(tmp_path: Path) -> None:
    from encoder.outputs.tree import write_tree

    target = tmp_path / "dts"
    write_tree(target, {"a.json": b"1", "sub/b.json": b"2"})
    write_tree(target, {"a.json": b"3"})
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["a.json"]
    assert (target / "a.json").read_bytes() == b"3"
    assert [p.name for p in tmp_path.iterdir()] == ["dts"]  # no staging folder left behind


def test_plain_tei_moves_attachments_after_a_closer_into_divisions() -> None:
    from encoder.outputs.teip5 import plain_tei

    root = etree.fromstring(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="{FRUS_NS}"><teiHeader><fileDesc>
        <titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>
        <sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>
        <div type="document" xml:id="d1" frus:doc-dateTime-min="1900-01-01" frus:doc-dateTime-max="1900-01-31">
        <head>H</head><p>Text.</p><closer><signed>S</signed></closer><postscript><pb n="2" xml:id="pg_2"/></postscript>
        <frus:attachment><head>E</head><p>Enclosed.</p></frus:attachment></div></body></text></TEI>""".encode()
    )
    plain = plain_tei(root)
    div = plain.find(f".//{TEI}div[@type='document']")
    assert [c.get("type") or etree.QName(c).localname for c in div] == ["head", "main", "attachment"]
    main = div.find(f"{TEI}div[@type='main']")
    assert [etree.QName(c).localname for c in main] == ["p", "closer", "pb"]  # empty postscript unwrapped
    date = plain.find(f".//{TEI}correspDesc/{TEI}correspAction[@type='sent']/{TEI}date")
    assert (date.get("notBefore"), date.get("notAfter")) == ("1900-01-01", "1900-01-31")
    assert FRUS_NS not in etree.tostring(plain).decode()
    assert root.find(f".//{{{FRUS_NS}}}attachment") is not None  # the input is left as it was


def test_references_between_files_of_the_edition_are_followed(tmp_path: Path) -> None:
    from encoder.editioncheck import check_references

    built = build_corpus("samples", tmp_path / "out", ["tei"])
    documents = [p for p in sorted((built.out / "tei").glob("*.xml")) if p.name != "edition.xml"]
    first, second = documents[0], documents[1]
    target_id = (
        etree.parse(str(second))
        .getroot()
        .find(f".//{TEI}div[@type='document']")
        .get("{http://www.w3.org/XML/1998/namespace}id")
    )
    text = first.read_text(encoding="utf-8")
    links = (
        f'<ref target="{second.name}#{target_id}">ok</ref> <ref target="{second.name}#nothere">bad</ref> '
        '<ref target="missing.xml">bad</ref> <ref target="frus1947v06#pg_150">other volume</ref>'
    )
    first.write_text(text.replace("</p>", f" {links}</p>", 1), encoding="utf-8")
    messages = [d.message for d in check_references(built.out)]
    assert len(messages) == 2, messages
    assert any("no xml:id 'nothere'" in m for m in messages)
    assert any("missing.xml" in m and "no such file" in m for m in messages)


def test_dts_checker_agrees_with_the_specification_shapes() -> None:
    """Responses shaped as the DTS 1.0 examples (entry point, collection with members,
    navigation with a citable unit) pass; dropping a required property fails."""
    from encoder.editioncheck import _dts_object

    context = {"@context": "https://dtsapi.org/context/v1.0.json", "dtsVersion": "1.0"}
    entry = {
        **context,
        "@id": "/api/dts/",
        "@type": "EntryPoint",
        "collection": "/api/dts/collection/{?id,page,nav}",
        "navigation": "/api/dts/navigation/{?resource,ref,start,end,down,tree,page}",
        "document": "/api/dts/document/{?resource,ref,start,end,tree,mediaType}",
    }
    member = {
        "@id": "c1",
        "@type": "Collection",
        "title": "C",
        "totalParents": 1,
        "totalChildren": 4,
        "collection": "/api/dts/collection/?id=c1{&page,nav}",
    }
    collection = {
        **context,
        "@id": "root",
        "@type": "Collection",
        "title": "Root",
        "totalParents": 0,
        "totalChildren": 1,
        "collection": "/api/dts/collection/{?id,page,nav}",
        "member": [member],
    }
    unit = {"identifier": "C1", "@type": "CitableUnit", "level": 1, "parent": None, "citeType": "Chapter"}
    resource = {
        "@id": "r",
        "@type": "Resource",
        "collection": "/c",
        "navigation": "/n",
        "document": "/d",
        "citationTrees": [{"@type": "CitationTree"}],
    }
    navigation = {
        **context,
        "@id": "/n?resource=r&down=1",
        "@type": "Navigation",
        "resource": resource,
        "member": [unit],
    }
    for good in (entry, collection, navigation):
        assert _dts_object(good, Path("x"), True) == []
    assert _dts_object({k: v for k, v in entry.items() if k != "document"}, Path("x"), True)
    assert _dts_object({**collection, "totalChildren": 2}, Path("x"), True)
    assert _dts_object(
        {**navigation, "member": [{"identifier": "C1", "@type": "CitableUnit"}]}, Path("x"), True
    )
