"""``html/``: the reading edition, a static site any web server (or ``file://``) can show.

Pages:

* ``index.html`` — title, editors, publisher, counts, links to the PDF / edition TEI /
  exports that this build makes, and the contents by chapter, with facets;
* ``chronology.html`` — every document by date, grouped by year and month, with facets;
* ``persons.html`` — the persons list (or, without one, the names the documents carry),
  each with the documents they sent, received, signed or are named in;
* ``places.html`` — every place a dateline names, with its documents;
* ``terms.html`` — the abbreviations and terms list, when the edition has one;
* ``search.html`` — full-text search with Pagefind (an index built into ``pagefind/``);
* one page per document (``<key>.html``), in the edition's order.

The list pages are made by ``site.xsl`` from a small metadata XML that this module builds
from each document's :class:`~encoder.edition.DocMeta` — never from copies of the trees,
so that an edition of 10,000 documents costs a few kilobytes a document here. Document
pages are rendered through ``context.map`` with :func:`render_page`, a module-level
function over picklable items (the document's TEI as bytes and its parameters), so a
build's process pool can spread them. Every page is made before any is written.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from ..edition import Chapter, Edition, Entry
from ..errors import EncoderError
from ..files import atomic_write
from ..transform import run_stylesheet
from . import Context

NAME = "html"
SUMMARY = "html/: the reading edition (contents, chronology, indexes, search, one page a document)"
HTML_XSL = "html/tei-to-html.xsl"
SITE_XSL = "html/site.xsl"
INDEX_NAME = "index.html"
ENC_NS = "urn:telegram-tei:xslt"
TEI_NS = "http://www.tei-c.org/ns/1.0"
SITE_PAGES = ("index", "chronology", "persons", "places", "search")
STATIC = ("site.js",)

EXPORTS: tuple[tuple[str, str, str], ...] = (
    # (output name, path from the output folder, label)
    ("print", "print/edition.pdf", "Print edition (PDF)"),
    ("tei", "tei/edition.xml", "The edition in TEI"),
    ("tables", "documents.csv", "Documents (CSV)"),
    ("tables", "documents.json", "Documents (JSON)"),
    ("tables", "persons.csv", "Persons (CSV)"),
    ("tables", "places.csv", "Places (CSV)"),
    ("cmif", "cmif.xml", "Correspondence metadata (CMIF)"),
)
"""Files other outputs write, linked from the home page when this build makes them (or
they are already there): paths as those outputs document them."""

PDF_PATH = "print/edition.pdf"


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    chosen = [n for n in context.options.get("outputs", "").split(",") if n]
    return write_site(edition, out_dir / "html", context, chosen=chosen)


def write_site(
    edition: Edition, target: Path, context: Context | None = None, *, chosen: Iterable[str] = ()
) -> list[Path]:
    """Write the site into ``target``; the home page first in the returned list."""
    context = context or Context()
    chosen = set(chosen)
    out_dir = target.parent
    exports = [
        (f"../{path}", label) for name, path, label in EXPORTS if name in chosen or (out_dir / path).is_file()
    ]
    has_pdf = any(path == f"../{PDF_PATH}" for path, _ in exports)
    documents = [e for e in edition.documents if e.root is not None]
    names = _NameIds(edition)
    site_xml = _site_xml(edition, documents, names, exports)
    site_text = etree.tostring(site_xml, encoding="unicode")
    pages: list[tuple[Path, bytes]] = []
    for page in (*SITE_PAGES, *(["terms"] if edition.terms else [])):
        path = target / f"{page}.html"
        pages.append((path, run_stylesheet(SITE_XSL, site_text, str(path), {"page": page})))
    ids = _id_map(edition)
    items = [
        (
            etree.tostring(entry.root),
            entry.source_file,
            _page_params(edition, documents, n, names, ids, has_pdf),
        )
        for n, entry in enumerate(documents)
    ]
    for entry, result in zip(documents, context.map(render_page_or_error, items), strict=True):
        data, error = result  # type: ignore[misc]
        if error:
            # one document that cannot be shown costs its own page, not the site
            context.warn(f"html page {entry.page}: {error}", entry.source_file, "html.page")
            data = _fallback_page(entry, edition, error)
        pages.append((target / entry.page, data))
    target.mkdir(parents=True, exist_ok=True)
    for name in STATIC:
        pages.append((target / name, _static(name)))
    for path, data in pages:
        atomic_write(path, data)
    written = [path for path, _ in pages]
    written += _pagefind(target, context)
    return written


def render_page(item: object) -> bytes:
    """One document page from ``(tei_bytes, source_name, params)`` (a pool worker's job)."""
    tei, name, params = item  # type: ignore[misc]
    return run_stylesheet(HTML_XSL, tei.decode("utf-8"), name, params)


def render_page_or_error(item: object) -> tuple[bytes, str]:
    """:func:`render_page`, with a failure of the stylesheet returned as its message."""
    try:
        return render_page(item), ""
    except EncoderError as exc:
        return b"", exc.message


def _fallback_page(entry: Entry, edition: Edition, error: str) -> bytes:
    """A plain page in the place of a document the stylesheet could not show, so the
    contents, prev/next and cross-references still land somewhere that says why."""
    from html import escape

    title = escape(f"{entry.meta.title or entry.key} — {edition.meta.title}")
    tei = f'<p><a href="../{escape(entry.tei_path)}">The document in TEI</a></p>' if entry.tei_path else ""
    return (
        f'<!DOCTYPE html><html lang="{escape(edition.meta.language or "en")}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
        f'<body><main id="main"><h1>{escape(entry.meta.title or entry.key)}</h1>'
        f"<p>This document could not be shown: {escape(error)}</p>{tei}"
        f'<p><a href="{INDEX_NAME}">Contents</a></p></main></body></html>'
    ).encode()


def _static(name: str) -> bytes:
    from ..resources import xslt_dir

    return (xslt_dir() / "html" / name).read_bytes()


# ------------------------------------------------------------------ search


def _pagefind(target: Path, context: Context) -> list[Path]:
    """Index the site with Pagefind (``python -m pagefind``); a warning when it cannot."""
    command = [sys.executable, "-m", "pagefind", "--site", str(target), "--output-subdir", "pagefind"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        context.warn(f"search index not built: {exc}", str(target), "html.search")
        return []
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        context.warn(f"search index not built: pagefind: {last[0]}", str(target), "html.search")
        return []
    return sorted(p for p in (target / "pagefind").rglob("*") if p.is_file())


# ------------------------------------------------------------------ ids and names


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower() or "x"


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _NameIds:
    """Ids of the persons index: a listed person's id, else ``n-<slug>`` of the name."""

    def __init__(self, edition: Edition) -> None:
        self.listed = {p.id: p for p in edition.persons}
        self._ids: dict[str, str] = {}
        self._taken = set(self.listed)

    def of(self, name: str, ref: str) -> str:
        if ref.startswith("#") and ref[1:] in self.listed:
            return ref[1:]
        key = _name_key(name)
        if key not in self._ids:
            base = f"n-{_slug(name)}"
            candidate, n = base, 1
            while candidate in self._taken:
                n += 1
                candidate = f"{base}-{n}"
            self._taken.add(candidate)
            self._ids[key] = candidate
        return self._ids[key]


def _id_map(edition: Edition) -> dict[str, tuple[Entry, str]]:
    from ..xrefs import edition_ids

    return edition_ids(edition).owner


# ------------------------------------------------------------------ the metadata XML


def _e(parent: etree._Element, tag: str, text: str = "", **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items() if v})
    if text:
        element.text = _xml_text(text)
    return element


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def _site_xml(
    edition: Edition, documents: list[Entry], names: _NameIds, exports: list[tuple[str, str]]
) -> etree._Element:
    """``<site>``: the edition's header, chapters with their documents' metadata, persons,
    places and terms — everything the list pages show, and nothing more."""
    meta = edition.meta
    site = etree.Element(
        "site",
        {
            "title": _xml_text(meta.title),
            "subtitle": _xml_text(meta.subtitle),
            "publisher": _xml_text(meta.publisher),
            "place": _xml_text(meta.place),
            "date": _xml_text(meta.date),
            "base": _xml_text(meta.base_url),
            "lang": meta.language or "en",
        },
    )
    for editor in meta.editors:
        _e(site, "editor", editor)
    for href, label in exports:
        _e(site, "export", label, href=href)
    persons: dict[str, dict[str, list[str]]] = {}
    person_names: dict[str, str] = {}
    places: dict[str, list[str]] = {}
    for chapter in edition.chapters:
        _chapter_xml(site, chapter, names, persons, person_names, places)
    for person in edition.persons:
        element = _e(site, "person", person.description, id=person.id, name=person.name, listed="yes")
        _person_docs(element, persons.get(person.id, {}))
    for pid in sorted(set(persons) - set(names.listed), key=lambda i: _sort_name(person_names[i])):
        element = _e(site, "person", "", id=pid, name=person_names[pid])
        _person_docs(element, persons[pid])
    for name in sorted(places, key=str.casefold):
        place = _e(site, "place", "", name=name, id=f"pl-{_slug(name)}")
        for key in places[name]:
            _e(place, "in", "", doc=key)
    for term in edition.terms:
        _e(site, "term", term.definition, id=term.id, name=term.term)
    return site


def _sort_name(name: str) -> str:
    """Surname first for unlisted names ("Dean Acheson" sorts under A)."""
    words = name.split()
    return " ".join([words[-1], *words[:-1]]).casefold() if words else ""


def _person_docs(element: etree._Element, roles: dict[str, list[str]]) -> None:
    for key, kinds in roles.items():
        _e(element, "in", "", doc=key, roles=" ".join(kinds))


def _chapter_xml(
    parent: etree._Element,
    chapter: Chapter,
    names: _NameIds,
    persons: dict[str, dict[str, list[str]]],
    person_names: dict[str, str],
    places: dict[str, list[str]],
) -> None:
    element = _e(parent, "chapter", "", id=chapter.id, title=chapter.title)
    for entry in chapter.entries:
        if entry.root is None:
            continue
        _doc_xml(element, entry)
        meta = entry.meta
        mentions = [(p.name, p.ref, "sent") for p in meta.senders if p.kind == "person"]
        mentions += [(p.name, p.ref, "received") for p in meta.recipients if p.kind == "person"]
        mentions += [(name, "", "signed") for name in meta.signers]
        mentions += [(p.name, p.ref, "named") for p in meta.persons]
        for name, ref, role in mentions:
            pid = names.of(name, ref)
            person_names.setdefault(pid, name)
            roles = persons.setdefault(pid, {}).setdefault(entry.key, [])
            if role not in roles:
                roles.append(role)
        if meta.place:
            places.setdefault(meta.place, []).append(entry.key)
    for child in chapter.children:
        _chapter_xml(element, child, names, persons, person_names, places)


def display_title(title: str, number: str) -> str:
    """The heading as the lists show it: brackets closed up, a leading "No. 580." / "87."
    left out (the lists print the number on their own)."""
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", " ".join(title.split())))
    if number:
        text = re.sub(rf"^(?:No\.\s*)?{re.escape(number)}(?:\.\s*|\s+|(?=[A-Z]))", "", text).strip() or text
    return text or "Untitled document"


def _source_line(entry: Entry) -> str:
    """The legacy source line printed above the heading ("File No. 861.77/330"), which
    tells apart documents with the same heading; '' when it only repeats the number."""
    div = entry.div
    note = div.find(f"{{{TEI_NS}}}note[@type='source']") if div is not None else None
    if note is None or not ("inline" in (note.get("rend") or "").split() or note.get("place") == "inline"):
        return ""
    line = " ".join("".join(note.itertext()).split())
    number = entry.meta.number
    return "" if number and line in (f"No. {number}.", f"No. {number}", f"{number}.", number) else line


def _doc_xml(parent: etree._Element, entry: Entry) -> etree._Element:
    meta = entry.meta
    doc = _e(
        parent,
        "doc",
        "",
        key=entry.key,
        page=entry.page,
        n=meta.number,
        title=display_title(meta.title, meta.number),
        type=meta.doc_type or ("Editorial Note" if meta.subtype == "editorial-note" else ""),
        sort=meta.sort_date[:10],
        when=meta.sort_date,
        place=meta.place,
        pos=str(entry.position),
        source_line=_source_line(entry),
    )
    if meta.date_when or meta.date_text:
        # the dateline's date as a one-element TEI date: the summary template of the
        # document pages shows it the same way here (value in words, printed words kept)
        date = etree.SubElement(doc, f"{{{TEI_NS}}}date")
        if meta.date_when:
            date.set("when", meta.date_when)
        date.text = _xml_text(meta.date_text)
    for party in meta.senders:
        _e(doc, "sender", party.name)
    for party in meta.recipients:
        _e(doc, "recipient", party.name)
    for kind, terms in meta.markings.items():
        for term in terms:
            _e(doc, "marking", term, kind=kind)
    return doc


# ------------------------------------------------------------------ document pages


def _page_params(
    edition: Edition,
    documents: list[Entry],
    n: int,
    names: _NameIds,
    ids: dict[str, tuple[Entry, str]],
    has_pdf: bool,
) -> dict[str, str]:
    """The stylesheet parameters of document ``n``: neighbours, and ``page-json``."""
    entry = documents[n]
    meta = edition.meta
    div = entry.div
    xrefs: dict[str, str] = {}
    persons: dict[str, dict[str, str]] = {}
    terms: dict[str, str] = {}
    by_term = {t.id: t for t in edition.terms}
    if div is not None:
        for element in div.iter(f"{{{TEI_NS}}}ref", f"{{{TEI_NS}}}ptr"):
            target = (element.get("target") or "").strip()
            owner = ids.get(target[1:]) if target.startswith("#") else None
            if owner is None:
                continue
            other, own = owner
            if other is entry:
                continue  # the stylesheet links ids of its own file
            is_div = own in (
                "",
                other.div.get("{http://www.w3.org/XML/1998/namespace}id") if other.div is not None else "",
            )
            xrefs[target] = other.page if is_div else f"{other.page}#{own}"
        for element in div.iter(f"{{{TEI_NS}}}persName"):
            name = " ".join("".join(element.itertext()).split())
            ref = element.get("corresp") or element.get("ref") or ""
            if not name:
                continue
            pid = names.of(name, ref)
            listed = names.listed.get(pid)
            persons[ref or f"name:{_name_key(name)}"] = {
                "id": pid,
                "desc": f"{listed.name}, {listed.description}".rstrip(", ") if listed else "",
            }
        for element in div.iter(f"{{{TEI_NS}}}gloss", f"{{{TEI_NS}}}term"):
            target = (element.get("target") or "").lstrip("#")
            if target in by_term:
                terms[f"#{target}"] = f"{by_term[target].term}: {by_term[target].definition}"
    trail = [{"title": c.title, "id": c.id} for c in entry.chapter.trail if c.title] if entry.chapter else []
    cite = {
        "edition": meta.title,
        "subtitle": meta.subtitle,
        "editors": meta.editors,
        "publisher": meta.publisher,
        "place": meta.place,
        "date": meta.date,
        "permalink": f"{meta.base_url.rstrip('/')}/html/{entry.page}" if meta.base_url else "",
        "key": entry.key,
    }
    page = {
        "trail": trail,
        "xrefs": xrefs,
        "persons": persons,
        "terms": terms,
        "tei": f"../{entry.tei_path}" if entry.tei_path else "",
        "pdf": f"../{PDF_PATH}#nameddest={entry.key}" if has_pdf else "",
        "cite": cite,
        "canonical": cite["permalink"],
        "position": entry.position,
        "count": len(documents),
        "lang": meta.language or "en",
        "has_terms": bool(edition.terms),
    }
    return {
        "edition-title": meta.title,
        "index-href": INDEX_NAME,
        "prev-href": documents[n - 1].page if n > 0 else "",
        "next-href": documents[n + 1].page if n + 1 < len(documents) else "",
        "page-json": json.dumps(page, ensure_ascii=False),
    }
