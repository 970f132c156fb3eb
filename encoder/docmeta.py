"""One document's TEI → :class:`~encoder.edition.DocMeta`, read once per run.

Works on the project's own per-document TEI (``teiHeader`` with ``correspDesc`` and
keywords) and on a bare FRUS document ``div`` as the Office of the Historian's volume
files hold it (no per-document header): what the header lacks is read from the div's
head, dateline and ``frus:doc-dateTime-*`` attributes. Nothing is guessed: a field the
TEI does not carry stays empty.
"""

from __future__ import annotations

from lxml import etree

from .edition import DocMeta, Party

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
NS = {"t": TEI_NS, "frus": FRUS_NS}


def _text(node: etree._Element | None, *, skip_notes: bool = True) -> str:
    """The node's text with notes left out and white space folded."""
    if node is None:
        return ""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            local = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if not (skip_notes and local == "note") and isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return " ".join("".join(parts).split())


def _first(node: etree._Element, path: str) -> etree._Element | None:
    found = node.xpath(path, namespaces=NS)
    return found[0] if found else None


def _party(element: etree._Element) -> Party:
    local = etree.QName(element).localname
    kind = "person" if local == "persName" else "office"
    return Party(_text(element), kind, element.get("corresp") or element.get("ref") or "")


def _parties(root: etree._Element, div: etree._Element, action: str, role: str) -> list[Party]:
    """``correspAction[@type=action]`` where the header has one, else the head's names."""
    found = root.xpath(
        f"t:teiHeader//t:correspDesc/t:correspAction[@type='{action}']/*[self::t:persName or self::t:name or self::t:orgName]",
        namespaces=NS,
    )
    if not found:
        found = div.xpath(f"t:head//*[@type='{role}']", namespaces=NS)
    return [p for p in (_party(e) for e in found) if p.name]


def _persons(div: etree._Element) -> list[Party]:
    seen: set[tuple[str, str]] = set()
    persons: list[Party] = []
    for element in div.iterfind(f".//{{{TEI_NS}}}persName"):
        party = _party(element)
        key = (party.name.casefold(), party.ref)
        if party.name and key not in seen:
            seen.add(key)
            persons.append(party)
    return persons


def _markings(root: etree._Element) -> dict[str, list[str]]:
    markings: dict[str, list[str]] = {}
    for term in root.xpath("t:teiHeader//t:keywords[contains(@scheme, 'markings')]/t:term", namespaces=NS):
        markings.setdefault(term.get("type") or "marking", []).append(_text(term))
    return markings


def read_meta(root: etree._Element) -> DocMeta:
    """Read the metadata of the document whose ``TEI`` (or bare ``div``) is ``root``."""
    if etree.QName(root).localname == "div":
        div = root
    else:
        found = _first(root, "t:text//t:div[@type='document']")
        if found is None:
            found = _first(root, "t:text/t:body")
        div = found if found is not None else root
    head = _first(div, "t:head")
    date = _first(div, ".//t:dateline//t:date[@when or @notBefore or @from]")
    place = _first(div, ".//t:dateline//t:placeName")
    kind = _first(root, "t:teiHeader//t:keywords[contains(@scheme, 'document-type')]/t:term")
    source = _first(div, ".//t:note[@type='source']")
    return DocMeta(
        xml_id=div.get("{http://www.w3.org/XML/1998/namespace}id", ""),
        number=(div.get("n") or "").strip(),
        title=_text(head),
        doc_type=_text(kind),
        subtype=div.get("subtype", ""),
        date_when=(date.get("when") or date.get("notBefore") or date.get("from") or "")
        if date is not None
        else "",
        date_min=div.get(f"{{{FRUS_NS}}}doc-dateTime-min", ""),
        date_max=div.get(f"{{{FRUS_NS}}}doc-dateTime-max", ""),
        date_text=_text(date),
        place=_text(place),
        senders=_parties(root, div, "sent", "from"),
        recipients=_parties(root, div, "received", "to"),
        markings=_markings(root),
        persons=_persons(div),
        signers=[_text(s) for s in div.iterfind(f".//{{{TEI_NS}}}closer/{{{TEI_NS}}}signed") if _text(s)],
        pages=[pb.get("n", "") for pb in div.iterfind(f".//{{{TEI_NS}}}pb") if pb.get("n")],
        source=_text(source, skip_notes=False),
    )
