"""The render stage: HTML reading edition and index (the print edition: tests/test_print_*.py).

Inputs are the golden TEI, real FRUS divs in a TEI shell (attachments, lists, quotes,
closers, postscripts, a modern head source note) and hand-made fixtures (hostile text,
one long document with a note in every paragraph). Expectations are computed from the
TEI with lxml where possible, so no output is hard-coded for one sample. The HTML
edition is rendered once per module.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from encoder import transform
from encoder.errors import InputError, TransformError, UnsafeXMLError
from encoder.render import render_html, render_print

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "frus1945Berlinv01-d580.tei.xml"
TEI_DIR = HERE / "fixtures" / "tei"
MALFORMED = TEI_DIR / "render-malformed.xml"
HOSTILE = TEI_DIR / "render-hostile.xml"
LONG = TEI_DIR / "render-long-notes.xml"
ATTACHMENTS = TEI_DIR / "render-frus1894Nicaragua-d88.xml"
MODERN = TEI_DIR / "render-frus1958-60v11-d115.xml"
LEGACY = TEI_DIR / "render-frus1870-d47.xml"
RUSSIA = TEI_DIR / "render-frus1918Russiav03-d346.xml"
WIDE = TEI_DIR / "render-wide.xml"
GOOD = [GOLDEN, *sorted(p for p in TEI_DIR.glob("render-*.xml") if p != MALFORMED)]
NS = {"tei": "http://www.tei-c.org/ns/1.0"}

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK = {
    "address", "article", "aside", "blockquote", "div", "dl", "dd", "dt", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "tr", "td", "th", "ul",
}  # fmt: skip
PHRASING_ONLY = {"p", "span", "a", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "time", "em", "i", "b"}


class Page(HTMLParser):
    """One HTML page read strictly: nesting, content model, ids, links, text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.doctype = ""
        self.starts: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.starts.append((tag, values))
        if tag in BLOCK or tag == "br":
            self.text.append(" ")
        inline = next((t for t in reversed(self.stack) if t in PHRASING_ONLY), None)
        if tag in BLOCK and inline:
            self.errors.append(f"<{tag}> inside <{inline}>")
        parent = self.stack[-1] if self.stack else ""
        if parent in {"ul", "ol"} and tag != "li":
            self.errors.append(f"<{tag}> directly inside <{parent}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in BLOCK:
            self.text.append(" ")
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            if tag in self.stack:
                del self.stack[self.stack.index(tag) :]
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "style" not in self.stack and "title" not in self.stack:
            self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        """Start tags named ``tag`` whose attributes contain the given values (class: a token)."""

        def fits(key: str, want: str, values: dict[str, str]) -> bool:
            have = values.get(key.rstrip("_"))
            if have is None:
                return False
            return want in have.split() if key == "class_" else have == want

        return [
            values
            for name, values in self.starts
            if name == tag and all(fits(k, w, values) for k, w in attrs.items())
        ]

    @property
    def ids(self) -> list[str]:
        return [v["id"] for _, v in self.starts if "id" in v]

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def read_page(path: Path) -> Page:
    """Parse a page and check what every page of the edition must be."""
    html = path.read_text(encoding="utf-8")
    page = Page(html)
    assert page.errors == [], f"{path.name}: {page.errors[:5]}"
    assert page.doctype.lower() == "doctype html"
    html_tag = page.all("html")[0]
    assert re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", html_tag.get("lang", ""))
    assert page.all("meta", charset="utf-8")
    assert any("width=device-width" in m.get("content", "") for m in page.all("meta", name="viewport"))
    assert len(page.all("style")) == 1
    for tag in ("img", "iframe", "object", "embed"):
        assert not page.all(tag), f"{path.name} has <{tag}>"
    # the edition's one script (facets, search) is its own file; the only link is canonical
    assert all(s.get("src") == "site.js" for s in page.all("script")), f"{path.name}: a foreign <script>"
    assert "<script>" not in html.replace('<script src="site.js"></script>', ""), (
        f"{path.name}: inline script"
    )
    assert all(lk.get("rel") == "canonical" for lk in page.all("link")), f"{path.name}: a foreign <link>"
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style
    ids = page.ids
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"
    for link in page.all("a"):
        href = link.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, f"{path.name}: link to missing #{href[1:]}"
    return page


SITE_PAGES = {"chronology.html", "persons.html", "places.html", "search.html", "terms.html"}


def pages_of(written: list[Path]) -> list[Path]:
    """The home page, then the document pages, of what ``render_html`` wrote (not the
    other list pages, the script or the search index)."""
    return [p for p in written if p.suffix == ".html" and p.name not in SITE_PAGES]


def heading(path: Path) -> str:
    """The text of the page's h1."""
    return " ".join(lxml_html.parse(str(path)).xpath("string(//h1)").split())


def crumb(path: Path) -> str:
    """The first step of a document page's breadcrumb: the edition's title."""
    return " ".join(
        lxml_html.parse(str(path)).xpath("string(//nav[@aria-label='Breadcrumb']//li[1])").split()
    )


def footnotes(tei: Path) -> list[etree._Element]:
    """The TEI notes that are footnotes (not inline source lines)."""
    tree = etree.parse(str(tei))
    return tree.xpath("//tei:text//tei:note[not(@rend='inline')]", namespaces=NS)


@pytest.fixture(scope="module")
def html_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("html")
    return out, render_html(GOOD, out)


def page_for(out: Path, tei: Path) -> Path:
    """The page of the document in ``tei``: pages are named by the document's edition key,
    its ``xml:id`` where that is unique in the edition."""
    key = etree.parse(str(tei)).xpath("string(//tei:div[@type='document'][1]/@xml:id)", namespaces=NS)
    return out / f"{key}.html"


# --- the page checker itself must catch what it is there to catch -----------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>text <div>block in a paragraph</div></p>",
        "<span><ul><li>list in a span</li></ul></span>",
        "<ul><p>not an item</p></ul>",
        "<div><p>unclosed</div>",
        "<section><em>crossed</section></em>",
    ],
)
def test_page_checker_rejects_broken_html(html: str) -> None:
    assert Page(html).errors


# --- HTML reading edition ------------------------------------------------------------------------


def test_html_pages_written_and_valid(html_edition: tuple[Path, list[Path]]) -> None:
    out, written = html_edition
    assert written[0] == out / "index.html"
    assert sorted(p.name for p in pages_of(written)[1:]) == sorted(page_for(out, t).name for t in GOOD)
    assert all(path.is_file() for path in written)
    for path in (p for p in written if p.suffix == ".html"):
        read_page(path)
    assert not list(out.glob("*.tmp")), "temporary files left behind"


def test_index_lists_every_document_in_number_order(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    index = read_page(out / "index.html")
    links = [a["href"] for a in index.all("a", class_="entry-title")]
    numbers = {page_for(out, t).name: int(etree.parse(str(t)).xpath(
        "string(//tei:div[@type='document']/@n)", namespaces=NS)) for t in GOOD}  # fmt: skip
    assert sorted(links) == sorted(numbers)
    assert [numbers[link] for link in links] == sorted(numbers.values())
    for number in numbers.values():
        assert f"No. {number}." in index.plain


def test_index_shows_sender_recipient_date_and_markings(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    index = read_page(out / "index.html")
    text = index.plain
    # From the long fixture: the parties as the metadata has them (correspDesc, which names
    # the Secretary: Hull), the dateline date as printed (it gives the day of @when), the
    # document type and the markings from the teiHeader keywords.
    assert "From Grew To Hull Date November 3, 1941—3 p.m. Type Telegram" in text
    assert "Markings strictly confidential" in text
    dates = index.all("time", datetime="1941-11-03T15:00:00+09:00")
    assert dates and dates[0]["title"] == "November 3, 1941, 15:00 UTC+09:00"  # exact value kept
    assert "UTC" not in text  # offsets such as 1918's "+02:31" are not shown to readers


def test_a_date_whose_printed_words_lack_the_day_is_given_in_words(
    html_edition: tuple[Path, list[Path]],
) -> None:
    out, _ = html_edition
    index = read_page(out / "index.html")
    # render-wide: when="1918-04-09T20:00:00+08:00", printed "the 9th instant, 8 p.m."
    assert "Date April 9, 1918, 20:00 (the 9th instant, 8 p.m.)" in index.plain
    assert index.all("time", datetime="1918-04-09T20:00:00+08:00")
    page = read_page(page_for(out, WIDE))
    assert "Date April 9, 1918, 20:00 (the 9th instant, 8 p.m.)" in page.plain


def test_edition_title_defaults_to_the_tool_not_to_a_source(
    html_edition: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    out, _ = html_edition
    index = read_page(out / "index.html")
    # The files cite different monographs (or none): no source is claimed for all of them,
    # not even on the page of a file that cites one.
    assert heading(out / "index.html") == "telegram-tei edition"
    assert "Foreign Relations" not in index.plain
    for tei in GOOD:
        assert crumb(page_for(out, tei)) == "telegram-tei edition", tei.name
    # When every file cites the same monograph, that is the title.
    same = render_html([ATTACHMENTS, MODERN], tmp_path / "same")
    assert heading(same[0]).startswith("Foreign Relations of the United States")
    blank = render_html([ATTACHMENTS, WIDE], tmp_path / "blank", title="  \n ")
    assert heading(blank[0]) == "telegram-tei edition"


def test_a_given_title_names_every_page_and_stays_text(tmp_path: Path) -> None:
    title = 'Papers <b>of</b> "State" &\x00 1918\n'
    shown = 'Papers <b>of</b> "State" & 1918'
    written = pages_of(render_html([ATTACHMENTS, WIDE], tmp_path / "out", title=title))
    for path in written:
        raw = path.read_text(encoding="utf-8")
        page = read_page(path)
        assert not page.all("b")  # the title's markup is text
        assert "&lt;b&gt;of&lt;/b&gt;" in raw
        assert re.search(r"<title>[^<]*Papers &lt;b&gt;of&lt;/b&gt;", raw), path.name
    assert heading(written[0]) == shown
    assert "2 documents" in read_page(written[0]).plain
    assert crumb(written[1]) == shown
    with pytest.raises(TypeError):  # keyword only: the positional API is unchanged
        render_html([WIDE], tmp_path / "x", "a title")  # type: ignore[misc]


def test_brackets_around_names_are_closed_up(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    assert "( <persName" in GOLDEN.read_text(encoding="utf-8")  # the TEI has the spaces
    page = read_page(page_for(out, GOLDEN))
    heading = page.plain.split("From Togo")[0]
    assert "Minister of Foreign Affairs (Togo) to the" in heading
    assert "Soviet Union (Sato)" in heading and "( " not in heading and " )" not in heading
    index = read_page(out / "index.html").plain
    assert "(Togo)" in index and "( Togo" not in index
    assert "Harbin (Moser) to" in read_page(page_for(out, WIDE)).plain


def test_index_gives_the_source_line_when_it_tells_documents_apart(tmp_path: Path) -> None:
    files = []
    for number, line in enumerate(("File No. 861.77/330", "File No. 861.77/331")):
        text = RUSSIA.read_text(encoding="utf-8").replace(' n="346"', "", 1)
        text = text.replace("File No. 861.77/330", line, 1)
        path = tmp_path / f"russia{number}.xml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    index = read_page(render_html([*files, LEGACY], tmp_path / "out")[0])
    entries = index.plain.split("The Consul at Vladivostok")
    assert "Source File No. 861.77/330" in entries[1] and "Source File No. 861.77/331" in entries[2]
    assert "Source No. 47" not in index.plain  # a source line that only repeats the number


def test_a_lost_note_keeps_its_mark(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    page = read_page(page_for(out, WIDE))
    lost = page.all("sup", class_="note-lost")
    assert len(lost) == 1 and "not available" in lost[0]["title"]
    raw = page_for(out, WIDE).read_text(encoding="utf-8")
    assert re.search(r'<sup class="note-ref note-lost"[^>]*>1</sup>', raw)
    assert "SecretaryofState1From" in page.plain.replace(" ", "")  # the mark ends the heading


def test_labels_hang_tables_keep_their_head_and_page_turns_are_marked(
    html_edition: tuple[Path, list[Path]],
) -> None:
    out, _ = html_edition
    page = read_page(page_for(out, WIDE))
    items = page.all("li", class_="labelled")
    assert len(items) == 2
    raw = page_for(out, WIDE).read_text(encoding="utf-8")
    assert '<span class="label">1. </span>WD05Z' in raw  # no space outside the hanging label
    heads = page.all("p", class_="table-head")
    tables = page.all("table")
    assert len(heads) == len(tables) == 1 and tables[0]["aria-labelledby"] == heads[0]["id"]
    assert re.search(r'<p class="table-head"[^>]*>WD02Z[^<]*</p><div class="table-wrap"><table', raw)
    inline = read_page(page_for(out, ATTACHMENTS))
    assert len(inline.all("span", class_="pb-bar")) == len(inline.all("span", class_="pb")) > 0


def test_css_keeps_phone_pages_narrow() -> None:
    css = (transform.stylesheet_path("html/edition.css")).read_text(encoding="utf-8")
    assert re.search(r"main \{ overflow-wrap: break-word; \}", css)  # long groups and URLs wrap
    assert re.search(r"\.table-wrap \{ overflow-x: auto; \}", css)  # wide tables scroll in their box
    assert "max-width: 30rem" in css and "min-width: 62rem" in css


def test_numbers_order_naturally_and_an_inserted_document_follows_its_number(tmp_path: Path) -> None:
    first = tmp_path / "zulu.xml"
    second = tmp_path / "alpha.xml"
    text = GOLDEN.read_text(encoding="utf-8").replace('xml:id="d580" n="580"', 'xml:id="d580" n="580a"')
    first.write_text(text, encoding="utf-8")
    shutil.copy(GOLDEN, second)
    out = tmp_path / "out"
    index = read_page(render_html([first, second], out)[0])
    hrefs = [a["href"] for a in index.all("a", class_="entry-title")]
    assert len(hrefs) == 2 and len(set(hrefs)) == 2  # one id, two documents: two pages
    assert index.plain.index("No. 580.") < index.plain.index("No. 580a.")


def test_page_names_are_safe_and_unique(tmp_path: Path) -> None:
    odd = tmp_path / "index.xml"
    shutil.copy(GOLDEN, odd)
    weird = tmp_path / "..a b&c<d>.tei.xml"
    shutil.copy(GOLDEN, weird)
    written = pages_of(render_html([odd, weird, GOLDEN], tmp_path / "out"))
    names = [p.name for p in written]
    assert names[0] == "index.html"
    assert len(set(names)) == len(names) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.html", n) for n in names)


def test_a_file_with_two_documents_gets_two_entries(tmp_path: Path) -> None:
    tree = etree.parse(str(GOLDEN))
    div = tree.find(".//tei:div[@type='document']", NS)
    twin = etree.fromstring(etree.tostring(div))
    for element in twin.iter():
        for name in ("{http://www.w3.org/XML/1998/namespace}id", "n"):
            if element.get(name):
                element.set(name, element.get(name) + "b")
    div.addnext(twin)
    both = tmp_path / "both.xml"
    tree.write(str(both), encoding="UTF-8")
    index, *pages = pages_of(render_html([both], tmp_path / "out"))
    entries = [a["href"] for a in read_page(index).all("a", class_="entry-title")]
    assert len(entries) == len(pages) == 2  # a file holding two documents is a volume
    assert entries == [p.name for p in pages]


@pytest.mark.parametrize("tei", [GOLDEN, LONG, MODERN], ids=lambda p: p.stem)
def test_footnote_markers_and_notes_link_both_ways(html_edition: tuple[Path, list[Path]], tei: Path) -> None:
    out, _ = html_edition
    page = read_page(page_for(out, tei))
    markers = page.all("a", role="doc-noteref")
    assert len(markers) == len(footnotes(tei)) > 0
    backlinks = {a["href"] for a in page.all("a", role="doc-backlink")}
    notes = {li["id"] for li in page.all("li", class_="note")}
    for marker in markers:
        target = marker["href"].removeprefix("#")
        assert target in notes
        assert f"#{marker['id']}" in backlinks
    assert len(backlinks) == len(markers)
    raw = page_for(out, tei).read_text(encoding="utf-8")
    shown = re.findall(r'role="doc-noteref">([^<]*)</a>', raw)
    assert shown == [n.get("n") for n in footnotes(tei)]  # the marks as printed, in order


def test_page_markers_are_visible_anchors(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    for tei in (GOLDEN, ATTACHMENTS, LONG):
        breaks = etree.parse(str(tei)).xpath("//tei:pb/@n", namespaces=NS)
        page = read_page(page_for(out, tei))
        spans = page.all("span", class_="pb")
        assert len(spans) == len(breaks) > 0
        for n in breaks:
            assert f"[Page {n}]" in page.plain
        for span in spans:
            assert {"href": f"#{span['id']}", "class": "pb-link"} in page.all("a", class_="pb-link")


def test_document_parts_are_rendered(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    page = read_page(page_for(out, ATTACHMENTS))
    assert len(page.all("section", class_="attachment")) == 2
    assert page.all("div", class_="closer") and page.all("p", class_="signed")
    assert page.all("p", class_="dateline") and page.all("time", datetime="1894-08-08")
    assert len(page.all("li", class_="item")) >= 4
    assert page.all("div", class_="p"), "a paragraph holding a list must become a div"
    long_page = read_page(page_for(out, LONG))
    assert long_page.all("table") and long_page.all("th") and long_page.all("blockquote")
    assert "Vladivostok" in long_page.plain
    quoted = read_page(page_for(out, TEI_DIR / "render-frus1918Russiav03-d346.xml"))
    assert quoted.all("blockquote")


def test_hostile_text_and_links_are_inert(html_edition: tuple[Path, list[Path]]) -> None:
    out, _ = html_edition
    path = page_for(out, HOSTILE)
    raw = path.read_text(encoding="utf-8")
    page = read_page(path)  # no <script>, <img> … elements at all
    assert '<script>alert("body")</script>' in page.plain  # shown as text …
    assert "&lt;script&gt;" in raw  # … because it was escaped
    for _, attrs in page.starts:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "style" not in attrs
        href = "".join(attrs.get("href", "").split()).lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), href
    hrefs = [a.get("href") for a in page.all("a")]
    assert "#d901fn2" in hrefs  # a fragment naming an element of the document
    assert "https://history.state.gov/historicaldocuments" in hrefs
    assert "https://history.state.gov/historicaldocuments/frus1945Berlinv01/d580" in hrefs
    assert "#nowhere" not in hrefs and "#d901p5" not in hrefs
    assert not any("example.org" in (h or "") for h in hrefs)  # quotes in a URL: no link
    kept = (
        "plain javascript",
        "mixed case",
        "data URL",
        "missing fragment",
        "a javascript link",
        "without an",
    )
    for words in kept:
        assert words in page.plain  # the text of a refused link is kept
    assert page.all("html", lang="en")  # xml:lang with quotes is refused
    assert page.all("span", class_="tei-foo") and page.all("span", class_="tei-classification")
    assert "top secret" in page.plain and "foreign markup" in page.plain
    assert page.all("span", class_="r-smallcaps")
    assert all("bogus" not in a.get("class", "") for _, a in page.starts)


# --- errors ---------------------------------------------------------------------------------


def test_malformed_tei_raises_with_the_file_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        render_html([GOLDEN, MALFORMED], out)
    assert str(MALFORMED) in str(caught.value) and caught.value.line
    assert not (out / "index.html").exists()
    with pytest.raises(InputError, match="render-malformed"):
        render_print([MALFORMED], tmp_path / "print")


def test_unsafe_or_foreign_xml_is_refused_by_name(tmp_path: Path) -> None:
    bad = HERE / "fixtures" / "bad" / "xxe-passwd.xml"
    with pytest.raises(UnsafeXMLError, match="xxe-passwd"):
        render_html([bad], tmp_path / "a")
    foreign = tmp_path / "not-tei.xml"
    foreign.write_text("<doc xmlns='urn:example'><p>hi</p></doc>", encoding="utf-8")
    with pytest.raises(TransformError, match=r"not-tei\.xml.*not a TEI P5 document"):
        render_html([foreign], tmp_path / "b")


def test_runtime_errors_from_the_stylesheet_name_file_and_element() -> None:
    sheet = transform.stylesheet_path("html/index.xsl")
    with pytest.raises(TransformError) as caught:
        transform.transform(sheet, GOLDEN.read_text(encoding="utf-8"), "some.xml")
    assert caught.value.file == "some.xml"
    assert "expects the enc:edition wrapper" in str(caught.value)


def test_broken_stylesheet_is_a_transform_error(tmp_path: Path) -> None:
    sheet = tmp_path / "broken.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><xsl:value-of select="1 +"/></xsl:template></xsl:stylesheet>',
        encoding="utf-8",
    )
    with pytest.raises(TransformError, match="XPST0003"):
        transform.compiled(sheet)


def test_stylesheets_are_compiled_once(html_edition: tuple[Path, list[Path]]) -> None:
    sheet = transform.stylesheet_path("html/tei-to-html.xsl")
    assert transform.compiled(sheet) is transform.compiled(sheet)
    count = len(transform._EXECUTABLES)
    render_html([GOLDEN], html_edition[0] / "again")
    assert len(transform._EXECUTABLES) == count
