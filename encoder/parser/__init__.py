"""The telegram parser: text -> :class:`~encoder.model.Document` objects.

``split`` cuts a file into documents; for each, the block rules (``preamble``, ``body``,
``notelist``) find the parts and the inline pass (``markers``, ``inline``, ``heading``)
fills them. The parser is forgiving: an unrecognised line becomes a paragraph; only text
with nothing in it raises :class:`~encoder.errors.ParseError`.
"""

from __future__ import annotations

import re

from ..errors import Diagnostic, ParseError
from ..model import Document
from .document import parse_document
from .lines import split_lines
from .split import split_documents

__all__ = ["parse_documents"]


_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML cannot hold; the reader drops them first, this guards direct callers."""


def parse_documents(text: str, source_name: str = "") -> list[Document]:
    """Every document in ``text``, in order; raise ParseError when there is none."""
    dropped = _ILLEGAL_RE.findall(text)
    if dropped:
        text = _ILLEGAL_RE.sub("", text)
    lines = split_lines(text)
    if not any(not ln.blank for ln in lines):
        raise ParseError("the input holds no text", source_name, 1)
    chunks = split_documents(lines)
    docs = [parse_document(chunk, source_name, i) for i, chunk in enumerate(chunks, 1)]
    if dropped:
        docs[0].diagnostics.insert(
            0,
            Diagnostic(
                "warning",
                f"dropped {len(dropped)} control character(s) XML cannot hold",
                source_name,
                None,
                "read.control",
            ),
        )
    return docs
