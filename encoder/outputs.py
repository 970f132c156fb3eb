"""Writing results without losing or misplacing anything.

Three guarantees, each its own small function:

* output names come only from input *file names*, made safe by :func:`safe_stem`; text
  inside a document (a file number like ``761.94/7–2145``) never names a file;
* :func:`ensure_inside` refuses any path that would land outside the output folder;
* :func:`atomic_write` replaces a file in one step, so an interrupted run leaves either
  the old file or the new one, never half of one.

:class:`Report` collects what happened to each input and is written as ``report.json``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import Diagnostic, EncoderError

MAX_STEM_BYTES = 100
"""Room for ``.<n>.xml``, a ``-2`` and the HTML names within the usual 255-byte limit."""

_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(10)] + [f"LPT{i}" for i in range(10)]
)
_UNSAFE = re.compile(r"[^\w-]+")
"""Anything but letters, digits, ``_`` and ``-``; the dot goes too (see :func:`safe_stem`)."""

_UMASK = os.umask(0)
os.umask(_UMASK)


def safe_stem(name: str) -> str:
    """The output stem for an input file called ``name``: a single, portable path segment.

    Directories and the last extension are removed (``a/b/c.txt`` -> ``c``); every run of
    characters other than letters, digits, ``_`` and ``-`` becomes one ``_``. Dots inside
    the stem become ``_`` too, so ``<stem>.<n>.xml`` of one input can never be another
    input's ``<stem>.xml``, and ``..`` cannot survive. Leading ``-``/``_`` are removed
    (a leading dash reads as an option), Windows device names get a ``_`` suffix, and
    long stems are cut to :data:`MAX_STEM_BYTES` UTF-8 bytes plus a hash of the full name,
    keeping distinct names distinct. An empty result is ``document``.
    """
    base = re.split(r"[/\\]", name)[-1]
    if "." in base.lstrip("."):
        base = base[: base.rfind(".")]
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)).strip("_-")
    stem = re.sub(r"_{2,}", "_", stem)
    if stem.upper() in _WINDOWS_RESERVED:
        stem += "_"
    encoded = stem.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cut = encoded[: MAX_STEM_BYTES - 9].decode("utf-8", "ignore").rstrip("_-")
        stem = f"{cut}-{digest}"
    return stem or "document"


def ensure_inside(base: Path, target: Path) -> Path:
    """Return ``target`` resolved, or raise :class:`EncoderError` if it leaves ``base``."""
    root = base.resolve()
    resolved = (root / target).resolve() if not target.is_absolute() else target.resolve()
    if resolved != root and not resolved.is_relative_to(root):
        raise EncoderError(f"refused to write outside the output folder {base}", str(target))
    return resolved


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk before :func:`os.replace` swaps it in, so a crash
    or a full disk leaves the previous file whole; on any failure the temporary file is
    removed and an :class:`EncoderError` names ``path``.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise EncoderError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise EncoderError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise


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
            "warnings": [asdict(d) for d in self.warnings],
            "errors": [asdict(d) for d in self.errors],
        }

    def write(self, path: Path) -> None:
        """Write the report as UTF-8 JSON, atomically."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        # A file name that was not UTF-8 holds lone surrogates; backslashreplace writes them
        # as JSON ``\\udcXX`` escapes, so the report stays valid UTF-8 and valid JSON.
        atomic_write(path, (text + "\n").encode("utf-8", "backslashreplace"))
