"""Parsing XML that comes from users (``validate``, ``render``) without trusting it.

Entities are never expanded, no DTD is loaded, nothing is fetched from the network and
documents that declare a DOCTYPE at all are refused: TEI needs none, and every XML attack
(billion laughs, XXE, remote DTDs) travels in one. The DOCTYPE is looked for in the
prolog *before* libxml2 sees the document (in any encoding the prolog can be read in), and
again in the parsed tree, so a DOCTYPE hidden behind a long comment or an unusual encoding
is refused too; even then the parser would not expand or fetch anything. libxml2's depth
limit (256 levels without ``huge_tree``) bounds nesting; a FRUS document needs about 12.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .errors import InputError, UnsafeXMLError

MAX_BYTES = 64 * 1024 * 1024
"""Refuse TEI files larger than this before parsing (a document is kilobytes)."""

_LOCATION = re.compile(r",? line \d+, column \d+$")
_PROLOG_BYTES = 1024 * 1024
"""How much of a file the DOCTYPE pre-check reads; a longer prolog meets the tree check."""
_PROLOG_ITEM = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        # libxml2 would stop at a repeated xml:id ("ID x already defined") and the file
        # would read as not well-formed; the Schematron's id-unique rule reports it instead,
        # as a duplicate, with the lines of every use.
        collect_ids=False,
    )


def _prolog_text(data: bytes) -> str:
    """The start of the document as text, enough to read its prolog in any XML encoding."""
    head = data[:_PROLOG_BYTES]
    for mark, codec in _WIDE_BOMS:
        if head.startswith(mark):
            return head[: len(head) // 4 * 4].decode(codec, "replace")
    return head.decode("latin-1")  # ASCII-compatible encodings: markup bytes are ASCII


def _find_doctype(data: bytes) -> int | None:
    """1-based line of a ``<!DOCTYPE`` in the prolog, or None when there is none."""
    text = _prolog_text(data).lstrip("\ufeff\u00ef\u00bb\u00bf")
    pos = 0
    while item := _PROLOG_ITEM.match(text, pos):
        pos = item.end()
    start = len(text) - len(text[pos:].lstrip())
    if text.startswith(("<!DOCTYPE", "<!ENTITY"), start):
        return text.count("\n", 0, start) + 1
    return None


def parse_user_xml_bytes(data: bytes, name: str) -> etree._ElementTree:
    """Parse untrusted XML bytes; raise :class:`UnsafeXMLError` or :class:`InputError`."""
    if len(data) > MAX_BYTES:
        raise UnsafeXMLError(f"refused: larger than the {MAX_BYTES} byte limit", name)
    line = _find_doctype(data)
    if line is not None:
        raise UnsafeXMLError(
            "refused: the file declares a DOCTYPE (DTDs and entities are not accepted)",
            name,
            line,
        )
    try:
        root = etree.fromstring(data, _parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        msg = _LOCATION.sub("", exc.msg or str(exc))  # the line is in the error's place
        if "Excessive depth" in msg:
            raise UnsafeXMLError("refused: elements nested more than 256 levels deep", name, line) from None
        if "amplification" in msg:
            raise UnsafeXMLError(f"refused: {msg}", name, line) from None
        raise InputError(f"not well-formed XML: {msg}", name, line) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXMLError("refused: the file declares a DOCTYPE", name)
    return tree


def parse_user_xml(path: Path) -> etree._ElementTree:
    """Read and parse an untrusted XML file, naming it in every error."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError("is a folder, not an XML file", name)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnsafeXMLError(f"refused: {size} bytes is larger than the {MAX_BYTES} byte limit", name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    return parse_user_xml_bytes(data, name)
