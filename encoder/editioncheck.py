"""Checks of a whole build folder that no single TEI file can make.

``telegram-tei validate OUTPUT_DIR`` runs the per-file schema and Schematron checks on
``tei/*.xml`` and then these:

* references (code ``edition-ref``): every ``@corresp`` and every ``@target`` of ``ref``,
  ``ptr`` and ``gloss`` in a document that points with ``#id`` must reach an ``xml:id``
  of the same file or of the edition (``tei/edition.xml``: persons, terms, documents);
  one that names another file (``d12.xml#d12fn3``) must reach that file of ``tei/`` and
  the id in it (a pointer into another volume, ``frus1947v06#pg_150``, is outside the
  edition and not checked);
* ``cmif.xml`` (code ``cmif``) against the CMIF rules of the TEI Correspondence SIG
  (documentation-en.md and cmif.sch): header fields, licence, ``correspDesc`` with both
  actions, only ``persName``/``orgName``/``placeName``/``date`` in an action, dates as
  ``YYYY[-MM[-DD]]`` with a dating attribute, ``@source`` reaching the ``bibl``;
* ``dts/`` (code ``dts``) against DTS 1.0: the required properties of each response type
  and that every link a file gives (collections, navigation, documents) reaches a file;
* ``bag/`` (code ``bagit``), when the build made one, with the ``bagit`` validator.

Everything user-supplied is read through :mod:`encoder.safexml`; JSON with ``json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import Diagnostic, EncoderError
from .safexml import parse_user_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI_NS}


def _error(message: str, file: Path | str, line: int | None, code: str) -> Diagnostic:
    return Diagnostic("error", message, str(file), line, code)


def _ids(root: etree._Element) -> set[str]:
    return {e.get(XML_ID) for e in root.iter() if isinstance(e.tag, str) and e.get(XML_ID)}


# ---------------------------------------------------------------------- references


def _pointers(root: etree._Element) -> list[tuple[etree._Element, str, str]]:
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if element.get("corresp"):
            found.append((element, "corresp", element.get("corresp", "")))
        if local in ("ref", "ptr", "gloss") and element.get("target"):
            found.append((element, "target", element.get("target", "")))
    return found


def check_references(folder: Path) -> list[Diagnostic]:
    """Pointers of ``folder/tei/*.xml`` that reach nothing in the file or the edition."""
    tei = folder / "tei"
    files = sorted(p for p in tei.glob("*.xml") if p.name != "edition.xml")
    findings: list[Diagnostic] = []
    roots: dict[str, etree._Element] = {}
    for path in files:
        try:
            roots[path.name] = parse_user_xml(path).getroot()
        except EncoderError:
            continue  # the per-file check reports it
    edition_ids: set[str] = set()
    edition = tei / "edition.xml"
    if edition.is_file():
        try:
            edition_ids = _ids(parse_user_xml(edition).getroot())
        except EncoderError as exc:
            findings.append(_error(exc.message, edition, exc.line, "edition-ref"))
    else:  # loose documents: the edition is what they hold together
        for root in roots.values():
            edition_ids |= _ids(root)
    file_ids = {name: _ids(root) for name, root in roots.items()}
    for name, root in roots.items():
        for element, attr, value in _pointers(root):
            for token in value.split():
                if token.startswith(("http://", "https://", "urn:", "mailto:")):
                    continue
                target_file, _, ident = token.partition("#")
                if target_file and not target_file.endswith(".xml"):
                    continue  # another volume (frus1947v06#pg_150): outside the edition
                if target_file:
                    target = Path(target_file).name
                    if target not in file_ids:
                        where = "no such file in tei/"
                    elif ident and ident not in file_ids[target]:
                        where = f"no xml:id '{ident}' in {target}"
                    else:
                        continue
                elif ident in file_ids[name] or ident in edition_ids:
                    continue
                else:
                    where = "no such xml:id in the file or the edition"
                local = etree.QName(element).localname
                findings.append(
                    _error(
                        f'{local}/@{attr} "{token}" points nowhere: {where}',
                        tei / name,
                        element.sourceline,
                        "edition-ref",
                    )
                )
    return findings


# ---------------------------------------------------------------------- CMIF

CMIF_LICENCES = (
    "https://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
)
_CMIF_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
_ACTION_CHILDREN = {"persName", "orgName", "placeName", "date"}


def check_cmif(path: Path) -> list[Diagnostic]:
    """``path`` against the CMIF rules; one finding per broken rule and place."""
    try:
        root = parse_user_xml(path).getroot()
    except EncoderError as exc:
        return [_error(exc.message, path, exc.line, "cmif")]
    findings: list[Diagnostic] = []

    def need(xpath: str, what: str) -> list[etree._Element]:
        found = root.xpath(xpath, namespaces=NS)
        if not found:
            findings.append(_error(f"CMIF needs {what}", path, None, "cmif"))
        return found

    if root.tag != T + "TEI":
        return [_error("the root element is not TEI", path, root.sourceline, "cmif")]
    need("t:teiHeader/t:fileDesc/t:titleStmt/t:title[normalize-space()]", "titleStmt/title")
    need("t:teiHeader/t:fileDesc/t:titleStmt/t:editor[normalize-space()]", "titleStmt/editor")
    need(
        "t:teiHeader/t:fileDesc/t:publicationStmt/t:publisher[normalize-space()]", "publicationStmt/publisher"
    )
    for date in need("t:teiHeader/t:fileDesc/t:publicationStmt/t:date", "publicationStmt/date/@when"):
        if not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", date.get("when", "")
        ):
            findings.append(
                _error("publicationStmt/date/@when must be an xsd:dateTime", path, date.sourceline, "cmif")
            )
    for licence in need("t:teiHeader/t:fileDesc/t:publicationStmt/t:availability/t:licence", "a licence"):
        if licence.get("target", "").replace("http://", "https://") not in CMIF_LICENCES:
            findings.append(
                _error(
                    "licence/@target must be CC BY 4.0 or CC0 1.0 (correspSearch)",
                    path,
                    licence.sourceline,
                    "cmif",
                )
            )
    bibl_ids = set()
    for bibl in need("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl", "sourceDesc/bibl"):
        if bibl.get("type") not in ("print", "online"):
            findings.append(_error('bibl/@type must be "print" or "online"', path, bibl.sourceline, "cmif"))
        if bibl.get(XML_ID):
            bibl_ids.add(bibl.get(XML_ID))
    for desc in root.xpath("t:teiHeader/t:profileDesc/t:correspDesc", namespaces=NS):
        line = desc.sourceline
        if not (desc.get("ref") or desc.get("key")):
            findings.append(_error("correspDesc needs @ref (online) or @key (print)", path, line, "cmif"))
        source = desc.get("source", "")
        if source and source.lstrip("#") not in bibl_ids:
            findings.append(
                _error(f'correspDesc/@source "{source}" matches no bibl/@xml:id', path, line, "cmif")
            )
        types = [a.get("type") for a in desc.findall(T + "correspAction")]
        for kind in ("sent", "received"):
            if kind not in types:
                findings.append(_error(f'correspDesc has no correspAction type="{kind}"', path, line, "cmif"))
        for action in desc.findall(T + "correspAction"):
            if action.get("type") not in ("sent", "received"):
                findings.append(
                    _error("correspAction/@type must be sent or received", path, action.sourceline, "cmif")
                )
            if (action.text or "").strip() or any((c.tail or "").strip() for c in action):
                findings.append(
                    _error(
                        "correspAction holds text: only elements are allowed", path, action.sourceline, "cmif"
                    )
                )
            children = [etree.QName(c).localname for c in action if isinstance(c.tag, str)]
            for name in children:
                if name not in _ACTION_CHILDREN:
                    findings.append(
                        _error(f"correspAction may not hold {name}", path, action.sourceline, "cmif")
                    )
            if "persName" not in children and "orgName" not in children:
                findings.append(
                    _error(
                        "correspAction names nobody (persName, or orgName)", path, action.sourceline, "cmif"
                    )
                )
        for date in desc.iter(T + "date"):
            values = {a: date.get(a) for a in _DATE_ATTRS if date.get(a)}
            if not values:
                findings.append(
                    _error(
                        "date has no @when, @from, @to, @notBefore or @notAfter",
                        path,
                        date.sourceline,
                        "cmif",
                    )
                )
            for attr, value in values.items():
                if not _CMIF_DATE.fullmatch(value or ""):
                    message = f'date/@{attr} "{value}" is not YYYY, YYYY-MM or YYYY-MM-DD'
                    findings.append(_error(message, path, date.sourceline, "cmif"))
        for place in desc.iter(T + "placeName"):
            ref = place.get("ref", "")
            if ref and not re.fullmatch(r"https?://(sws\.|www\.)?geonames\.org/\d+/?", ref):
                findings.append(
                    _error(f'placeName/@ref "{ref}" is not a GeoNames URI', path, place.sourceline, "cmif")
                )
    return findings


# ---------------------------------------------------------------------- DTS

_REQUIRED = {
    "EntryPoint": ("@id", "dtsVersion", "collection", "navigation", "document"),
    "Collection": ("@id", "title", "totalParents", "totalChildren", "collection"),
    "Resource": ("@id", "title", "totalParents", "collection", "navigation", "document"),
    "Navigation": ("@id", "dtsVersion", "resource"),
    "CitableUnit": ("identifier", "level", "parent"),
}
_TEMPLATE = re.compile(r"\{[^}]*\}")


def _dts_object(obj: dict[str, Any], where: Path, top: bool) -> list[str]:
    problems = []
    kind = obj.get("@type")
    if kind not in _REQUIRED:
        return [f"unknown @type {kind!r}"]
    wanted = _REQUIRED[kind] + (("@context", "dtsVersion") if top else ())
    problems += [f"{kind} lacks {name}" for name in wanted if name not in obj]
    if top and obj.get("dtsVersion") != "1.0":
        problems.append('dtsVersion must be "1.0"')
    if kind == "Collection" and "member" in obj and obj.get("totalChildren") != len(obj["member"]):
        problems.append(f"totalChildren {obj.get('totalChildren')} but {len(obj['member'])} members")
    for member in obj.get("member", []) or []:
        if isinstance(member, dict):
            problems += _dts_object(member, where, False)
    if kind == "Navigation":
        resource = obj.get("resource")
        if isinstance(resource, dict):
            problems += [
                f"resource lacks {n}"
                for n in ("@id", "collection", "navigation", "document", "citationTrees")
                if n not in resource
            ]
        for unit in [obj.get("ref"), *(obj.get("member") or [])]:
            if isinstance(unit, dict):
                problems += _dts_object(unit, where, False)
    return problems


def check_dts(folder: Path) -> list[Diagnostic]:
    """``folder`` (a build's ``dts/``) against DTS 1.0 and its own links."""
    findings: list[Diagnostic] = []
    entry = folder / "index.json"
    if not entry.is_file():
        return [_error("no index.json (the DTS entry point)", folder, None, "dts")]
    try:
        root_url = json.loads(entry.read_text(encoding="utf-8"))["@id"]
    except (ValueError, KeyError, TypeError):
        return [_error("index.json is not a DTS entry point", entry, None, "dts")]

    def local(url: str) -> Path | None:
        url = _TEMPLATE.sub("", url)
        return folder / url[len(root_url) :] if url.startswith(root_url) else None

    for path in sorted(folder.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            findings.append(_error(f"not JSON: {exc}", path, None, "dts"))
            continue
        for problem in _dts_object(data, path, True):
            findings.append(_error(problem, path, None, "dts"))
        # Links with their template variables left undefined (RFC 6570: they vanish):
        # the resource's own files. Page units expand {/ref} with their identifier.
        links: list[str] = []
        if data.get("@type") != "EntryPoint":
            links.append(data.get("collection", ""))
        for item in [data, *(data.get("member", []) or [])]:
            if isinstance(item, dict) and item.get("@type") in ("Collection", "Resource"):
                links += [item.get("collection", ""), item.get("document", ""), item.get("navigation", "")]
        resource = data.get("resource") if data.get("@type") == "Navigation" else None
        if isinstance(resource, dict):
            for unit in [data.get("ref"), *(data.get("member") or [])]:
                if isinstance(unit, dict) and "identifier" in unit:
                    for key in ("navigation", "document"):
                        links.append(str(resource.get(key, "")).replace("{/ref}", f"/{unit['identifier']}"))
        for link in dict.fromkeys(filter(None, links)):
            target = local(link)
            if target is not None and not target.is_file():
                findings.append(_error(f"link {_TEMPLATE.sub('', link)} reaches no file", path, None, "dts"))
    for document in sorted((folder / "document").rglob("*.xml")):
        try:
            parse_user_xml(document)
        except EncoderError as exc:
            findings.append(_error(exc.message, document, exc.line, "dts"))
    return findings


def check_build_folder(folder: Path) -> list[Diagnostic]:
    """Every edition-level check that applies to the build folder ``folder``."""
    findings = check_references(folder)
    if (folder / "cmif.xml").is_file():
        findings += check_cmif(folder / "cmif.xml")
    if (folder / "dts").is_dir():
        findings += check_dts(folder / "dts")
    if (folder / "bag" / "bagit.txt").is_file():
        from .bag import validate_bag

        findings += [
            _error(problem, folder / "bag", None, "bagit") for problem in validate_bag(folder / "bag")
        ]
    return findings


def is_build_folder(path: Path) -> bool:
    return path.is_dir() and (path / "tei").is_dir()
