"""Running the XSLT 3.0 stylesheets in ``xslt/`` with saxonche (the only module that imports it).

Why it is shaped like this (TOOLCHAIN.md §2):

* one ``PySaxonProcessor`` per process: nodes and executables from different processors do
  not mix, and starting one costs more than a transform;
* each stylesheet is compiled once and cached by path; a transform then costs about a
  millisecond;
* parameters are passed by name as strings, cleared before every run so that one call's
  values never leak into the next;
* Saxon writes the code, line and template of a run-time error only to native fd 2, which
  ``contextlib.redirect_stderr`` cannot see, so fd 2 is redirected to a temporary file
  around each call and its text is put into the :class:`TransformError`.

A lock serialises calls: the cached executables hold parameter state and fd 2 is
process-wide. For parallel work use processes, each importing this module afresh.
"""

from __future__ import annotations

import locale
import os
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXsltExecutable

from .errors import TransformError
from .resources import xslt_dir

_LOCK = threading.RLock()
_PROCESSOR: PySaxonProcessor | None = None
_EXECUTABLES: dict[Path, PyXsltExecutable] = {}
_MAX_DETAIL_LINES = 8


def _processor() -> PySaxonProcessor:
    """The process's one Saxon processor, created on first use."""
    global _PROCESSOR
    if _PROCESSOR is None:
        # SaxonC's start-up calls setlocale(LC_ALL, ""): LC_COLLATE then turns from "C"
        # into e.g. C.UTF-8, which Python reads back by an alias (en_US.UTF-8) that may not
        # be installed; elementpath (inside xmlschema) then fails to restore it, keeps its
        # collation lock, and the next validation in this process hangs. Put it back.
        saved = locale.setlocale(locale.LC_ALL, None)
        _PROCESSOR = PySaxonProcessor(license=False)
        with suppress(locale.Error):
            locale.setlocale(locale.LC_ALL, saved)
    return _PROCESSOR


@contextmanager
def _native_stderr(sink: list[str]) -> Iterator[None]:
    """Send fd 2 to a temporary file for the duration; append what was written to ``sink``."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            sink.append(capture.read().decode("utf-8", "replace"))


def _details(message: str, captured: list[str]) -> str:
    """The Saxon message plus the first lines of what it wrote to fd 2 (code, line, template)."""
    lines = [line.strip() for line in "".join(captured).splitlines() if line.strip()]
    text = " ".join(message.split())
    head = text[:25]
    extra = [line for line in lines[:_MAX_DETAIL_LINES] if line not in text and head not in line]
    return "; ".join([text, *extra]) if extra else text


def stylesheet_path(relative: str) -> Path:
    """The absolute path of a stylesheet given relative to ``xslt/`` (``html/tei-to-html.xsl``)."""
    return (xslt_dir() / relative).resolve()


def compiled(stylesheet: Path) -> PyXsltExecutable:
    """The compiled stylesheet, compiling it on first use; compile errors name the file."""
    path = stylesheet.resolve()
    with _LOCK:
        executable = _EXECUTABLES.get(path)
        if executable is not None:
            return executable
        if not path.is_file():
            raise TransformError("stylesheet not found", str(path))
        captured: list[str] = []
        try:
            with _native_stderr(captured):
                xslt = _processor().new_xslt30_processor()
                executable = xslt.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise TransformError(
                f"stylesheet does not compile: {_details(str(exc), captured)}", str(path)
            ) from None
        if executable is None:  # older saxonche reports failure this way
            raise TransformError("stylesheet does not compile", str(path))
        _EXECUTABLES[path] = executable
        return executable


def transform(
    stylesheet: Path,
    xml_text: str,
    name: str,
    params: Mapping[str, str] | None = None,
) -> str:
    """Run ``stylesheet`` on the XML in ``xml_text`` and return the serialized result.

    ``name`` is the input file the XML came from; every error names it. ``params`` are
    global ``xsl:param`` values by name, always strings.
    """
    executable = compiled(stylesheet)
    with _LOCK:
        processor = _processor()
        captured: list[str] = []
        try:
            with _native_stderr(captured):
                executable.clear_parameters()
                for key, value in (params or {}).items():
                    executable.set_parameter(key, processor.make_string_value(value))
                node = processor.parse_xml(xml_text=xml_text)
                result = executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            raise TransformError(f"{stylesheet.name} failed: {_details(str(exc), captured)}", name) from None
        if result is None:
            raise TransformError(f"{stylesheet.name} produced no output", name)
        return result


def run_stylesheet(relative: str, xml_text: str, name: str, params: Mapping[str, str] | None = None) -> bytes:
    """Run the stylesheet at ``relative`` (to ``xslt/``) and return the result as UTF-8."""
    return transform(stylesheet_path(relative), xml_text, name, params).encode("utf-8")
