"""The per-document work of a build as a pure function: input bytes in, TEI bytes out.

:func:`encode_task` takes a :class:`Task` (the input's bytes, its output stem, the persons
and terms lists) and returns a :class:`Done` (each document's TEI bytes, its
:class:`~encoder.edition.DocMeta`, its validity, and the input's report entry). It reads
no file and writes none, so the same call runs in this process, in a local process pool
or on a Dask worker on another machine; the driver reads the inputs and writes the
results (:mod:`encoder.build`).

Each document is parsed once (from text), built once as a tree, serialized once and
validated once: the tree itself is validated, and only a document with findings is
re-parsed from its bytes so that findings name lines of the file as written
(:meth:`~encoder.validate.Validator.validate_built`).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import reader
from .edition import DocMeta, Person, Term
from .errors import Diagnostic, EncoderError, InputError
from .report import InputResult, OutputFile


@dataclass(slots=True)
class Task:
    """One input to encode. Picklable; holds everything the work needs."""

    input: str
    """The input as the user named it (every message names it)."""
    data: bytes
    stem: str
    stem_warning: str | None = None
    persons: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    unreadable: tuple[str, str] | None = None
    """``(message, code)`` when the driver could not read the input: the task only reports."""


@dataclass(slots=True)
class DocOut:
    """One document of an input: its TEI file's name and bytes, and what outputs need of it."""

    name: str
    data: bytes
    meta: DocMeta
    valid: bool


@dataclass(slots=True)
class Done:
    """What one input produced: its report entry and its documents, in order."""

    result: InputResult
    documents: list[DocOut] = field(default_factory=list)


def read_input(path: Path) -> bytes:
    """The bytes of one input file; a folder, FIFO, device, symlink loop or unreadable file
    is an :class:`InputError` naming it (a FIFO is never opened, so it cannot block)."""
    check_regular(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None


def check_regular(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` is a regular file of a readable size."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:  # ELOOP for a symlink loop, EACCES, …
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a text file", name)
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
        raise InputError(f"not a regular file ({kind}): skipped", name)
    limit = reader.MAX_INPUT_BYTES
    if st.st_size > limit:
        raise InputError(f"file is {st.st_size} bytes, more than the limit of {limit} bytes", name)


def warm_up() -> None:
    """Compile the schemas and load the parser once per worker process (pool initializer)."""
    from . import parser  # noqa: F401  (imports its rule tables)
    from .validate import get_validator

    get_validator()


_PERSON_INDEX: tuple[int, object] | None = None


def _person_index(persons: list[Person]) -> object:
    """The persons index, built once per process for a given list (tasks share the list)."""
    global _PERSON_INDEX
    from .glossary import PersonIndex

    key = hash(tuple((p.id, p.name) for p in persons))
    if _PERSON_INDEX is None or _PERSON_INDEX[0] != key:
        _PERSON_INDEX = (key, PersonIndex(persons))
    return _PERSON_INDEX[1]


def encode_task(task: Task) -> Done:
    """Encode one input. Never raises: every failure is an error in the result."""
    result = InputResult(task.input)
    done = Done(result)
    if task.stem_warning:
        result.warnings.append(Diagnostic("warning", task.stem_warning, task.input, None, "output.name"))
    if task.unreadable is not None:
        result.fail(task.unreadable[0], code=task.unreadable[1])
        return done
    try:
        _encode(task, done)
    except EncoderError as exc:
        result.errors.append(diagnostic(exc, task.input))
    except Exception as exc:  # a bug must not cost the rest of the batch
        result.fail(f"internal error: {type(exc).__name__}: {exc}", code="internal")
    return done


def _encode(task: Task, done: Done) -> None:
    from .parser import parse_documents

    result = done.result
    decoded = reader.decode_bytes(task.data, task.input)
    result.encoding = decoded.encoding
    result.warnings.extend(decoded.warnings)
    if not decoded.text.strip():
        what = "is empty" if not decoded.text else "holds only whitespace"
        result.fail(f"the file {what}: nothing to encode", code="input.empty")
        return
    documents = parse_documents(decoded.text, source_name=task.input)
    result.documents = len(documents)
    persons = _person_index(task.persons) if task.persons else None
    for n, doc in enumerate(documents, start=1):
        doc.encoding = decoded.encoding  # recorded in the TEI header's provenance
        for found in doc.diagnostics:
            result.add(found)
        name = f"{task.stem}.xml" if len(documents) == 1 else f"{task.stem}.{n}.xml"
        label = f"document {doc.number or n}"
        try:
            done.documents.append(_document(doc, name, label, result, persons, task.terms))
        except EncoderError as exc:
            result.errors.append(diagnostic(exc, task.input, f"{label}: "))
        except Exception as exc:  # one document's failure must not hide its siblings
            result.fail(f"{label}: internal error: {type(exc).__name__}: {exc}", code="internal")


def _document(
    doc: object, name: str, label: str, result: InputResult, persons: object, terms: list[Term]
) -> DocOut:
    from .docmeta import read_meta
    from .glossary import link_document
    from .tei import serialize, to_tei
    from .validate import get_validator, has_errors

    tree = to_tei(doc)  # type: ignore[arg-type]
    for warning in link_document(tree.getroot(), persons, terms, result.input):  # type: ignore[arg-type]
        result.add(warning)
    data = serialize(tree)
    path = f"tei/{name}"
    try:
        findings = get_validator().validate_built(tree, data, path)
    except EncoderError as exc:
        findings = [diagnostic(exc, path, f"{label}: validation failed: ")]
    except Exception as exc:  # a crashing validator flags the file, it does not lose it
        message = f"{label}: validation crashed: {type(exc).__name__}: {exc}"
        findings = [Diagnostic("error", message, path, None, "internal")]
    for finding in findings:
        result.add(finding)
    valid = not has_errors(findings)
    meta = read_meta(tree.getroot())
    result.outputs.append(OutputFile(path, doc.xml_id, doc.number, valid))  # type: ignore[attr-defined]
    return DocOut(name, data, meta, valid)


def diagnostic(exc: EncoderError, fallback: str, prefix: str = "") -> Diagnostic:
    """An :class:`EncoderError` as an error finding (file defaults to ``fallback``)."""
    return Diagnostic("error", prefix + exc.message, exc.file or fallback, exc.line, type(exc).__name__)
