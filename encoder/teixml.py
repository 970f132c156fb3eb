"""The XML side of the TEI writer: namespaces, element helpers, serialization.

Shared by :mod:`encoder.tei` (the text) and :mod:`encoder.teiheader` (the header).
"""

from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS, "frus": FRUS_NS}
T = f"{{{TEI_NS}}}"


def el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, T + tag if ":" not in tag and "{" not in tag else tag)
    for k, v in attrs.items():
        el.set(k.rstrip("_").replace("__", ":"), v)
    if text is not None:
        el.text = text
    return el


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child (as its tail) or as the element's text."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def serialize(tree: etree._ElementTree) -> bytes:
    """UTF-8 bytes with an XML declaration, indented where whitespace is not content."""
    _indent(tree.getroot(), 0)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(tree, encoding="UTF-8") + b"\n"


_STRUCTURAL = {
    T + name
    for name in [
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "bibl",
        "encodingDesc",
        "appInfo",
        "application",
        "tagsDecl",
        "profileDesc",
        "langUsage",
        "correspDesc",
        "correspAction",
        "textClass",
        "keywords",
        "revisionDesc",
        "text",
        "body",
        "div",
        "opener",
        "closer",
        "postscript",
        "list",
        "table",
        "row",
    ]
} | {f"{{{FRUS_NS}}}attachment"}


def _element_only(el: etree._Element) -> bool:
    if el.tag not in _STRUCTURAL or (el.text or "").strip():
        return False
    return len(el) > 0 and all(not (c.tail or "").strip() and isinstance(c.tag, str) for c in el)


def _indent(el: etree._Element, level: int) -> None:
    """Indent elements that hold only elements; mixed content (p, head, note) is left as
    parsed, since there whitespace is text."""
    if not _element_only(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        _indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level
