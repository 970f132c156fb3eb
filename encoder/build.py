"""A whole batch: inputs -> TEI -> validation -> HTML and PDF editions -> ``report.json``.

Library functions only: nothing here prints or exits. One bad input never stops a batch:
every failure of one input (unreadable, undecodable, unparsable, a TEI or validation stage
that breaks, even a bug) becomes an error entry for that input in the :class:`Report`, and
the batch goes on. Only misuse of the batch itself (an output folder that is a file)
raises :class:`EncoderError`.

The other stages are imported inside the functions that use them, so this module loads
(and ``--help`` answers) without paying for lxml schemas, Saxon or WeasyPrint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from . import outputs as registry
from .docmeta import read_meta
from .edition import Chapter, Edition, Entry, Term
from .errors import Diagnostic, EncoderError
from .files import atomic_write, ensure_inside, safe_stem
from .glossary import PersonIndex, link_document
from .layout import ChapterPlan, EditionPlan, plan_edition
from .model import Document
from .reader import read_text
from .report import InputResult, OutputFile, Report

Progress = Callable[[InputResult], None]
"""Called once per input as soon as it is done, so a CLI can report as it goes."""

TEXT_SUFFIXES = (".txt",)
EDITION_TEI = "edition.xml"


def collect_inputs(paths: Sequence[Path]) -> list[Path]:
    """Files as given, folders replaced by their ``.txt`` files (sorted, not recursive).

    A path that is missing, or a folder without ``.txt`` files, is kept as it is: reading
    it fails for that input alone and the failure lands in the report. The same file
    named twice is encoded once.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            texts = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".") and p.is_file()
            )
            found.extend(texts or [path])
        else:
            found.append(path)
    return _unique(found)


def collect_tei(paths: Sequence[Path]) -> list[Path]:
    """XML files as given; a folder gives its ``*.xml`` files, or those of its ``tei/``.

    ``telegram-tei validate output`` thus checks ``output/tei/*.xml``. Missing paths are
    kept so that reading them reports the problem.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob("*.xml")) or sorted((path / "tei").glob("*.xml"))
            files = [f for f in files if f.name != EDITION_TEI]  # the edition, not a document
            found.extend(files or [path])
        else:
            found.append(path)
    return _unique(found)


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def assign_stems(inputs: Sequence[Path]) -> list[tuple[str, str | None]]:
    """Output stem per input, and a warning when it had to be changed to stay unique.

    Stems compare without case (``A.txt`` and ``a.txt`` collide on macOS and Windows).
    The first input in order keeps its stem; later ones get ``-2``, ``-3`` … skipping any
    stem another input has of its own, so the result depends only on the input list.
    """
    natural = [safe_stem(p.name) for p in inputs]
    reserved = {s.casefold() for s in natural}
    taken: set[str] = set()
    out: list[tuple[str, str | None]] = []
    for stem in natural:
        chosen, warning = stem, None
        if stem.casefold() in taken:
            n = 2
            while f"{stem}-{n}".casefold() in taken | reserved:
                n += 1
            chosen = f"{stem}-{n}"
            warning = f"output name '{stem}' is used by another input; writing '{chosen}'"
        taken.add(chosen.casefold())
        out.append((chosen, warning))
    return out


def _prepare(out_dir: Path, *subdirs: str) -> None:
    for sub in ("", *subdirs):
        folder = out_dir / sub
        if folder.exists() and not folder.is_dir():
            raise EncoderError("the output folder is a file", str(folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EncoderError(f"cannot create: {exc.strerror or exc}", str(folder)) from None


def encode_inputs(inputs: Sequence[Path], out_dir: Path, *, progress: Progress | None = None) -> Report:
    """Encode loose inputs to ``out_dir/tei/`` (as one unnamed chapter); the report only."""
    report, _ = encode_edition(plan_edition(list(inputs)), out_dir, progress=progress)
    return report


def encode_edition(
    plan: EditionPlan, out_dir: Path, *, progress: Progress | None = None
) -> tuple[Report, Edition]:
    """Encode every file of ``plan`` to ``out_dir/tei/<stem>.xml`` and collect the edition.

    Every TEI file written is validated; a file with validation errors stays written and
    is flagged ``valid: false``. Each document is built once and kept in the edition for
    every output.
    """
    _prepare(out_dir, "tei")
    report = Report(str(out_dir))
    edition = Edition(plan.meta, persons=list(plan.persons), terms=list(plan.terms))
    edition.diagnostics.extend(plan.diagnostics)
    persons = PersonIndex(edition.persons) if edition.persons else None
    stems = dict(zip(plan.files(), assign_stems(plan.files()), strict=True))
    for chapter_plan in plan.chapters:
        edition.chapters.append(_chapter(chapter_plan, None))

    def run(chapter_plan: ChapterPlan, chapter: Chapter) -> None:
        for path in chapter_plan.files:
            stem, warning = stems[path]
            result = InputResult(str(path))
            if warning:
                result.warnings.append(Diagnostic("warning", warning, str(path), None, "output.name"))
            try:
                chapter.entries.extend(_encode_one(path, stem, out_dir, result, persons, edition.terms))
            except EncoderError as exc:
                result.errors.append(_diagnostic(exc, str(path)))
            except Exception as exc:  # a bug must not cost the rest of the batch
                result.fail(f"internal error: {type(exc).__name__}: {exc}", code="internal")
            report.inputs.append(result)
            if progress is not None:
                progress(result)
        for child_plan, child in zip(chapter_plan.children, chapter.children, strict=True):
            run(child_plan, child)

    for chapter_plan, chapter in zip(plan.chapters, edition.chapters, strict=True):
        run(chapter_plan, chapter)
    edition.finish()
    _link_references(edition, out_dir)
    report.warnings.extend(edition.diagnostics)
    return report, edition


def _link_references(edition: Edition, out_dir: Path) -> None:
    """Cross-references once the edition is known (:mod:`encoder.xrefs`); the per-document
    TEI files whose trees changed are written again, with pointers into other documents
    as ``other.xml#id`` so that each file stays valid on its own."""
    from .teixml import serialize
    from .xrefs import file_form, link_edition

    linked = link_edition(edition)
    for entry in linked.changed:
        if entry.tei_path:
            tree = file_form(entry, linked.ids).getroottree()
            atomic_write(out_dir / entry.tei_path, serialize(tree))


def _chapter(plan: ChapterPlan, parent: Chapter | None) -> Chapter:
    chapter = Chapter(plan.id, plan.title, parent=parent, source=plan.source)
    chapter.children = [_chapter(child, chapter) for child in plan.children]
    return chapter


def _encode_one(
    path: Path,
    stem: str,
    out_dir: Path,
    result: InputResult,
    persons: PersonIndex | None,
    terms: list[Term],
) -> list[Entry]:
    from .parser import parse_documents

    if path.is_dir():
        result.fail("the folder holds no .txt files", code="input.folder")
        return []
    decoded = read_text(path)
    result.encoding = decoded.encoding
    result.warnings.extend(decoded.warnings)
    if not decoded.text.strip():
        what = "is empty" if not decoded.text else "holds only whitespace"
        result.fail(f"the file {what}: nothing to encode", code="input.empty")
        return []
    documents = parse_documents(decoded.text, source_name=str(path))
    result.documents = len(documents)
    entries: list[Entry] = []
    for n, doc in enumerate(documents, start=1):
        doc.encoding = decoded.encoding  # recorded in the TEI header's provenance
        for diagnostic in doc.diagnostics:
            result.add(diagnostic)
        name = f"{stem}.xml" if len(documents) == 1 else f"{stem}.{n}.xml"
        label = f"document {doc.number or n}"
        try:
            entries.append(_write_document(doc, out_dir, name, label, result, persons, terms))
        except EncoderError as exc:
            result.errors.append(_diagnostic(exc, str(path), f"{label}: "))
        except Exception as exc:  # one document's failure must not hide its siblings
            result.fail(f"{label}: internal error: {type(exc).__name__}: {exc}", code="internal")
    return entries


def _write_document(
    doc: Document,
    out_dir: Path,
    name: str,
    label: str,
    result: InputResult,
    persons: PersonIndex | None,
    terms: list[Term],
) -> Entry:
    from .tei import serialize, to_tei
    from .validate import get_validator, has_errors

    tree = to_tei(doc)
    for warning in link_document(tree.getroot(), persons, terms, result.input):
        result.add(warning)
    data = serialize(tree)
    target = ensure_inside(out_dir / "tei", Path(name))
    atomic_write(target, data)
    shown = str(out_dir / "tei" / name)
    entry = OutputFile(f"tei/{name}", doc.xml_id, doc.number)
    try:
        # validate what was written, so that findings name lines of the file
        findings = get_validator().validate_bytes(data, shown)
    except EncoderError as exc:
        findings = [_diagnostic(exc, shown, f"{label}: validation failed: ")]
    except Exception as exc:  # a crashing validator flags the file, it does not lose it
        message = f"{label}: validation crashed: {type(exc).__name__}: {exc}"
        findings = [Diagnostic("error", message, shown, None, "internal")]
    for finding in findings:
        result.add(finding)
    entry.valid = not has_errors(findings)
    result.outputs.append(entry)
    root = tree.getroot()
    meta = read_meta(root)
    return Entry(meta.xml_id, meta, result.input, entry.path, root=root, valid=entry.valid)


def _diagnostic(exc: EncoderError, fallback: str, prefix: str = "") -> Diagnostic:
    code = type(exc).__name__
    return Diagnostic("error", prefix + exc.message, exc.file or fallback, exc.line, code)


def encode(inputs: Sequence[Path], out_dir: Path, *, progress: Progress | None = None) -> Report:
    """:func:`encode_inputs`, then ``out_dir/report.json``."""
    report = encode_inputs(inputs, out_dir, progress=progress)
    report.write(out_dir / "report.json")
    return report


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    progress: Progress | None = None,
    clean: bool = False,
    title: str | None = None,
    outputs: Sequence[str] | None = None,
) -> Report:
    """Encode, validate, then run every chosen output over the edition; write the report.

    ``inputs`` is one edition folder (see :mod:`encoder.layout`) or loose files and
    folders of ``.txt`` files. ``outputs`` names registered outputs (default: all). An
    output that fails is a batch error; the others still run. With ``clean`` (and only
    then) TEI and HTML files that no current input produced are removed, except the TEI
    of an input that failed this time (its last good version).
    """
    plan = plan_edition(list(inputs), title=title)
    report, edition = encode_edition(plan, out_dir, progress=progress)
    run_outputs(edition, out_dir, list(outputs) if outputs is not None else registry.names(), report)
    if clean:
        _clean(report, out_dir, plan.files())
    report.write(out_dir / "report.json")
    return report


def run_outputs(edition: Edition, out_dir: Path, names: Sequence[str], report: Report) -> None:
    """Run each output over ``edition``; a failing output becomes a batch error."""
    if not edition.documents:
        message = "no document to publish: editions skipped"
        report.warnings.append(Diagnostic("warning", message, str(out_dir), None, "render"))
        return
    for name in names:
        # "outputs" tells an output which others this build makes (the HTML links them)
        context = registry.Context(options={"outputs": ",".join(names)})
        try:
            written = registry.write(name, edition, out_dir, context)
        except EncoderError as exc:
            report.errors.append(_diagnostic(exc, str(out_dir), f"{name} output: "))
            continue
        except Exception as exc:
            message = f"{name} output: internal error: {type(exc).__name__}: {exc}"
            report.errors.append(Diagnostic("error", message, str(out_dir), None, "internal"))
            continue
        finally:
            report.warnings.extend(context.warnings)
        report.editions.extend(_relative(p, Path(report.out_dir)) for p in written)


def render_editions(
    kind: str, tei_files: Sequence[Path], out_dir: Path, *, title: str | None = None
) -> tuple[list[Path], list[Diagnostic]]:
    """Run output ``kind`` over TEI files already trusted: per-document files or one volume."""
    from .editiontei import load_edition

    _prepare(out_dir)
    registry.module(kind)  # an unknown output fails before any file is read
    edition = load_edition(tei_files, title=title)
    context = registry.Context()
    written = registry.write(kind, edition, out_dir, context)
    return written, [*edition.diagnostics, *context.warnings]


def _clean(report: Report, out_dir: Path, inputs: Sequence[Path]) -> None:
    written = {Path(o.path).name for r in report.inputs for o in r.outputs}
    written.add("edition.xml")
    stems = [stem for stem, _ in assign_stems(inputs)]
    failed = {s for s, r in zip(stems, report.inputs, strict=False) if r.errors and not r.outputs}
    # Stems hold no dots, so the part before the first dot names the input a file is of.
    stale = [
        p
        for p in (out_dir / "tei").glob("*.xml")
        if p.name not in written and p.name.split(".")[0] not in failed
    ]
    pages = {Path(p).name for p in report.editions if p.startswith("html/")}
    if pages:
        stale += [p for p in (out_dir / "html").glob("*.html") if p.name not in pages]
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()
            report.removed.append(_relative(path, out_dir))


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def check_tei(paths: Sequence[Path]) -> Iterator[tuple[Path, list[Diagnostic]]]:
    """Validate TEI files from users, one at a time, each read through :mod:`safexml`.

    A refused or unreadable file yields one error finding instead of stopping the run.
    """
    from .safexml import parse_user_xml

    for path in paths:
        try:
            tree = parse_user_xml(path)
            from .validate import get_validator  # after the safety check: refusals need none

            yield path, list(get_validator().validate_tree(tree, str(path)))
        except EncoderError as exc:
            yield path, [_diagnostic(exc, str(path))]
        except Exception as exc:  # a crashing validator costs one file, not the run
            message = f"validation crashed: {type(exc).__name__}: {exc}"
            yield path, [Diagnostic("error", message, str(path), None, "internal")]


def trusted_tei(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The files :mod:`safexml` accepts, and one error per file it refuses.

    ``render`` runs the stylesheets only over files that passed this check, so that Saxon
    never meets an entity bomb or an external DTD from a user's file.
    """
    from .safexml import parse_user_xml

    safe: list[Path] = []
    refused: list[Diagnostic] = []
    for path in paths:
        try:
            parse_user_xml(path)
        except EncoderError as exc:
            refused.append(_diagnostic(exc, str(path)))
        else:
            safe.append(path)
    return safe, refused
