"""The print edition: the edition's TEI → Typst (XSLT 3.0) → one PDF/A-3b, PDF/UA-1 book.

One entry point, :func:`render_book`, which the outputs registry calls with the whole
edition as one TEI document (FRUS volume shape). The stylesheet ``print/tei-to-typst.xsl``
owns the mapping from TEI; ``print/book.typ`` owns the typography; :mod:`encoder.typeset`
compiles.

Bad documents do not cost the book. When Typst cannot set the book, each problem it reports
is traced back (by the line of the generated source) to the document whose markup is there:

* a character no bundled font has is replaced by its code point (``U+6F22``) in that
  document and reported as a warning naming the character and the document's input file;
* any other problem sets that document as plain text (its heading, then one paragraph per
  block, then its notes) and is reported as a warning;
* a problem Typst places inside the template (book.typ), as its PDF/UA check does for
  some tables, is traced to a document by halving the documents that call the template
  function at that line (a compile per halving; this case is rare);
* a problem outside every document (the edition's own header) is an error: no PDF.

A word too long for any line (:data:`MAX_WORD` characters) would run off the page without
an error, so such documents are found before typesetting and set as plain text too.

The PDF is written with :func:`encoder.outputs.atomic_write` only after it is whole, so a
failed run never leaves a partial PDF behind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import typeset
from .errors import Diagnostic, EncoderError, TransformError
from .files import atomic_write
from .safexml import parse_user_xml_bytes
from .transform import stylesheet_path, transform
from .typeset import Problem, TypesetError, compile_pdf

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PRINT_XSL = "print/tei-to-typst.xsl"
PDF_NAME = "edition.pdf"
TEI_ATTACHMENT = "edition.xml"
"""The name the edition's TEI has inside the PDF (a PDF/A-3 associated file)."""

MAX_WORD = 1000
"""Characters without a space that no page can hold even with break points every 24."""
MAX_ROUNDS = 12
"""Typesetting rounds at most: each sets one more document as plain text (or replaces
every missing glyph Typst named)."""

_DOC_LINE = re.compile(r"^// doc (.*)$")


@dataclass(frozen=True, slots=True)
class BookResult:
    """What :func:`render_book` wrote and what it had to report."""

    pdf: Path
    """``out_dir/edition.pdf``."""
    paths: list[Path]
    """Every file written (today only the PDF)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """Documents set as plain text, characters no font has, Typst's own warnings."""
    plain_documents: list[str] = field(default_factory=list)
    """xml:ids of the documents set as plain text."""


def _documents(root: etree._Element) -> list[etree._Element]:
    return root.xpath(
        "tei:text/tei:body//tei:div[@type='document'][not(ancestor::tei:div[@type='document'])]",
        namespaces={"tei": TEI_NS},
    )


def _long_words(root: etree._Element) -> dict[str, int]:
    """Documents holding a run of more than :data:`MAX_WORD` non-space characters."""
    found: dict[str, int] = {}
    pattern = re.compile(rf"\S{{{MAX_WORD + 1},}}")
    for div in _documents(root):
        longest = max((len(m) for t in div.itertext() for m in pattern.findall(t)), default=0)
        if longest:
            found[div.get(XML_ID, "")] = longest
    return found


def _doc_spans(source: str) -> list[tuple[int, int, str]]:
    """(first line, last line, xml:id) of every document in the generated source."""
    spans: list[tuple[int, int, str]] = []
    current: tuple[int, str] | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        match = _DOC_LINE.match(line)
        if match:
            current = (number, match[1])
        elif line == "// end" and current is not None:
            spans.append((current[0], number, current[1]))
            current = None
    return spans


def _doc_at(spans: list[tuple[int, int, str]], line: int | None) -> str | None:
    if line is None:
        return None
    for first, last, doc_id in spans:
        if first <= line <= last:
            return doc_id
    return None


def _substitute(source: str, glyphs: dict[str, set[str]]) -> str:
    """Replace each missing character by its code point inside the documents that hold it
    (key: the document's xml:id), or outside every document (key ``""``: the edition's
    title, front matter). ``U+6F22`` is safe in markup and in a string literal alike."""
    if not glyphs:
        return source
    lines = source.split("\n")
    spans = _doc_spans(source)
    inside: set[int] = set()
    for first, last, doc_id in spans:
        inside.update(range(first - 1, last))
        for char in glyphs.get(doc_id, ()):
            for k in range(first - 1, last):
                lines[k] = lines[k].replace(char, f"U+{ord(char):04X}")
    for char in glyphs.get("", ()):
        for k in range(len(lines)):
            if k not in inside:
                lines[k] = lines[k].replace(char, f"U+{ord(char):04X}")
    return "\n".join(lines)


def _template_function(line: int | None) -> str:
    """The template function (``#let name(…)`` in book.typ) that holds ``line``, or ''."""
    if line is None:
        return ""
    lines = typeset.template_path().read_text(encoding="utf-8").splitlines()
    for text in reversed(lines[: max(line, 0)]):
        match = re.match(r"#let ([A-Za-z][\w-]*)", text)
        if match:
            return match[1]
    return ""


def _same(problem: Problem, problems: Sequence[Problem]) -> bool:
    return any(p.file == problem.file and p.message == problem.message for p in problems)


def render_book(
    edition_tei: str,
    out_dir: Path,
    *,
    source_name: str,
    documents: Sequence[tuple[str, str]] = (),
) -> BookResult:
    """Typeset the edition ``edition_tei`` (one TEI document) as ``out_dir/edition.pdf``.

    ``source_name`` names the edition in errors. ``documents`` maps document xml:id → the
    input file it came from, so that every warning about a document names that file.
    Returns the written paths and the warnings; raises :class:`EncoderError` subclasses
    (and writes nothing) when the edition itself cannot be read or set.
    """
    files = dict(documents)
    data = edition_tei.encode("utf-8")
    tree = parse_user_xml_bytes(data, source_name)
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise TransformError("not a TEI P5 edition: the root element is not TEI", source_name)
    warnings: list[Diagnostic] = []

    def about(doc_id: str) -> str:
        return files.get(doc_id) or f"{source_name}#{doc_id}"

    plain: list[str] = []
    for doc_id, length in _long_words(root).items():
        plain.append(doc_id)
        message = f"a word of {length} characters cannot be set; document {doc_id} set as plain text"
        warnings.append(Diagnostic("warning", message, about(doc_id), code="print.plain"))

    glyphs: dict[str, set[str]] = {}
    stylesheet = stylesheet_path(PRINT_XSL)
    made: dict[tuple[str, ...], str] = {}  # the stylesheet's output per plain list

    def source_for(plain_ids: Sequence[str]) -> str:
        key = tuple(plain_ids)
        if key not in made:  # a round that only replaces glyphs needs no new transform
            params = {"plain-docs": " ".join(plain_ids), "attach": TEI_ATTACHMENT}
            made[key] = transform(stylesheet, edition_tei, source_name, params)
        return _substitute(made[key], glyphs)

    def compile_with(plain_ids: Sequence[str]) -> tuple[bytes, list[Problem]]:
        return compile_pdf(source_for(plain_ids), source_name, attachments={TEI_ATTACHMENT: data})

    def culprit(problem: Problem, source: str) -> str | None:
        """The document to blame for a problem Typst reports inside the template.

        The suspects are the documents that call the template function at that line;
        halves of them are set as plain text until the one whose markup causes the
        problem is left (a compile per halving, so only for this rare case).
        """
        name = _template_function(problem.line) if problem.file == Path(typeset.TEMPLATE).name else ""
        if not name:
            return None
        lines = source.split("\n")
        calls = (f"#{name}(", f"#{name}[")
        suspects = [
            doc_id
            for first, last, doc_id in _doc_spans(source)
            if doc_id not in plain and any(c in line for line in lines[first - 1 : last] for c in calls)
        ]
        while len(suspects) > 1:
            half = suspects[: len(suspects) // 2]
            try:
                compile_with([*plain, *half])
            except TypesetError as again:
                if _same(problem, again.problems):
                    suspects = suspects[len(suspects) // 2 :]
                    continue
            suspects = half
        return suspects[0] if suspects else None

    pdf: bytes | None = None
    for _ in range(MAX_ROUNDS):
        source = source_for(plain)
        try:
            pdf, typst_warnings = compile_with(plain)
        except TypesetError as exc:
            spans = _doc_spans(source)
            repaired = False
            for problem in exc.problems:
                doc_id = _doc_at(spans, problem.line) if problem.file == "main.typ" else None
                if problem.glyph:
                    key = doc_id or ""
                    for char in problem.glyph:
                        if char not in glyphs.setdefault(key, set()):
                            glyphs[key].add(char)
                            what = f"document {doc_id}" if doc_id else "the edition's own text"
                            message = (
                                f"no font has the character {char!r} (U+{ord(char):04X}) in {what}; "
                                f"it is printed as U+{ord(char):04X}"
                            )
                            where = about(doc_id) if doc_id else source_name
                            warnings.append(Diagnostic("warning", message, where, code="print.glyph"))
                            repaired = True
                    continue
                if doc_id is None:
                    doc_id = culprit(problem, source)
                    if doc_id is None:
                        raise
                if doc_id not in plain:
                    plain.append(doc_id)
                    message = f"document {doc_id} could not be set ({problem.message}); set as plain text"
                    warnings.append(Diagnostic("warning", message, about(doc_id), code="print.plain"))
                    repaired = True
                    break  # the source changed: the other problems are found again, or gone
            if not repaired:
                raise
            continue
        spans = _doc_spans(source)
        for problem in typst_warnings:
            doc_id = _doc_at(spans, problem.line) if problem.file == "main.typ" else None
            where = about(doc_id) if doc_id else source_name
            message = f"typesetting{f' document {doc_id}' if doc_id else ''}: {problem.message}"
            warnings.append(Diagnostic("warning", message, where, code="print.typst"))
        break
    if pdf is None:
        raise TransformError(f"the book could not be set after {MAX_ROUNDS} attempts", source_name)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EncoderError(f"cannot create the output folder: {exc.strerror or exc}", str(out_dir)) from None
    target = out_dir / PDF_NAME
    atomic_write(target, pdf)
    return BookResult(pdf=target, paths=[target], warnings=warnings, plain_documents=plain)
