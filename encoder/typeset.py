"""Typst source → PDF bytes (the only module that imports ``typst``).

Why Typst (TOOLCHAIN.md §8): the ``typst`` wheel bundles the compiler and its fonts, needs
no system library, lays out a 1,000-document volume with footnotes at the page foot in
seconds, and writes PDF/A and tagged PDF/UA. The typography lives in ``xslt/print/book.typ``;
this module only compiles.

The book is compiled in a private temporary folder that holds the generated source, a copy
of the template and the files to attach, and Typst's root is that folder, so the source
can read nothing else on the machine. Only the fonts in the wheel are used (system fonts
are ignored), so a book sets the same on every machine.

Errors: Typst reports every problem with the file, line and column of the generated source.
:class:`TypesetError` keeps them as :class:`Problem` values so that :mod:`encoder.book` can
trace each one back to the document whose markup is on that line. A character no font has
is such an error under PDF/A (a PDF/A file may not show a missing glyph); its character is
read out of the message.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import typst

from .errors import TransformError
from .resources import xslt_dir

PDF_STANDARDS: tuple[str, ...] = ("a-3b", "ua-1")
"""PDF/A-3b (archival; unlike A-2b it may carry the edition's TEI as an associated file)
and PDF/UA-1 (tagged, accessible)."""

TEMPLATE = "print/book.typ"
"""The template, relative to ``xslt/``."""

MAIN = "main.typ"

_LOCATION = re.compile(r"┌─ (?P<file>[^\n]*?):(?P<line>\d+):(?P<column>\d+)")
_GLYPH = re.compile(r"the text `\"(?P<text>.+?)\"` could not be displayed with font")


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning Typst reported."""

    severity: str
    """``error`` or ``warning``."""
    message: str
    """Typst's message, one line."""
    file: str = ""
    """The file it is in (``main.typ`` for the generated source, ``book.typ`` …)."""
    line: int | None = None
    """1-based line in that file."""
    glyph: str = ""
    """The character no font could show, when that is the problem."""


class TypesetError(TransformError):
    """Typst could not set the book; ``problems`` says where (line of the generated source)."""

    def __init__(self, message: str, file: str = "", problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, file)
        self.problems = list(problems)


def template_path() -> Path:
    """The Typst template of the print edition."""
    return xslt_dir() / TEMPLATE


def _problems(text: str, severity: str) -> list[Problem]:
    """Every diagnostic in Typst's rendered report (blocks start with ``error:``/``warning:``)."""
    blocks = re.split(r"(?m)^(?=(?:error|warning): )", text)
    found = []
    for block in blocks:
        block = block.strip()
        if not block:
            continue
        first = block.splitlines()[0]
        kind = "warning" if first.startswith("warning:") else severity
        message = first.split(": ", 1)[1] if ": " in first else first
        where = _LOCATION.search(block)
        glyph = _GLYPH.search(message)
        found.append(
            Problem(
                severity=kind,
                message=message.strip(),
                file=Path(where["file"]).name if where else "",
                line=int(where["line"]) if where else None,
                glyph=glyph["text"] if glyph else "",
            )
        )
    return found


def _report(error: typst.TypstError) -> str:
    diagnostic = getattr(error, "diagnostic", None)
    return diagnostic if isinstance(diagnostic, str) and diagnostic.strip() else f"error: {error}"


def compile_pdf(
    source: str,
    name: str,
    *,
    attachments: Mapping[str, bytes] | None = None,
    standards: Sequence[str] = PDF_STANDARDS,
) -> tuple[bytes, list[Problem]]:
    """Compile Typst ``source`` (which imports ``book.typ``) and return (PDF bytes, warnings).

    Warnings are :class:`Problem` values with the line of the source they are about, so
    that the caller can name the document.

    ``name`` is the output the source is for; it names every error and warning.
    ``attachments`` are files (name → bytes) placed beside the source, for ``pdf.attach``.
    Raises :class:`TypesetError` listing Typst's problems when the book cannot be set.
    """
    with tempfile.TemporaryDirectory(prefix="telegram-tei-typst-") as tmp:
        folder = Path(tmp)
        (folder / MAIN).write_text(source, encoding="utf-8")
        shutil.copyfile(template_path(), folder / Path(TEMPLATE).name)
        for file_name, data in (attachments or {}).items():
            if Path(file_name).name != file_name or file_name in (MAIN, Path(TEMPLATE).name):
                raise TransformError(f"refused attachment name {file_name!r}", name)
            (folder / file_name).write_bytes(data)
        try:
            pdf, warnings = typst.compile_with_warnings(
                str(folder / MAIN),
                root=str(folder),
                font_paths=[],
                ignore_system_fonts=True,
                pdf_standards=list(standards),
                pdf_tags=True,
            )
        except typst.TypstError as exc:
            problems = _problems(_report(exc), "error")
            first = problems[0].message if problems else str(exc)
            raise TypesetError(f"Typst could not set the book: {first}", name, problems) from None
    if not isinstance(pdf, bytes) or not pdf.startswith(b"%PDF-"):
        raise TransformError("Typst produced no PDF", name)
    notes: list[Problem] = []
    for warning in warnings:
        rendered = getattr(warning, "diagnostic", None)
        if isinstance(rendered, str) and rendered.strip():
            notes.extend(_problems(rendered, "warning"))
        else:
            text = " ".join(str(getattr(warning, "message", "") or warning).split())
            notes.append(Problem("warning", text))
    return pdf, notes
