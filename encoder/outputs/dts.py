"""``dts/``: the edition as a static Distributed Text Services 1.0 API (Level 0).

DTS (https://dtsapi.org/versions/v1.0) is the API text-collection clients use to browse
collections, walk a text's citation tree and fetch its TEI. The specification lets a
Level 0 server be static files (its section "URI Templates examples for static website"),
so this output writes JSON-LD files a plain web server serves as they are.

URL layout (``R`` is the edition's ``base_url`` + ``dts/``, or ``/dts/`` when the edition
has no ``base_url`` and the output folder is served at the site root)::

    R                                   → dts/index.json               EntryPoint
    R collection.json                   → dts/collection.json          the edition (root Collection)
    R collection/{id}.json              → dts/collection/ch1.json      a chapter (Collection)
                                        → dts/collection/d580.json     a document (Resource)
    R navigation/{resource}.json        → dts/navigation/d580.json     its whole citation tree (down=-1)
    R navigation/{resource}/{ref}.json  → dts/navigation/d580/875.json one page (ref, no member)
    R document/{resource}.xml           → dts/document/d580.xml        the document's TEI
    R document/{resource}/{ref}.xml     → dts/document/d580/875.xml    one page (dts:wrapper)

The URI templates in the files say exactly this in RFC 6570 form (``R collection{/id}.json``,
``R navigation{/resource,ref}.json``, ``R document{/resource,ref}.xml``), so a client expands
them without knowing the layout. Collections follow the edition: edition → chapters →
documents (documents of an unnamed top chapter are members of the edition itself). Each
document's citation tree is its pages: one ``CitableUnit`` per ``pb`` (the FRUS page
numbers the document stands on, ``citeType`` ``page``), so a client can navigate the
edition by document (collections) and by page (navigation). The document endpoint serves
the document's plain TEI P5 (see :mod:`encoder.outputs.teip5`), and each page as a
passage: ``TEI/dts:wrapper`` around the whole blocks (paragraphs, lists, closers) from
the one where the page begins to the one where the next begins — a paragraph running
over a page break is in both pages' passages, never cut. Ranges (``start``/``end``) are
not served, which Level 0 allows.

A static server sends ``.json`` as ``application/json``; DTS asks for
``application/ld+json``: set it in the server (``AddType application/ld+json .json``
under ``dts/`` in Apache, a ``types`` block in nginx).
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from pathlib import Path
from typing import Any

from lxml import etree

from ..edition import Chapter, Edition, Entry
from . import Context
from .teip5 import plain_tei
from .tree import write_tree

NAME = "dts"
SUMMARY = "dts/: a static Distributed Text Services 1.0 tree (collections, navigation, documents)"
FOLDER = "dts"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
TEI_MEDIA = "application/tei+xml"
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _segment(text: str) -> str:
    """A path segment that needs no escaping (ids and page numbers are short and plain)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.") or "x"
    return cleaned if _SAFE.fullmatch(cleaned) else f"x{cleaned}"


class Layout:
    """Where every DTS file lives and how it is addressed."""

    def __init__(self, edition: Edition) -> None:
        base = edition.meta.base_url
        self.root = (base.rstrip("/") + "/" if base else "/") + "dts/"
        self.edition_id = _segment(edition.meta.identifier or "edition")
        self._keys = {e.key for e in edition.documents}
        self.collection_template = f"{self.root}collection{{/id}}.json"
        self.navigation_template = f"{self.root}navigation{{/resource,ref}}.json"
        self.document_template = f"{self.root}document{{/resource,ref}}.xml"

    def chapter_id(self, chapter: Chapter) -> str:
        """A chapter's collection id; never a document's key (both live in collection/)."""
        ident = _segment(chapter.id)
        return f"chapter-{ident}" if ident in self._keys else ident

    def collection(self, ident: str | None = None) -> str:
        return f"{self.root}collection.json" if ident is None else f"{self.root}collection/{ident}.json"

    def navigation(self, resource: str, ref: str | None = None) -> str:
        tail = f"/{ref}" if ref is not None else ""
        return f"{self.root}navigation/{resource}{tail}.json"

    def document(self, resource: str, ref: str | None = None) -> str:
        tail = f"/{ref}" if ref is not None else ""
        return f"{self.root}document/{resource}{tail}.xml"


def _dc_text(value: str, lang: str) -> list[dict[str, str]]:
    return [{"lang": lang, "value": value}]


def _page_ids(entry: Entry) -> list[str]:
    """The document's page refs, unique and in order (a page is cited once)."""
    seen: list[str] = []
    for page in entry.meta.pages:
        ref = _segment(page)
        if ref not in seen:
            seen.append(ref)
    return seen


CITATION_TREES = [
    {"@type": "CitationTree", "citeStructure": [{"@type": "CiteStructure", "citeType": "page"}]}
]


def resource(entry: Entry, layout: Layout, lang: str, parents: int = 1) -> dict[str, Any]:
    """A document as a DTS ``Resource`` (as a member and as its own response)."""
    meta = entry.meta
    key = entry.key
    dublin: dict[str, Any] = {"title": _dc_text(meta.title or key, lang), "language": [lang]}
    if meta.date_when:
        dublin["date"] = meta.date_when
    creators = [p.name for p in meta.senders]
    if creators:
        dublin["creator"] = [{"lang": lang, "value": name} for name in creators]
    if meta.doc_type:
        dublin["type"] = _dc_text(meta.doc_type, lang)
    return {
        "@id": key,
        "@type": "Resource",
        "title": meta.title or key,
        "totalParents": parents,
        "totalChildren": 0,
        "dublinCore": dublin,
        "collection": layout.collection(key),
        "navigation": f"{layout.root}navigation/{key}{{/ref}}.json",
        "document": f"{layout.root}document/{key}{{/ref}}.xml",
        "mediaTypes": [TEI_MEDIA],
        "citationTrees": CITATION_TREES,
    }


def _chapter_members(chapter: Chapter) -> list[Chapter | Entry]:
    return [*chapter.entries, *chapter.children]


def _top_members(edition: Edition) -> list[Chapter | Entry]:
    """The edition's members: an unnamed top chapter's documents stand at the top."""
    members: list[Chapter | Entry] = []
    for chapter in edition.chapters:
        if chapter.title:
            members.append(chapter)
        else:
            members.extend(_chapter_members(chapter))
    return members


def _member(item: Chapter | Entry, layout: Layout, lang: str, parents: int) -> dict[str, Any]:
    if isinstance(item, Entry):
        return resource(item, layout, lang, parents)
    children = _chapter_members(item)
    return {
        "@id": layout.chapter_id(item),
        "@type": "Collection",
        "title": item.title or item.id,
        "totalParents": parents,
        "totalChildren": len(children),
        "collection": layout.collection(layout.chapter_id(item)),
    }


T = "{http://www.tei-c.org/ns/1.0}"
DTS_NS = "https://w3id.org/api/dts#"
"""The namespace of ``dts:wrapper`` (DTS 1.0, Document endpoint)."""


def _holds(element: etree._Element, pb: etree._Element) -> bool:
    return element is pb or any(d is pb for d in element.iter(f"{T}pb"))


def _blocks(
    container: etree._Element, start: etree._Element, stop: etree._Element | None
) -> list[etree._Element]:
    """The children of ``container`` from the one holding ``start`` to the one holding
    ``stop`` (``stop`` itself, a page break standing between blocks, is left out); when
    both are in one division, the division's own blocks instead."""
    children = [c for c in container if isinstance(c.tag, str)]
    first = next(n for n, c in enumerate(children) if _holds(c, start))
    last = len(children) - 1
    if stop is not None:
        last = next((n for n, c in enumerate(children) if _holds(c, stop)), last)
        if children[last] is stop and last > first:
            last -= 1
    if first == last and children[first].tag == f"{T}div":
        return _blocks(children[first], start, stop)
    return children[first : last + 1]


def page_passage(div: etree._Element, page: str) -> bytes | None:
    """The text of one page as DTS wants a passage: ``TEI/dts:wrapper`` around the blocks
    (paragraphs, lists, closers…) from the one where page ``page`` begins to the one where
    the next page begins. A paragraph running over a page break belongs to both pages: a
    passage holds whole blocks, never a cut one."""
    breaks = [pb for pb in div.iter(f"{T}pb") if _segment(pb.get("n", "")) == page]
    if not breaks:
        return None
    start = breaks[0]
    later = [pb for pb in div.iter(f"{T}pb")]
    stop = next((pb for pb in later[later.index(start) + 1 :] if _segment(pb.get("n", "")) != page), None)
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS_URI})
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    for block in _blocks(div, start, stop):
        copy_ = deepcopy(block)
        copy_.tail = "\n"
        wrapper.append(copy_)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


TEI_NS_URI = "http://www.tei-c.org/ns/1.0"


def _response(body: dict[str, Any]) -> dict[str, Any]:
    return {"@context": CONTEXT, "dtsVersion": VERSION, **body}


def build_files(edition: Edition) -> dict[str, bytes]:
    """Every DTS file: path under ``dts/`` → bytes."""
    layout = Layout(edition)
    lang = edition.meta.language or "en"
    files: dict[str, Any] = {}
    files["index.json"] = _response(
        {
            "@id": layout.root,
            "@type": "EntryPoint",
            "collection": layout.collection_template,
            "navigation": layout.navigation_template,
            "document": layout.document_template,
        }
    )
    top = _top_members(edition)
    root: dict[str, Any] = {
        "@id": layout.edition_id,
        "@type": "Collection",
        "title": edition.meta.title,
        "totalParents": 0,
        "totalChildren": len(top),
        "collection": layout.collection_template,
    }
    dublin: dict[str, Any] = {"title": _dc_text(edition.meta.title, lang), "language": [lang]}
    if edition.meta.publisher:
        dublin["publisher"] = [edition.meta.publisher]
    if edition.meta.editors:
        dublin["contributor"] = edition.meta.editors
    root["dublinCore"] = dublin
    root["member"] = [_member(m, layout, lang, 1) for m in top]
    files["collection.json"] = _response(root)

    def chapter_files(chapter: Chapter, parents: int) -> None:
        members = _chapter_members(chapter)
        body = _member(chapter, layout, lang, parents)
        body["member"] = [_member(m, layout, lang, 1) for m in members]
        files[f"collection/{layout.chapter_id(chapter)}.json"] = _response(body)
        for child in chapter.children:
            chapter_files(child, 1)

    for chapter in edition.chapters:
        if chapter.title:
            chapter_files(chapter, 1)
        else:
            for child in chapter.children:
                chapter_files(child, 1)
    for entry in edition.documents:
        files[f"collection/{entry.key}.json"] = _response(resource(entry, layout, lang))
        units = [
            {"identifier": page, "@type": "CitableUnit", "level": 1, "parent": None, "citeType": "page"}
            for page in _page_ids(entry)
        ]
        res = resource(entry, layout, lang)
        res_short = {
            k: res[k] for k in ("@id", "@type", "collection", "navigation", "document", "citationTrees")
        }
        files[f"navigation/{entry.key}.json"] = _response(
            {
                "@id": f"{layout.navigation(entry.key)}",
                "@type": "Navigation",
                "resource": res_short,
                "member": units,
            }
        )
        for unit in units:
            files[f"navigation/{entry.key}/{unit['identifier']}.json"] = _response(
                {
                    "@id": layout.navigation(entry.key, unit["identifier"]),
                    "@type": "Navigation",
                    "resource": res_short,
                    "ref": unit,
                }
            )
        if entry.root is not None:
            plain = plain_tei(entry.root)
            files[f"document/{entry.key}.xml"] = etree.tostring(plain, encoding="UTF-8", xml_declaration=True)
            div = plain.find(f".//{T}div[@type='document']")
            for unit in units if div is not None else []:
                chunk = page_passage(div, unit["identifier"])
                if chunk is not None:
                    files[f"document/{entry.key}/{unit['identifier']}.xml"] = chunk
    return {
        path: body
        if isinstance(body, bytes)
        else (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        for path, body in files.items()
    }


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    return write_tree(out_dir / FOLDER, build_files(edition))
