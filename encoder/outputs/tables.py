"""``documents.csv``/``.json``, ``persons.csv``/``.json``, ``places.csv``/``.json``.

Metadata tables for spreadsheets, OpenRefine and scripts: one row per document, one per
person of the edition's persons list, one per dateline place. Made from each document's
:class:`~encoder.edition.DocMeta` (read once by the build), never by reading files again.

CSV is UTF-8 without a byte-order mark, comma-separated, every field quoted when needed
(``csv`` module, RFC 4180 style); several values in one cell (two senders, three
markings) are joined with ``"; "``; a sub-chapter is named with its parents
(``Part I / Chapter 2``). The JSON files hold the same rows, with lists kept as
lists, so a script never splits a cell.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..edition import Edition, Entry, Party
from ..files import atomic_write
from ..geonames import resolve
from . import Context

NAME = "tables"
SUMMARY = "documents.csv/.json, persons.csv/.json, places.csv/.json: metadata tables"

DOCUMENT_COLUMNS = (
    "key",
    "xml_id",
    "number",
    "title",
    "chapter",
    "sender",
    "recipient",
    "place",
    "place_geonames",
    "date",
    "date_min",
    "date_max",
    "date_text",
    "type",
    "subtype",
    "markings",
    "pages",
    "file",
    "html",
    "source_file",
)
PERSON_COLUMNS = ("id", "name", "description", "documents", "document_keys")
PLACE_COLUMNS = (
    "place",
    "geonames_id",
    "geonames_uri",
    "name",
    "country",
    "latitude",
    "longitude",
    "documents",
    "document_keys",
)
JOIN = "; "


def _names(parties: list[Party]) -> list[str]:
    return [p.name for p in parties]


def _markings(markings: dict[str, list[str]]) -> list[str]:
    """``classification: secret`` etc., in the order the document gives them."""
    return [f"{kind}: {term}" for kind, terms in markings.items() for term in terms]


def document_row(entry: Entry) -> dict[str, Any]:
    """One document as a JSON-ready dict (lists stay lists)."""
    meta = entry.meta
    place = resolve(meta.place) if meta.place else None
    return {
        "key": entry.key,
        "xml_id": meta.xml_id,
        "number": meta.number,
        "title": meta.title,
        "chapter": " / ".join(c.title for c in entry.chapter.trail if c.title) if entry.chapter else "",
        "sender": _names(meta.senders),
        "recipient": _names(meta.recipients),
        "place": meta.place,
        "place_geonames": place.uri if place else "",
        "date": meta.date_when,
        "date_min": meta.date_min,
        "date_max": meta.date_max,
        "date_text": meta.date_text,
        "type": meta.doc_type,
        "subtype": meta.subtype,
        "markings": _markings(meta.markings),
        "pages": meta.pages,
        "file": entry.tei_path,
        "html": f"html/{entry.page}" if entry.page else "",
        "source_file": entry.source_file,
    }


def person_rows(edition: Edition) -> list[dict[str, Any]]:
    """The persons list, each with the documents that link a name to it."""
    cited: dict[str, list[str]] = {}
    for entry in edition.documents:
        refs = {p.ref for p in (*entry.meta.persons, *entry.meta.senders, *entry.meta.recipients) if p.ref}
        for ref in refs:
            cited.setdefault(ref.lstrip("#"), []).append(entry.key)
    return [
        {
            "id": person.id,
            "name": person.name,
            "description": person.description,
            "documents": len(cited.get(person.id, [])),
            "document_keys": cited.get(person.id, []),
        }
        for person in edition.persons
    ]


def place_rows(edition: Edition) -> list[dict[str, Any]]:
    """Every dateline place as written, with its GeoNames id where one is certain."""
    seen: dict[str, list[str]] = {}
    for entry in edition.documents:
        if entry.meta.place:
            seen.setdefault(entry.meta.place, []).append(entry.key)
    rows = []
    for text, keys in seen.items():
        place = resolve(text)
        rows.append(
            {
                "place": text,
                "geonames_id": place.geonames_id if place else None,
                "geonames_uri": place.uri if place else "",
                "name": place.name if place else "",
                "country": place.country if place else "",
                "latitude": place.latitude if place else None,
                "longitude": place.longitude if place else None,
                "documents": len(keys),
                "document_keys": keys,
            }
        )
    return rows


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    """Rows as CSV bytes; lists joined with ``"; "``, None as an empty cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            if isinstance(value, list):
                value = JOIN.join(str(v) for v in value)
            cells.append("" if value is None else value)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def to_json(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    tables = {
        "documents": ([document_row(e) for e in edition.documents], DOCUMENT_COLUMNS),
        "persons": (person_rows(edition), PERSON_COLUMNS),
        "places": (place_rows(edition), PLACE_COLUMNS),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, (rows, columns) in tables.items():
        for suffix, data in ((".csv", to_csv(rows, columns)), (".json", to_json(rows))):
            target = out_dir / f"{name}{suffix}"
            atomic_write(target, data)
            written.append(target)
    return written
