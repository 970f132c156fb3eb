"""The HTML edition's pages, read as files: home, lists, registers, document pages, links
to the other outputs, the cite box, the golden page, the process pool, and an edition
rendered from a FRUS-style volume TEI file."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from editions import DEV, assemble_volume
from lxml import etree, html

from encoder.build import build
from encoder.cli import main
from encoder.layout import plan_edition
from encoder.outputs import Context
from encoder.outputs.html import _NameIds, _site_xml, write_site
from encoder.resources import samples_dir

GOLDEN = Path(__file__).parent / "golden" / "html-d580.main.html"
BASE = "https://example.org/samples/"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample edition with a base_url, built (tei, html)."""
    work = tmp_path_factory.mktemp("sample")
    folder = work / "samples"
    shutil.copytree(samples_dir(), folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    toml = folder / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'base_url = "{BASE}"\n', encoding="utf-8")
    out = work / "out"
    report = build([folder], out, outputs=["tei", "html"])
    assert not report.errors, report.errors
    return out


def _page(path: Path) -> html.HtmlElement:
    return html.parse(str(path)).getroot()


def _doc_pages(out: Path) -> list[Path]:
    return [
        out / "html" / h for h in _page(out / "html" / "index.html").xpath("//li[@class='entry']/a/@href")
    ]


def test_every_page_has_title_description_canonical_lang_and_one_main(sample: Path) -> None:
    pages = sorted((sample / "html").glob("*.html"))
    assert {p.name for p in pages} >= {
        "index.html",
        "chronology.html",
        "persons.html",
        "places.html",
        "search.html",
    }
    for path in pages:
        page = _page(path)
        assert page.get("lang") == "en", path.name
        assert page.findtext(".//title").strip(), path.name
        assert page.xpath("string(//meta[@name='description']/@content)").strip(), path.name
        assert page.xpath("string(//link[@rel='canonical']/@href)") == f"{BASE}html/{path.name}"
        assert len(page.xpath("//main")) == 1, path.name
        assert page.xpath("//a[@class='skip-link']/@href") == ["#main"]
        labels = page.xpath("//nav/@aria-label")
        assert len(labels) == len(set(labels)), path.name


def test_home_page_shows_the_edition_and_its_contents_in_order(sample: Path) -> None:
    home = _page(sample / "html" / "index.html")
    plan = plan_edition([samples_dir()])
    assert home.findtext(".//h1") == plan.meta.title
    assert plan.meta.subtitle in home.text_content()
    assert [h.text_content() for h in home.xpath("//section[@class='chapter']/h3")] == [
        c.title for c in plan.chapters
    ]
    assert "5 documents in 3 chapters" in " ".join(home.text_content().split())
    assert home.xpath("//ul[@class='exports']//a/@href") == [
        "../tei/edition.xml"
    ]  # only what this build made
    prev = None
    for path in _doc_pages(sample):
        page = _page(path)
        if prev is not None:
            assert page.xpath("//a[@rel='prev']/@href") == [prev.name]
            assert _page(prev).xpath("//a[@rel='next']/@href") == [path.name]
        prev = path


def test_document_page_breadcrumb_links_and_cite_box(sample: Path) -> None:
    for path in _doc_pages(sample):
        page = _page(path)
        crumbs = [li.text_content() for li in page.xpath("//nav[@aria-label='Breadcrumb']//li")]
        assert crumbs[0] == "Diplomatic Documents, 1894–1964" and len(crumbs) == 3
        tei = page.xpath("//ul[@class='doc-links']//a[@type='application/tei+xml']/@href")
        assert len(tei) == 1 and (sample / "html" / tei[0]).resolve().is_file()
        assert not page.xpath("//a[@type='application/pdf']")  # no print output in this build
        chicago = page.xpath("string(//p[@class='cite-chicago'])")
        assert f"{BASE}html/{path.name}" in chicago and "Diplomatic Documents" in chicago
        bibtex = page.xpath("string(//pre[@class='cite-bibtex'])")
        assert bibtex.startswith("@incollection{" + path.stem + ",") and "year = {2026}" in bibtex


def test_persons_are_linked_to_the_index_with_their_description(sample: Path) -> None:
    persons = _page(sample / "html" / "persons.html")
    listed = [
        line
        for line in (samples_dir() / "persons.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    entries = persons.xpath("//div[@class='register-entry']")
    assert len(entries) >= len(listed)
    names = [e.xpath("string(.//span[@class='name'])") for e in entries[: len(listed)]]
    assert names == [", ".join(line.split(", ")[:2]) for line in listed]
    linked = 0
    for path in _doc_pages(sample):
        for a in _page(path).xpath("//main//a[contains(@class, 'person')]"):
            target = a.get("href").split("#")[1]
            assert persons.xpath(f"//div[@id='{target}']"), target
            tip = _page(path).xpath(f"//*[@id='{a.get('aria-describedby')}']")
            if a.get("aria-describedby"):
                assert tip and tip[0].get("role") == "tooltip" and tip[0].text_content().strip()
            linked += 1
            page_key = path.name
            assert persons.xpath(f"//div[@id='{target}']//a[@href='{page_key}']"), (target, page_key)
    assert linked >= 5


def test_pdf_and_exports_are_linked_when_the_build_makes_them(sample: Path, tmp_path: Path) -> None:
    from encoder.editiontei import load_edition

    edition = load_edition(sorted((sample / "tei").glob("frus*.xml")))
    target = tmp_path / "out" / "html"
    write_site(edition, target, chosen=["html", "print", "tables"])
    home = _page(target / "index.html")
    assert home.xpath("//ul[@class='exports']//a/@href") == [
        "../print/edition.pdf",
        "../documents.csv",
        "../documents.json",
        "../persons.csv",
        "../places.csv",
    ]
    for entry in edition.documents:
        page = _page(target / entry.page)
        assert page.xpath("//a[@type='application/pdf']/@href") == [
            f"../print/edition.pdf#nameddest={entry.key}"
        ]


def test_list_pages_are_made_from_metadata_not_trees(sample: Path) -> None:
    from encoder.editiontei import load_edition

    edition = load_edition(sorted((sample / "tei").glob("frus*.xml")))
    documents = edition.documents
    site = _site_xml(edition, documents, _NameIds(edition), [])
    # the only TEI in it: each document's dateline date as one element, no more
    tei = [e for e in site.iter() if "tei-c.org" in str(e.tag)]
    assert all(e.tag.endswith("}date") and len(e) == 0 for e in tei)
    assert len(etree.tostring(site)) < 1500 * len(documents)
    assert len(site.findall(".//doc")) == len(documents)


def test_pages_rendered_in_a_process_pool_are_the_same(sample: Path, tmp_path: Path) -> None:
    from encoder.editiontei import load_edition

    edition = load_edition(sorted((sample / "tei").glob("frus*.xml")))
    serial, pooled = tmp_path / "serial", tmp_path / "pooled"
    write_site(edition, serial)
    with ProcessPoolExecutor(2) as pool:
        write_site(edition, pooled, Context(mapper=pool.map))
    for entry in edition.documents:
        assert (serial / entry.page).read_bytes() == (pooled / entry.page).read_bytes()


def _main_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    main_html = text[text.index("<main") : text.index("</main>") + len("</main>")]
    return main_html  # ids are stable (enc:stable-id), so the page is compared whole


def test_golden_document_page(sample: Path) -> None:
    """The main of d580's page, reviewed by hand (tests/golden/html-d580.main.html)."""
    page = next(p for p in _doc_pages(sample) if p.name == "d580.html")
    assert _main_of(page) == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpus (../shared/corpus/dev) is not here")
def test_render_html_from_a_volume_tei_file(tmp_path: Path) -> None:
    volume, persons, terms = assemble_volume(tmp_path, ["frus1964-68v02", "frus1958-60v11"])
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", "html", str(volume), "-o", str(out)])
    assert result.exit_code == 0, result.output
    home = _page(out / "html" / "index.html")
    assert home.findtext(".//h1") == "Assembled FRUS volume"
    assert [h.text_content() for h in home.xpath("//section[@class='chapter']/h3")] == [
        "Chapter 1: frus1964-68v02",
        "Chapter 2: frus1958-60v11",
    ]
    register = _page(out / "html" / "persons.html")
    for pid, name in persons.items():
        assert register.xpath(f"string(//div[@id='{pid}']//span[@class='name'])") == name
    glossary = _page(out / "html" / "terms.html")
    for tid, term in terms.items():
        assert glossary.xpath(f"string(//div[@id='{tid}']/dt)") == term
    linked = [
        a
        for p in (out / "html").glob("*.html")
        for a in _page(p).xpath("//main//a[contains(@class,'person')]")
    ]
    assert persons and len(linked) >= len(persons)


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpus (../shared/corpus/dev) is not here")
def test_every_list_of_the_dev_edition_is_in_order(tmp_path: Path) -> None:
    """The dev corpus as one edition: contents in edition order, chronology by date in
    year and month groups, every register entry's documents in edition order."""
    from editions import arrange_all

    from encoder.editiontei import load_edition

    out = tmp_path / "out"
    report = build([arrange_all(tmp_path)], out, outputs=["tei", "html"])
    assert not report.errors
    edition = load_edition([out / "tei" / "edition.xml"])
    order = [e.key for e in edition.documents]
    home = _page(out / "html" / "index.html")
    assert [h.removesuffix(".html") for h in home.xpath("//li[@class='entry']/a/@href")] == order
    chronology = _page(out / "html" / "chronology.html")
    dates = [d for d in chronology.xpath("//li[@class='entry']/@data-date") if d]
    assert dates == sorted(dates) and len(dates) == sum(1 for e in edition.documents if e.meta.sort_date) > 1
    assert len(chronology.xpath("//li[@class='entry']")) == len(order)  # the undated at the end
    for month in chronology.xpath("//section[@class='month']"):
        key = month.xpath("string(h3/@id)")[1:]
        assert all(d.startswith(key) for d in month.xpath(".//li/@data-date"))
    position = {key: n for n, key in enumerate(order)}
    for register in ("persons.html", "places.html"):
        entries = _page(out / "html" / register).xpath("//div[@class='register-entry']")
        assert entries, register
        for entry in entries:
            keys = [h.removesuffix(".html") for h in entry.xpath(".//ul[@class='refs']//a/@href")]
            assert keys == sorted(keys, key=position.__getitem__), (register, entry.get("id"))


def test_without_pagefind_the_site_still_builds_with_a_warning(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from encoder.editiontei import load_edition
    from encoder.outputs import html as html_output

    edition = load_edition(sorted((sample / "tei").glob("frus*.xml")))
    monkeypatch.setattr(html_output.sys, "executable", str(tmp_path / "no-python"))
    context = Context()
    written = write_site(edition, tmp_path / "site", context)
    assert (tmp_path / "site" / "index.html") in written and (tmp_path / "site" / "search.html").is_file()
    assert not (tmp_path / "site" / "pagefind").exists()
    assert [w.code for w in context.warnings] == ["html.search"]
    assert "search index not built" in context.warnings[0].message


def test_terms_are_linked_to_the_list_with_their_definition(sample: Path) -> None:
    terms = _page(sample / "html" / "terms.html")
    listed = {e.get("id"): e.xpath("string(dd)") for e in terms.xpath("//div[@class='register-entry']")}
    assert len(listed) == len((samples_dir() / "terms.txt").read_text(encoding="utf-8").strip().splitlines())
    seen = 0
    for path in _doc_pages(sample):
        page = _page(path)
        for a in page.xpath("//main//a[contains(@class, 'term-link')]"):
            tid = a.get("href").split("#")[1]
            tip = page.xpath(f"string(//*[@id='{a.get('aria-describedby')}'])")
            assert tid in listed and listed[tid] in tip
            seen += 1
    assert seen > 0


def test_a_page_that_fails_costs_only_itself(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from encoder.editiontei import load_edition
    from encoder.errors import TransformError
    from encoder.outputs import html as html_output

    edition = load_edition(sorted((sample / "tei").glob("frus*.xml")))
    broken = edition.documents[1]
    real = html_output.run_stylesheet

    def failing(relative: str, xml_text: str, name: str, params: object = None) -> bytes:
        if name == broken.source_file and relative == html_output.HTML_XSL:
            raise TransformError("tei-to-html.xsl failed: a test failure", name)
        return real(relative, xml_text, name, params)  # type: ignore[arg-type]

    monkeypatch.setattr(html_output, "run_stylesheet", failing)
    context = Context()
    write_site(edition, tmp_path / "site", context)
    assert [w.code for w in context.warnings if w.code == "html.page"] == ["html.page"]
    assert context.warnings[0].file == broken.source_file
    page = _page(tmp_path / "site" / broken.page)
    assert "could not be shown" in page.text_content() and "a test failure" in page.text_content()
    for entry in edition.documents:
        if entry is not broken:
            assert _page(tmp_path / "site" / entry.page).xpath("//article")
