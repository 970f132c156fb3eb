"""Parsing XML that comes from users (``validate``, ``render``) without trusting it.

Entities are never expanded, no DTD is loaded, nothing is fetched from the network and
documents that declare a DOCTYPE at all are refused: TEI needs none, and every XML attack
(billion laughs, XXE, remote DTDs) travels in one. libxml2's own depth limit (256 without
``huge_tree``) bounds nesting.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .errors import InputError, UnsafeXMLError

MAX_BYTES = 64 * 1024 * 1024
"""Refuse TEI files larger than this before parsing (a document is kilobytes)."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_user_xml_bytes(data: bytes, name: str) -> etree._ElementTree:
    """Parse untrusted XML bytes; raise :class:`UnsafeXMLError` or :class:`InputError`."""
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in head:
        raise UnsafeXMLError("refused: the file declares a DOCTYPE (DTDs and entities are not accepted)", name)
    try:
        root = etree.fromstring(data, _parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        msg = exc.msg or str(exc)
        if "Excessive depth" in msg or "depth" in msg.lower():
            raise UnsafeXMLError(f"refused: elements nested too deeply ({msg})", name, line) from None
        raise InputError(f"not well-formed XML: {msg}", name, line) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXMLError("refused: the file declares a DOCTYPE", name)
    return tree


def parse_user_xml(path: Path) -> etree._ElementTree:
    """Read and parse an untrusted XML file, naming it in every error."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnsafeXMLError(f"refused: {size} bytes is larger than the {MAX_BYTES} byte limit", name)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    return parse_user_xml_bytes(data, name)
