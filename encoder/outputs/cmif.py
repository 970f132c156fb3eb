"""``cmif.xml``: the edition's letters in the Correspondence Metadata Interchange Format.

CMIF (TEI Correspondence SIG) is what the web service correspSearch harvests: a TEI file
whose ``profileDesc`` holds one ``correspDesc`` per letter, restricted to who wrote to
whom, from where and when. The rules followed here are those of the SIG's documentation
(``doc/documentation-en.md``) and its Schematron (``odd/cmif.sch``):

* ``fileDesc``: ``titleStmt/title`` and ``editor``; ``publicationStmt`` with
  ``publisher``, ``idno type="url"`` (the file's own URL, from ``base_url``), ``date/@when``
  (an ``xs:dateTime``: the build time, or ``SOURCE_DATE_EPOCH`` for reproducible builds)
  and ``availability/licence`` — correspSearch takes only CC BY 4.0 or CC0 1.0, so the
  metadata are CC0 when the edition's licence is CC0 and CC BY 4.0 otherwise;
  ``sourceDesc/bibl`` typed ``online`` when the edition has a ``base_url`` and ``print``
  otherwise, with an ``xml:id`` that is a UUID (version 5 of the edition's identifier, so
  that it is stable between builds).
* ``correspDesc``: ``@ref`` the document's page under ``base_url`` (online), ``@key``
  its number (print; the key when it has none), ``@source`` pointing at the ``bibl``.
  ``correspAction type="sent"`` and ``type="received"`` both present, holding only
  ``persName``, ``orgName``, ``placeName`` and ``date``, no text.

Persons and offices. CMIF wants a ``persName`` and allows an ``orgName`` "if persName is
not applicable". FRUS headings name an office with or without its holder (``The Secretary
of State to the Embassy in France``; ``The Japanese Minister … (Togo) to …``). Decision:
a named person is a ``persName`` and the office beside him describes him, so it is left
out (a correspondent is one entity); an office or mission standing alone (``the Embassy in
France``, ``the Secretary of State`` with no name) is an ``orgName``, since it is not a
personal name and would pollute a person search; an action that names nobody gets
``persName`` ``Unknown`` as the rules ask. No ``@ref`` on names: the persons list gives
local ids, not the authority ids (GND, VIAF) correspSearch matches on.

Places and dates. The dateline's place is the place of sending, with a GeoNames URI when
:mod:`encoder.geonames` resolves it for certain, without one otherwise. CMIF accepts only
``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``: the dateline's ``@when`` is cut to its day (a
telegram's clock time and offset dropped, a month-only date kept as a month); a document
with only a span gets ``notBefore``/``notAfter``; an undated one no ``date``.

Which documents: every document that names a sender or a recipient. Editorial notes and
documents naming neither (a memorandum for the record) are not correspondence and are
left out.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ..edition import Edition, Entry, Party
from ..files import atomic_write
from ..geonames import resolve
from . import Context

NAME = "cmif"
SUMMARY = "cmif.xml: correspondence metadata (CMIF) for correspSearch"
FILE = "cmif.xml"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CC_BY = (
    "https://creativecommons.org/licenses/by/4.0/",
    "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
)
CC0 = (
    "https://creativecommons.org/publicdomain/zero/1.0/",
    "This file is dedicated to the public domain under the Creative Commons CC0 1.0 Universal Public Domain Dedication",
)
_CMIF_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
UNKNOWN = "Unknown"


def cmif_date(value: str) -> str:
    """An ISO date or dateTime cut to what CMIF accepts (``YYYY[-MM[-DD]]``); '' if none."""
    match = _CMIF_DATE.match(value or "")
    return match.group(0) if match else ""


def _e(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text:
        element.text = text
    return element


def _timestamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


def _licence(licence_url: str) -> tuple[str, str]:
    return CC0 if "publicdomain/zero" in licence_url else CC_BY


def bibl_id(edition: Edition) -> str:
    """A UUID for the edition's ``bibl`` (CMIF recommends one), stable across builds."""
    meta = edition.meta
    seed = meta.identifier or meta.base_url or meta.title
    # An xml:id must be an NCName, so the UUID must start with a letter: the first of the
    # seed's version-5 UUIDs (seed, seed#1, …) that does. Deterministic, and still a UUID.
    n = 0
    while True:
        candidate = str(uuid.uuid5(uuid.NAMESPACE_URL, f"telegram-tei:{seed}" + (f"#{n}" if n else "")))
        if candidate[0].isalpha():
            return candidate
        n += 1


def _action(parent: etree._Element, kind: str, parties: list[Party]) -> etree._Element:
    action = _e(parent, "correspAction", type=kind)
    persons = [p for p in parties if p.kind == "person"]
    offices = [p for p in parties if p.kind != "person"]
    if persons:
        for party in persons:
            _e(action, "persName", party.name)
    elif offices:
        for party in offices:
            _e(action, "orgName", party.name)
    else:
        _e(action, "persName", UNKNOWN)
    return action


def is_correspondence(entry: Entry) -> bool:
    meta = entry.meta
    return meta.subtype != "editorial-note" and bool(meta.senders or meta.recipients)


def cmif_tree(edition: Edition, context: Context | None = None) -> etree._ElementTree:
    """The CMIF document for ``edition``."""
    meta = edition.meta
    base = meta.base_url.rstrip("/") + "/" if meta.base_url else ""
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    header = _e(tei, "teiHeader")
    file_desc = _e(header, "fileDesc")
    title_stmt = _e(file_desc, "titleStmt")
    _e(title_stmt, "title", f"Correspondence metadata: {meta.title}")
    for editor in meta.editors or []:
        _e(title_stmt, "editor", editor)
    if not meta.editors:
        _e(title_stmt, "editor", meta.publisher or "telegram-tei")
    publication = _e(file_desc, "publicationStmt")
    _e(publication, "publisher", meta.publisher or "telegram-tei")
    if base:
        _e(publication, "idno", base + FILE, type="url")
    missing = [name for name, value in (("base_url", base), ("editors", meta.editors)) if not value]
    if missing and context is not None:
        # CMIF wants the file's URL (idno) and a contact (editor); without them the file is
        # written (the editor falls back to the publisher) but correspSearch cannot take it.
        context.warn(
            f"cmif.xml: edition.toml gives no {' and no '.join(missing)}; correspSearch needs"
            " the file's URL (base_url) and a contact editor",
            FILE,
            "cmif.metadata",
        )
    licence_url = meta.licence_url.replace("http://", "https://")
    if context is not None and not licence_url.startswith((CC0[0], CC_BY[0])):
        # correspSearch takes CC BY 4.0 or CC0 only; the edition says something else (or
        # nothing), so whoever publishes must agree to CC BY for these metadata.
        context.warn(
            f"cmif.xml is licensed CC BY 4.0 as correspSearch requires, but edition.toml's licence is "
            f"{meta.licence_url or 'not given'}: make sure the metadata may be published under CC BY",
            FILE,
            "cmif.licence",
        )
    _e(publication, "date", when=_timestamp())
    availability = _e(publication, "availability")
    target, statement = _licence(meta.licence_url)
    _e(availability, "licence", statement, target=target)
    source_desc = _e(file_desc, "sourceDesc")
    source_id = bibl_id(edition)
    bibl = _e(source_desc, "bibl", type="online" if base else "print")
    bibl.set(XML_ID, source_id)
    bibl.text = ". ".join(
        part
        for part in (
            meta.title,
            meta.subtitle,
            ", ".join(meta.editors),
            meta.publisher,
            meta.place,
            meta.date,
        )
        if part
    )
    if base:
        _e(bibl, "ref", base, target=base)
    profile = _e(header, "profileDesc")
    for entry in edition.documents:
        if not is_correspondence(entry):
            continue
        doc = entry.meta
        attrs = {"source": f"#{source_id}"}
        if base:
            attrs["ref"] = f"{base}html/{entry.page}"
        else:
            attrs["key"] = doc.number or entry.key
        desc = _e(profile, "correspDesc", **attrs)
        sent = _action(desc, "sent", doc.senders)
        if doc.place:
            place = resolve(doc.place)
            _e(sent, "placeName", doc.place, ref=place.uri if place else "")
        when = cmif_date(doc.date_when)
        if when:
            _e(sent, "date", when=when)
        elif doc.date_min or doc.date_max:
            _e(sent, "date", notBefore=cmif_date(doc.date_min), notAfter=cmif_date(doc.date_max))
        _action(desc, "received", doc.recipients)
    text = _e(tei, "text")
    _e(_e(text, "body"), "p")
    return etree.ElementTree(tei)


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    target = out_dir / FILE
    out_dir.mkdir(parents=True, exist_ok=True)
    data = etree.tostring(
        cmif_tree(edition, context), encoding="UTF-8", xml_declaration=True, pretty_print=True
    )
    atomic_write(target, data)
    return [target]
