"""The ``validate`` stage: XSD 1.0 (``schemas/tei-telegram.xsd``) plus Schematron
(``schemas/telegram.sch``), reported as :class:`~encoder.errors.Diagnostic` lists.

Why two layers: the XSD says what may appear where and which values FRUS fixes; the
Schematron says what needs the whole document (ids unique, footnote ids prefixed with their
div's id, ``@rendition`` and ``#`` targets resolving, date ranges in order, FRUS's whitespace
rules) and, in its pattern ``xsd-asserts``, the eight co-occurrence rules XSD 1.0 cannot say
(they were ``xs:assert`` of an XSD 1.1 schema). Each finding carries a stable ``code``:
``xsd`` for the schema, the rule's ``id`` for Schematron, ``xml`` for a file that cannot be
parsed.

Why lxml for the XSD: libxml2 checks the schema in about 0.02 ms a document where the
pure-Python xmlschema (the only XSD 1.1 engine in reach) took 4.6 ms (TOOLCHAIN.md §3, §8);
the asserts cost 0.11 ms as XPath 1.0 Schematron. Nothing else needed XSD 1.1, so the 1.1
schema and the xmlschema dependency are gone.

Why this Schematron engine: ``lxml.isoschematron`` (the ISO XSLT 1.0 skeleton run by
libxslt). Every rule of telegram.sch can be said in XPath 1.0: ISO shapes by mapping digits
to ``0``, date order by comparing digits as numbers where values are comparable, id lookups
through an ``xsl:key``. Measured on the golden TEI (one process, 2-core machine): compile
about 5 ms, about 0.5 ms per document. The alternative, a Schematron -> XSLT 3.0 compiler
run in saxonche, would buy XPath 3.1 at the cost of our own compiler to maintain and a 1.4x
slower run (TOOLCHAIN.md §5).

Line numbers: both engines report the element's ``sourceline``. A tree built in memory has
no lines: :meth:`Validator.validate_built` checks the tree itself (no second parse) and,
only when something is found, re-parses the serialization once so that findings name lines
of the file as written. Both are compiled once per process (:func:`get_validator`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from lxml import etree, isoschematron

from .errors import Diagnostic, EncoderError, ValidationError
from .resources import schemas_dir
from .safexml import parse_user_xml, parse_user_xml_bytes

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XSD_FILE = "tei-telegram.xsd"
SCHEMATRON_FILE = "telegram.sch"

_PREFIXES = {TEI_NS: "", FRUS_NS: "frus:", "http://www.w3.org/XML/1998/namespace": "xml:"}
_CLARK = re.compile(r"\{([^}]*)\}")
_LXML_ELEMENT = re.compile(r"Element '([^']*)'")
"""libxml2 quotes element names; the message reads better with the bare (prefixed) name."""
_WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})


class Validator:
    """Compiles XSD and Schematron once; validates any number of TEI trees."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or schemas_dir()
        xsd_path, sch_path = folder / XSD_FILE, folder / SCHEMATRON_FILE
        try:
            self._xsd = etree.XMLSchema(etree.parse(str(xsd_path)))
        except (etree.LxmlError, OSError) as exc:
            raise ValidationError(f"cannot load the XSD: {_one_line(str(exc))}", str(xsd_path)) from None
        try:
            self._schematron = isoschematron.Schematron(etree.parse(str(sch_path)), store_report=True)
        except (etree.LxmlError, OSError) as exc:
            raise ValidationError(
                f"cannot load the Schematron: {_one_line(str(exc))}", str(sch_path)
            ) from None
        # lxml keeps the last SVRL report on the Schematron object: one run at a time.
        self._lock = threading.Lock()

    def validate_tree(self, tree: etree._ElementTree, filename: str) -> list[Diagnostic]:
        """All XSD and Schematron findings for one TEI tree, sorted by line."""
        return _finish(self._raw(tree), filename, tree)

    def validate_bytes(self, data: bytes, filename: str) -> list[Diagnostic]:
        """Validate serialized TEI (e.g. what the encoder is about to write), lines and all."""
        try:
            tree = parse_user_xml_bytes(data, filename)
        except EncoderError as exc:
            return [Diagnostic("error", exc.message, filename, exc.line, "xml")]
        return self.validate_tree(tree, filename)

    def validate_built(self, tree: etree._ElementTree, data: bytes, filename: str) -> list[Diagnostic]:
        """Validate a tree built in memory whose serialization is ``data``.

        The tree is checked as it is (no parse, one validation). Only when there are
        findings is ``data`` parsed, to find each finding's line in the written file: a
        finding's place is an XPath of positions, the same in both trees.
        """
        raw = self._raw(tree)
        if not raw:
            return []
        try:
            lines = parse_user_xml_bytes(data, filename)
        except EncoderError:
            lines = tree
        return _finish(raw, filename, lines)

    def validate_file(self, path: Path) -> list[Diagnostic]:
        """Validate a TEI file from a user; unreadable or unsafe XML is a finding, not a raise."""
        try:
            tree = parse_user_xml(path)
        except EncoderError as exc:
            return [Diagnostic("error", exc.message, str(path), exc.line, "xml")]
        return self.validate_tree(tree, str(path))

    def _raw(self, tree: etree._ElementTree) -> list[_Raw]:
        root = tree.getroot()
        if root.tag != f"{{{TEI_NS}}}TEI":
            found = _pretty_names(str(root.tag))
            return [_Raw("error", f"root element is {found}, not TEI in the TEI namespace", "xsd", "/*")]
        return [*self._xsd_findings(tree), *self._schematron_findings(tree)]

    # ------------------------------------------------------------------ XSD

    def _xsd_findings(self, tree: etree._ElementTree) -> Iterator[_Raw]:
        if self._xsd.validate(tree):
            return
        for error in self._xsd.error_log:
            message = _one_line(_pretty_names(_LXML_ELEMENT.sub(r"\1", error.message)))
            yield _Raw("error", message, "xsd", error.path or "")

    # ------------------------------------------------------------------ Schematron

    def _schematron_findings(self, tree: etree._ElementTree) -> Iterator[_Raw]:
        with self._lock:
            self._schematron.validate(tree)
            report = self._schematron.validation_report
        if report is None:  # pragma: no cover - store_report is always on
            return
        findings = report.getroot().iterchildren(
            f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"
        )
        for finding in findings:
            role = (finding.get("role") or "error").strip().lower()
            severity = "warning" if role in _WARNING_ROLES else "error"
            text = finding.findtext(f"{{{SVRL_NS}}}text") or ""
            code = finding.get("id") or "schematron"
            yield _Raw(severity, _one_line(text), code, finding.get("location") or "")


class _Raw(NamedTuple):
    """A finding before its line is known: where it is, as an XPath of positions."""

    severity: str
    message: str
    code: str
    where: str


def _finish(raw: list[_Raw], filename: str, tree: etree._ElementTree) -> list[Diagnostic]:
    """Findings with the line of their element in ``tree``; where the tree has no lines (built
    in memory), the element's path is added to the message instead."""
    found = []
    for finding in raw:
        node = _locate(tree, finding.where)
        line = node.sourceline if node is not None else None
        message = finding.message
        if finding.code == "id-unique" and node is not None:
            message += _other_uses(tree, node)
        if line is None and node is not None:
            message += f" (at {_short_path(node)})"
        found.append(Diagnostic(finding.severity, message, filename, line, finding.code))
    return sorted(found, key=lambda d: (d.line is None, d.line or 0))


# ---------------------------------------------------------------------- module API


@cache
def get_validator() -> Validator:
    """The process-wide validator (schemas compiled on first use)."""
    return Validator()


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    """True when any finding is an error (warnings alone leave a document valid)."""
    return any(d.severity == "error" for d in diags)


# ---------------------------------------------------------------------- helpers


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _pretty_names(text: str) -> str:
    """``{tei-ns}p`` -> ``p``, ``{frus-ns}attachment`` -> ``frus:attachment``."""
    return _CLARK.sub(lambda m: _PREFIXES.get(m.group(1), m.group(0)), text)


def _locate(tree: etree._ElementTree, location: str) -> etree._Element | None:
    """The element an SVRL location names (an attribute's location gives its element)."""
    if not location:
        return None
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found:
        return None
    node = found[0]
    if isinstance(node, etree._Element):
        return node
    parent = getattr(node, "getparent", None)
    return parent() if parent is not None else None


def _other_uses(tree: etree._ElementTree, node: etree._Element) -> str:
    """`` (also on lines 12, 40)``: where else a duplicated xml:id is used."""
    ident = node.get("{http://www.w3.org/XML/1998/namespace}id", "")
    others = [
        str(e.sourceline)
        for e in tree.iter()
        if e is not node
        and isinstance(e.tag, str)
        and e.get("{http://www.w3.org/XML/1998/namespace}id") == ident
        and e.sourceline is not None
    ]
    if not others:
        return ""
    return f" (also on line{'s' if len(others) > 1 else ''} {', '.join(others)})"


def _short_path(elem: etree._Element) -> str:
    steps = []
    node: etree._Element | None = elem
    while node is not None:
        name = _pretty_names(str(node.tag))
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))
