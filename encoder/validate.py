"""The ``validate`` stage: XSD 1.1 (``schemas/tei-telegram.xsd``) plus Schematron
(``schemas/telegram.sch``), reported as :class:`~encoder.errors.Diagnostic` lists.

Why two layers: the XSD says what may appear where and which values FRUS fixes; the
Schematron says what needs the whole document (ids unique, footnote ids prefixed with their
div's id, ``@rendition`` and ``#`` targets resolving, date ranges in order, FRUS's whitespace
rules). Each finding carries a stable ``code``: ``xsd`` for the schema, the rule's ``id``
for Schematron, ``xml`` for a file that cannot be parsed.

Why this Schematron engine: ``lxml.isoschematron`` (the ISO XSLT 1.0 skeleton run by
libxslt). Every rule of telegram.sch can be said in XPath 1.0: ISO shapes by mapping digits
to ``0``, date order by comparing digits as numbers where values are comparable, id lookups
through an ``xsl:key``. Measured on the golden TEI (one process, 2-core machine): compile
about 5 ms, about 0.7 ms per document. The alternative, a Schematron -> XSLT 3.0 compiler
run in saxonche, would buy XPath 3.1 at the cost of our own compiler to maintain, a 1.4x
slower run (TOOLCHAIN.md §5: 0.62 ms vs 0.44 ms for a comparable rule set) and Saxon's
fd-2-only error details; lxml is already a dependency and well kept.

Line numbers: xmlschema reports ``sourceline`` when given an lxml tree; SVRL locations
(XPath with ``local-name()`` steps) are evaluated back on the tree to reach the element's
``sourceline``. A tree built in memory has no lines: validate its serialization with
:meth:`Validator.validate_bytes` to get lines of the file as written.

The XSD check costs most: about 8 ms per document with xmlschema (pure Python; its walk of
the mixed-content choices dominates, so the choices list frequent elements first and the
asserts avoid regexes), and building the schema takes 0.3-0.5 s. Both are compiled once per
process (:func:`get_validator`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import xmlschema
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
_ATTRIBUTE_REASON = re.compile(r"^attribute (\S+?)='(.*?)':", re.DOTALL)
_WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})


class Validator:
    """Compiles XSD and Schematron once; validates any number of TEI trees."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or schemas_dir()
        xsd_path, sch_path = folder / XSD_FILE, folder / SCHEMATRON_FILE
        try:
            self._xsd = xmlschema.XMLSchema11(str(xsd_path))
        except (xmlschema.XMLSchemaException, OSError) as exc:
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
        root = tree.getroot()
        if root.tag != f"{{{TEI_NS}}}TEI":
            found = _pretty_names(str(root.tag))
            return [
                Diagnostic(
                    "error",
                    f"root element is {found}, not TEI in the TEI namespace",
                    filename,
                    root.sourceline,
                    "xsd",
                )
            ]
        found = list(self._xsd_diagnostics(tree, filename))
        found.extend(self._schematron_diagnostics(tree, filename))
        return sorted(found, key=lambda d: (d.line is None, d.line or 0))

    def validate_bytes(self, data: bytes, filename: str) -> list[Diagnostic]:
        """Validate serialized TEI (e.g. what the encoder is about to write), lines and all."""
        try:
            tree = parse_user_xml_bytes(data, filename)
        except EncoderError as exc:
            return [Diagnostic("error", exc.message, filename, exc.line, "xml")]
        return self.validate_tree(tree, filename)

    def validate_file(self, path: Path) -> list[Diagnostic]:
        """Validate a TEI file from a user; unreadable or unsafe XML is a finding, not a raise."""
        try:
            tree = parse_user_xml(path)
        except EncoderError as exc:
            return [Diagnostic("error", exc.message, str(path), exc.line, "xml")]
        return self.validate_tree(tree, str(path))

    # ------------------------------------------------------------------ XSD

    def _xsd_diagnostics(self, tree: etree._ElementTree, filename: str) -> Iterator[Diagnostic]:
        seen: set[tuple[int | None, str, str]] = set()
        for error in self._xsd.iter_errors(tree):
            message, key = self._xsd_message(error)
            # A value failing a union fails every member type: report it once.
            dedupe = (error.sourceline, error.path or "", key)
            if key and dedupe in seen:
                continue
            seen.add(dedupe)
            # xmlschema reports an unexpected child on its parent; point at the child.
            child = getattr(error, "invalid_child", None)
            line = getattr(child, "sourceline", None) or error.sourceline
            yield Diagnostic("error", message, filename, line, "xsd")

    def _xsd_message(self, error: xmlschema.XMLSchemaValidationError) -> tuple[str, str]:
        """One line: the reason (the schema's own wording where it documents one) + path."""
        reason = error.reason or str(error.message)
        documented = _documentation(error.validator)
        key = ""
        if documented and _is_assert(error.validator):
            reason = documented
        else:
            match = _ATTRIBUTE_REASON.match(reason)
            if match:
                name, value = match.groups()
                key = name
                hint = self._attribute_documentation(error.elem, name)
                if hint:
                    reason = f"attribute {name}='{value}': {hint}"
        where = f" (at {error.path})" if error.path else ""
        return _one_line(_pretty_names(reason)) + _pretty_names(where), key

    def _attribute_documentation(self, elem: object, name: str) -> str:
        """The xs:documentation of the attribute's simple type, when the schema gives one."""
        tag = getattr(elem, "tag", None)
        if not isinstance(tag, str):
            return ""
        declaration = self._xsd.maps.elements.get(tag)
        attributes = getattr(getattr(declaration, "type", None), "attributes", None)
        if attributes is None:
            return ""
        for attr_name, attribute in attributes.items():
            if attr_name is not None and (attr_name == name or _pretty_names(attr_name) == name):
                return _documentation(getattr(attribute, "type", None))
        return ""

    # ------------------------------------------------------------------ Schematron

    def _schematron_diagnostics(self, tree: etree._ElementTree, filename: str) -> Iterator[Diagnostic]:
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
            node = _locate(tree, finding.get("location") or "")
            line = node.sourceline if node is not None else None
            message = _one_line(text)
            if finding.get("id") == "id-unique" and node is not None:
                message += _other_uses(tree, node)
            if line is None and node is not None:
                message += f" (at {_short_path(node)})"
            yield Diagnostic(severity, message, filename, line, finding.get("id") or "schematron")


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


def _documentation(component: object) -> str:
    annotation = getattr(component, "annotation", None)
    docs = getattr(annotation, "documentation", None) or []
    return _one_line(" ".join(d.text or "" for d in docs))


def _is_assert(component: object) -> bool:
    return type(component).__name__.endswith("Assert")


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
