"""The project's exceptions and the one diagnostic type every stage reports with.

The library raises only :class:`EncoderError` subclasses and never prints; the CLI turns
them into one line ``Error: file:line: message`` and a non-zero exit (sqlite-utils' split).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about one input, always able to say where it is."""

    severity: str
    """``error`` or ``warning``."""
    message: str
    """What is wrong, in one line, without the location."""
    file: str = ""
    """The input or TEI file the finding is about (as the user named it)."""
    line: int | None = None
    """1-based line in that file, when known."""
    code: str = ""
    """A stable identifier (a Schematron rule id, ``xsd``, ``parse.footnotes`` …)."""

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"


class EncoderError(Exception):
    """Base of every error the library raises on bad input or a failed stage."""

    def __init__(self, message: str, file: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = self.file
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(EncoderError):
    """An input could not be read or decoded (missing, binary, undecodable bytes)."""


class ParseError(EncoderError):
    """Text that cannot be made into any honest document (e.g. nothing but whitespace)."""


class ValidationError(EncoderError):
    """A schema or Schematron could not be loaded, or a document is invalid in strict use."""


class TransformError(EncoderError):
    """An XSLT stylesheet failed to compile or run, or the PDF could not be made."""


class UnsafeXMLError(EncoderError):
    """XML read from a user that is refused: DTDs, entities, external references, bombs."""
