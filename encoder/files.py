"""Writing results without losing or misplacing anything.

Three guarantees, each its own small function:

* output names come only from input *file names*, made safe by :func:`safe_stem`; text
  inside a document (a file number like ``761.94/7–2145``) never names a file;
* :func:`ensure_inside` refuses any path that would land outside the output folder;
* :func:`atomic_write` replaces a file in one step, so an interrupted run leaves either
  the old file or the new one, never half of one.

"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import EncoderError

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


class StorageError(EncoderError):
    """The output folder could not take a file (disk full, read-only, a file in the way)."""


def atomic_write(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    :func:`os.replace` swaps the file in whole, so an interrupted run or a full disk leaves
    the previous file or the new one, never half of one; on any failure the temporary file
    is removed and a :class:`StorageError` names ``path``. No fsync per file unless
    ``durable``: a build makes its whole batch durable with one sync before its commit
    point (:mod:`encoder.publish`); an fsync per file cost 0.3-3.4 ms a document.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StorageError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise StorageError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise
