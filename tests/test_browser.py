"""The HTML edition in a real browser: headless Chromium (Debian's) driven by Playwright.

The dev corpus (84 pages, 10 volumes) is built once as one edition, a chapter per
volume, and served on 127.0.0.1. Search, cross-references, footnotes, facets and
axe-core (WCAG 2.2 AA) are checked as a reader would use them. Each volume is also
built alone as an edition of its own.

Chromium missing: the tests skip, except under ``.ci/run`` (REQUIRE_BROWSER=1), which
installs it and wants them to run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from editions import (
    CHROMIUM_ARGS,
    DEV,
    arrange_all,
    arrange_volume,
    axe_violations,
    chromium_path,
    serve,
    volumes,
)
from lxml import etree, html

from encoder.build import build

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpus (../shared/corpus/dev) is not here")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Chromium or Playwright is missing although REQUIRE_BROWSER is set")
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The dev corpus as one edition, built and served: (output folder, base URL)."""
    work = tmp_path_factory.mktemp("dev-edition")
    out = work / "out"
    report = build([arrange_all(work)], out, outputs=["tei", "html"])
    assert not report.errors, report.errors
    assert (out / "html" / "pagefind" / "pagefind.js").is_file(), report.warnings
    with serve(out) as base:
        yield out, base


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def _doc_pages(out: Path) -> list[Path]:
    """Document pages in edition order (the home page's contents order)."""
    home = html.parse(str(out / "html" / "index.html"))
    return [out / "html" / href for href in home.xpath("//li[@class='entry']/a/@href")]


def test_search_for_a_word_and_open_the_result(site: tuple[Path, str], page: object) -> None:
    out, base = site
    target = _doc_pages(out)[40]
    words = re.findall(r"[A-Za-z]{9,}", html.parse(str(target)).xpath("string(//main//p[not(@class)][1])"))
    word = max(words, key=len) if words else "telegram"
    page.goto(base + "html/index.html")
    page.fill("#quick-q", word)
    page.click(".quick-search button")
    page.wait_for_selector("#search-results li a", timeout=20000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith(target.name) for h in hrefs), (word, hrefs)
    assert page.locator("#search-results .hit-excerpt mark").count() > 0
    page.click(f"#search-results li a[href$='{target.name}']")
    page.wait_for_url(re.compile(re.escape(target.name)))
    assert word.lower() in page.inner_text("main").lower()


def test_search_says_it_needs_http_under_file(site: tuple[Path, str], page: object) -> None:
    out, _ = site
    page.goto((out / "html" / "search.html").as_uri() + "?q=treaty")
    assert "HTTP" in page.inner_text("#search-status")


def test_follow_a_cross_reference(site: tuple[Path, str], page: object) -> None:
    out, base = site
    edition = etree.parse(str(out / "tei" / "edition.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    refs = edition.xpath("//t:div[@type='document']//t:ref[starts-with(@target, '#')]", namespaces=ns)
    crossing = [
        r
        for r in refs
        if not r.xpath(
            f"ancestor::t:div[@type='document']//*[@xml:id='{r.get('target')[1:]}']", namespaces=ns
        )
    ]
    assert crossing, "the dev corpus as one edition has references between its documents"
    links = []
    for path in _doc_pages(out):
        for a in html.parse(str(path)).xpath("//main//a[@class='ref']"):
            if re.fullmatch(r"[\w.-]+\.html(#[\w.-]+)?", a.get("href", "")):
                links.append((path.name, a.get("href"), a.text_content()))
    assert len(links) == len(crossing)
    source, href, text = links[0]
    page.goto(base + "html/" + source)
    page.click(f"main a.ref[href='{href}']")
    page.wait_for_url(re.compile(re.escape(href.split("#")[0])))
    if "#" in href:
        assert page.evaluate("location.hash") == "#" + href.split("#")[1]
        assert page.locator(":target").is_visible()
    else:
        number = re.search(r"\d+", text).group(0)
        assert number in page.inner_text("h1")


def test_open_a_footnote_and_come_back(site: tuple[Path, str], page: object) -> None:
    out, base = site
    with_notes = next(p for p in _doc_pages(out) if html.parse(str(p)).xpath("//a[@role='doc-noteref']"))
    page.goto(base + "html/" + with_notes.name)
    marker = page.locator("a[role='doc-noteref']").first
    marker_id = marker.get_attribute("id")
    note_id = marker.get_attribute("href")[1:]
    marker.hover()  # the note at the marker, without a click
    tip = page.locator(f"#tip-{note_id}")
    assert tip.is_visible() and tip.inner_text().strip()
    marker.click()
    assert page.evaluate("location.hash") == "#" + note_id
    assert page.locator(f"[id='{note_id}']").is_visible()
    page.locator(f"[id='{note_id}'] .note-back").click()
    assert page.evaluate("location.hash") == "#" + marker_id
    from playwright.sync_api import expect

    expect(page.locator(f"[id='{marker_id}']")).to_be_in_viewport()


def test_filter_the_list_by_a_date_range(site: tuple[Path, str], page: object) -> None:
    _, base = site
    page.goto(base + "html/chronology.html")
    dates = sorted(
        d for d in page.eval_on_selector_all("li.entry", "els => els.map(e => e.dataset.date)") if d
    )
    total = page.locator("li.entry").count()
    start, end = dates[len(dates) // 4], dates[len(dates) // 2]
    page.fill("#f-from", start)
    page.fill("#f-to", end)
    shown = page.eval_on_selector_all("li.entry:not([hidden])", "els => els.map(e => e.dataset.date)")
    assert shown and all(start <= d <= end for d in shown)
    assert len(shown) == sum(start <= d <= end for d in dates)
    assert f"{len(shown)} of {total}" in page.inner_text(".facet-count")
    page.click(".facets button[type='reset']")
    page.wait_for_function(f"document.querySelectorAll('li.entry:not([hidden])').length === {total}")


def test_without_javascript_the_full_list_shows(site: tuple[Path, str], browser: object) -> None:
    _, base = site
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(base + "html/index.html")
    assert not tab.locator("form.facets").is_visible()
    assert tab.locator("li.entry:visible").count() == tab.locator("li.entry").count() == 84
    context.close()


def test_axe_finds_nothing(site: tuple[Path, str], browser: object) -> None:
    out, base = site
    docs = _doc_pages(out)
    names = [
        "index.html",
        "persons.html",
        "chronology.html",
        docs[0].name,
        docs[len(docs) // 2].name,
        docs[-1].name,
    ]
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme=scheme)  # type: ignore[attr-defined]
        tab = context.new_page()
        for name in names:
            tab.goto(base + "html/" + name)
            assert axe_violations(tab) == [], (scheme, name)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390, name
        context.close()


@pytest.mark.parametrize("volume", sorted(volumes()))
def test_each_volume_alone(volume: str, tmp_path: Path, browser: object) -> None:
    folder = arrange_volume(tmp_path, volume, volumes()[volume])
    out = tmp_path / "out"
    report = build([folder], out, outputs=["tei", "html"])
    assert not report.errors
    home = html.parse(str(out / "html" / "index.html"))
    numbers = [
        n.removeprefix("No. ").rstrip(".")
        for n in home.xpath("//li[@class='entry']/a/span[@class='doc-number']/text()")
    ]
    assert len(home.xpath("//li[@class='entry']")) == len(volumes()[volume])
    assert numbers == sorted(numbers, key=lambda n: (int(re.match(r"\d+", n).group(0)), n))
    assert (
        home.xpath("string(//link[@rel='canonical']/@href)")
        == f"https://example.org/{volume}/html/index.html"
    )
    with serve(out) as base:
        context = browser.new_context()  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.goto(base + "html/index.html")
        assert axe_violations(tab) == []
        context.close()
