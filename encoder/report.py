"""What a batch did, per input and as a whole, written as ``report.json``.

The CLI prints from it and ``build`` returns it; nothing here prints.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import Diagnostic
from .files import atomic_write


@dataclass(slots=True)
class OutputFile:
    """One TEI file written for an input."""

    path: str
    """Relative to the output folder, with ``/`` separators (``tei/d580.xml``)."""
    xml_id: str = ""
    number: str | None = None
    """The document number as printed, when the text shows one."""
    valid: bool = True
    """False when validation reported an error: the file is written but flagged."""


@dataclass(slots=True)
class InputResult:
    """What happened to one input file."""

    input: str
    """The input as the user named it."""
    encoding: str | None = None
    documents: int = 0
    outputs: list[OutputFile] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, diagnostic: Diagnostic) -> None:
        """File ``diagnostic`` under errors or warnings by its severity."""
        (self.errors if diagnostic.severity == "error" else self.warnings).append(diagnostic)

    def fail(self, message: str, line: int | None = None, code: str = "") -> None:
        self.errors.append(Diagnostic("error", message, self.input, line, code))


@dataclass(slots=True)
class Report:
    """Everything a batch did, per input, plus what happened to the editions."""

    out_dir: str
    inputs: list[InputResult] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    """HTML and PDF files written, relative to the output folder."""
    removed: list[str] = field(default_factory=list)
    """Stale files removed by ``clean``, relative to the output folder."""
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    """Problems of the batch as a whole (an edition that could not be rendered)."""
    started: float = field(default_factory=time.time)
    published: dict[str, int] = field(default_factory=dict)
    """``written``/``unchanged`` file counts of the commit (files not rewritten keep their date)."""

    @property
    def failed(self) -> bool:
        """True when any input or the batch itself has an error (exit code 1)."""
        return bool(self.errors) or any(r.errors for r in self.inputs)

    def tei_files(self, *, valid_only: bool = False) -> list[Path]:
        """Paths of the TEI files written, under ``out_dir`` as it was given."""
        return [
            Path(self.out_dir) / o.path for r in self.inputs for o in r.outputs if o.valid or not valid_only
        ]

    def counts(self) -> dict[str, int]:
        return {
            "inputs": len(self.inputs),
            "failed_inputs": sum(1 for r in self.inputs if r.errors),
            "documents": sum(r.documents for r in self.inputs),
            "tei_files": sum(len(r.outputs) for r in self.inputs),
            "invalid_tei_files": sum(1 for r in self.inputs for o in r.outputs if not o.valid),
            "warnings": len(self.warnings) + sum(len(r.warnings) for r in self.inputs),
            "errors": len(self.errors) + sum(len(r.errors) for r in self.inputs),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": f"telegram-tei {__version__}",
            "output": self.out_dir,
            "seconds": round(time.time() - self.started, 3),
            "ok": not self.failed,
            "counts": self.counts(),
            "inputs": [asdict(r) for r in self.inputs],
            "editions": self.editions,
            "removed": self.removed,
            "published": self.published,
            "warnings": [asdict(d) for d in self.warnings],
            "errors": [asdict(d) for d in self.errors],
        }

    def to_bytes(self) -> bytes:
        """The report as UTF-8 JSON."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        # A file name that was not UTF-8 holds lone surrogates; backslashreplace writes them
        # as JSON ``\\udcXX`` escapes, so the report stays valid UTF-8 and valid JSON.
        return (text + "\n").encode("utf-8", "backslashreplace")

    def write(self, path: Path) -> None:
        """Write the report as UTF-8 JSON, atomically."""
        atomic_write(path, self.to_bytes())
