"""A whole batch: inputs -> TEI -> validation -> HTML and PDF editions -> ``report.json``.

Library functions only: nothing here prints or exits. One bad input never stops a batch:
every failure of one input (unreadable, undecodable, unparsable, a TEI or validation stage
that breaks, even a bug) becomes an error entry for that input in the :class:`Report`, and
the batch goes on. Only misuse of the batch itself (an output folder that is a file)
raises :class:`EncoderError`.

The other stages are imported inside the functions that use them, so this module loads
(and ``--help`` answers) without paying for lxml schemas, Saxon or Typst.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import outputs as registry
from .edition import Chapter, Edition
from .errors import Diagnostic, EncoderError
from .files import StorageError, atomic_write, safe_stem
from .layout import ChapterPlan, EditionPlan, plan_edition
from .manifest import (
    InputRecord,
    Manifest,
    input_digest,
    meta_from_dict,
    meta_to_dict,
    result_from_dict,
    result_to_dict,
    tool_fingerprint,
)
from .manifest import fingerprint as manifest_fingerprint
from .memo import Memo
from .pool import Pool, SerialPool, make_pool
from .publish import Outcome, OutputFolder
from .report import InputResult, Report
from .storedentry import StoredEntry, forget
from .worker import Done, Task, check_regular, encode_task, read_input
from .worker import diagnostic as _diagnostic

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
            # Not only regular files: a FIFO, a device, a loop or a folder named *.txt is
            # kept so that reading it names it in the report instead of skipping it silently.
            texts = sorted(
                p for p in _listing(path) if p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
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
        # a build folder holds cmif.xml beside tei/: its documents are those of tei/
        path = path / "tei" if (path / "tei").is_dir() else path
        if path.is_dir():
            files = _xml_files(path) or _xml_files(path / "tei")
            files = [f for f in files if f.name != EDITION_TEI]  # the edition, not a document
            found.extend(files or [path])
        else:
            found.append(path)
    return _unique(found)


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _xml_files(folder: Path) -> list[Path]:
    return sorted(p for p in _listing(folder) if p.suffix == ".xml")


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in paths:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: reading it reports the loop
            key = Path(os.path.abspath(path))
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


def encode_inputs(
    inputs: Sequence[Path], out_dir: Path, *, progress: Progress | None = None, jobs: int | None = 1
) -> Report:
    """Encode loose inputs to ``out_dir/tei/`` (as one unnamed chapter); the report only.

    Writes straight into ``out_dir`` with no manifest: :func:`build` and :func:`encode` are
    the safe entry points for a folder that holds an edition.
    """
    _prepare(out_dir, "tei")
    pool = make_pool(jobs, None, len(inputs))
    try:
        report, _, _ = _encode(plan_edition(list(inputs)), out_dir, out_dir, pool, Manifest(), progress)
    finally:
        pool.close()
    return report


def encode_edition(
    plan: EditionPlan,
    out_dir: Path,
    *,
    progress: Progress | None = None,
    pool: Pool | None = None,
) -> tuple[Report, Edition]:
    """Encode every file of ``plan`` to ``out_dir/tei/<stem>.xml`` and collect the edition.

    Every document is validated once; a file with validation errors stays written and is
    flagged ``valid: false``. The edition keeps each document's metadata; its tree is read
    back from its TEI file when an output asks (:class:`~encoder.storedentry.StoredEntry`).
    """
    _prepare(out_dir, "tei")
    report, edition, _ = _encode(plan, out_dir, out_dir, pool or SerialPool(), Manifest(), progress)
    return report, edition


@dataclass(slots=True)
class _Run:
    """What the encode stage leaves for the commit: files and manifest records."""

    staged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    records: dict[str, InputRecord] = field(default_factory=dict)
    storage_failed: bool = False


@dataclass(slots=True)
class _Item:
    path: Path
    key: str
    stem: str
    warning: str | None
    chapter: Chapter
    digest: str = ""
    reuse: InputRecord | None = None
    failure: Diagnostic | None = None


def _input_key(path: Path) -> str:
    """The manifest's name for an input: its absolute path (a loop cannot be resolved)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def _encode(
    plan: EditionPlan,
    target: Path,
    shown: Path,
    pool: Pool,
    previous: Manifest,
    progress: Progress | None,
) -> tuple[Report, Edition, _Run]:
    """Encode ``plan`` into ``target`` (the stage, or the folder itself); messages and
    reports name ``shown`` (the output folder as the user gave it)."""
    report = Report(str(shown))
    run = _Run()
    try:
        (target / "tei").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create: {exc.strerror or exc}", str(shown / "tei")) from None
    edition = Edition(plan.meta, persons=list(plan.persons), terms=list(plan.terms))
    edition.diagnostics.extend(plan.diagnostics)
    for chapter_plan in plan.chapters:
        edition.chapters.append(_chapter(chapter_plan, None))
    stems = dict(zip(plan.files(), assign_stems(plan.files()), strict=True))
    fingerprint = manifest_fingerprint(edition.persons, edition.terms)
    last_good = _last_good_index(previous)

    items: list[_Item] = []

    def walk(chapter_plan: ChapterPlan, chapter: Chapter) -> None:
        for path in chapter_plan.files:
            stem, warning = stems[path]
            items.append(_Item(path, _input_key(path), stem, warning, chapter))
        for child_plan, child in zip(chapter_plan.children, chapter.children, strict=True):
            walk(child_plan, child)

    for chapter_plan, chapter in zip(plan.chapters, edition.chapters, strict=True):
        walk(chapter_plan, chapter)

    # Pass 1: read and hash every input (nothing kept), decide what needs encoding.
    for item in items:
        if item.path.is_dir() and not item.path.name.lower().endswith(TEXT_SUFFIXES):
            item.failure = Diagnostic(
                "error", "the folder holds no .txt files", str(item.path), None, "input.folder"
            )
            continue
        try:
            data = read_input(item.path)
        except EncoderError as exc:
            item.failure = _diagnostic(exc, str(item.path))
            continue
        item.digest = input_digest(fingerprint, f"{item.path}\0{item.stem}\0{shown}", data)
        record = previous.inputs.get(item.key)
        if record is not None and record.digest == item.digest and _in_place(record, shown, previous):
            item.reuse = record

    def tasks() -> Iterator[Task]:
        # Pass 2: the bytes again (from the page cache), only for inputs to encode.
        for item in items:
            if item.failure is not None or item.reuse is not None:
                continue
            task = Task(str(item.path), b"", item.stem, item.warning, edition.persons, edition.terms)
            try:
                task.data = read_input(item.path)
            except EncoderError as exc:
                task.unreadable = (exc.message, type(exc).__name__)
            item.digest = input_digest(fingerprint, f"{item.path}\0{item.stem}\0{shown}", task.data)
            yield task

    results = pool.map(encode_task, tasks())
    for item in items:
        if item.failure is not None:
            result = InputResult(str(item.path))
            if item.warning:
                result.warnings.append(
                    Diagnostic("warning", item.warning, str(item.path), None, "output.name")
                )
            result.errors.append(item.failure)
            run.carried.extend(last_good.get(item.stem, []))
        elif item.reuse is not None:
            result = result_from_dict(item.reuse.result)
            for doc in item.reuse.documents:
                rel = f"tei/{doc['name']}"
                entry = StoredEntry(
                    "", meta_from_dict(doc["meta"]), result.input, rel, valid=doc["valid"], file=shown / rel
                )
                item.chapter.entries.append(entry)
                run.kept.append(rel)
            if result.errors and not result.outputs:  # failed the same way last time
                run.carried.extend(last_good.get(item.stem, []))
            run.records[item.key] = item.reuse
        else:
            done: Done = next(results)
            result = done.result
            _name_files(result, shown)
            documents: list[dict[str, object]] = []
            for doc in done.documents:
                rel = f"tei/{doc.name}"
                try:
                    atomic_write(target / rel, doc.data)
                except StorageError as exc:
                    run.storage_failed = True
                    result.errors.append(Diagnostic("error", exc.message, str(shown / rel), None, "publish"))
                    continue
                forget(target / rel)
                item.chapter.entries.append(
                    StoredEntry("", doc.meta, result.input, rel, valid=doc.valid, file=target / rel)
                )
                run.staged.append(rel)
                documents.append({"name": doc.name, "meta": meta_to_dict(doc.meta), "valid": doc.valid})
            if result.errors and not result.outputs:
                run.carried.extend(last_good.get(item.stem, []))
            run.records[item.key] = InputRecord(item.digest, item.stem, result_to_dict(result), documents)
        report.inputs.append(result)
        if progress is not None:
            progress(result)
    edition.finish()
    _link_references(edition, target, run)
    report.warnings.extend(edition.diagnostics)
    return report, edition, run


def _in_place(record: InputRecord, out_dir: Path, manifest: Manifest) -> bool:
    """The TEI files of an unchanged input are still there, as the tool wrote them (by size)."""
    for doc in record.documents:
        rel = f"tei/{doc['name']}"
        known = manifest.files.get(rel)
        try:
            size = (out_dir / rel).stat().st_size
        except OSError:
            return False
        if known is None or known.get("size") != size:
            return False
    return True


def _last_good_index(previous: Manifest) -> dict[str, list[str]]:
    """Stem → the TEI files its input wrote last time (kept when it fails now). Stems hold
    no dots, so the part before the first dot names the input a file is of."""
    index: dict[str, list[str]] = {}
    for rel in previous.files:
        if rel.startswith("tei/"):
            index.setdefault(rel[4:].split(".")[0], []).append(rel)
    return index


def _name_files(result: InputResult, out_dir: Path) -> None:
    """The worker names a document's findings ``tei/<name>``; the report names the file
    where it is published."""
    outputs = {o.path for o in result.outputs}

    def fix(found: list[Diagnostic]) -> list[Diagnostic]:
        return [replace(d, file=str(out_dir / d.file)) if d.file in outputs else d for d in found]

    result.warnings = fix(result.warnings)
    result.errors = fix(result.errors)


def _link_references(edition: Edition, target: Path, run: _Run) -> None:
    """Cross-references once the edition is known (:mod:`encoder.xrefs`); the per-document
    TEI files whose trees changed are written again, with pointers into other documents
    as ``other.xml#id`` so that each file stays valid on its own."""
    from .teixml import serialize
    from .xrefs import file_form, link_edition

    linked = link_edition(edition)
    for entry in linked.changed:
        if entry.tei_path:
            tree = file_form(entry, linked.ids).getroottree()
            try:
                atomic_write(target / entry.tei_path, serialize(tree))
            except StorageError:
                run.storage_failed = True
                continue
            if entry.tei_path in run.kept:  # an unchanged input whose links changed
                run.kept.remove(entry.tei_path)
                run.staged.append(entry.tei_path)


def _chapter(plan: ChapterPlan, parent: Chapter | None) -> Chapter:
    chapter = Chapter(plan.id, plan.title, parent=parent, source=plan.source)
    chapter.children = [_chapter(child, chapter) for child in plan.children]
    return chapter


def encode(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    progress: Progress | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
) -> Report:
    """Encode ``inputs`` into ``out_dir/tei/`` and write ``out_dir/report.json``: a
    :func:`build` with no edition outputs (same manifest, lock and commit)."""
    return build(inputs, out_dir, progress=progress, outputs=[], jobs=jobs, scheduler=scheduler, force=force)


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    progress: Progress | None = None,
    clean: bool = False,
    title: str | None = None,
    outputs: Sequence[str] | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
) -> Report:
    """Encode, validate, then run every chosen output over the edition; publish it whole.

    ``inputs`` is one edition folder (see :mod:`encoder.layout`) or loose files and
    folders of ``.txt`` files. ``outputs`` names registered outputs (default: all). An
    output that fails is a batch error; the others still run.

    Everything is made in a stage and published by :class:`~encoder.publish.OutputFolder`
    (lock, manifest, one commit): an input whose bytes, the tool and the persons/terms lists
    are unchanged is not encoded again, and a file whose bytes are unchanged is not
    rewritten. A file the tool did not write is never replaced unless ``force``. With
    ``clean`` the files the tool wrote for inputs that are gone are removed (never a file
    it did not write; the last good TEI of an input that fails now stays). When the stage
    could not be written (disk full) nothing is published and the previous edition stays.

    ``jobs``: worker processes (None: the cores available); ``scheduler``: the address of
    a ``dask.distributed`` scheduler to run the per-document work on instead.
    """
    names = list(outputs) if outputs is not None else registry.names()
    for name in names:
        registry.module(name)  # an unknown output fails before any work
    plan = plan_edition(list(inputs), title=title)
    with OutputFolder(out_dir) as folder:
        pool = make_pool(jobs, scheduler, len(plan.files()))
        try:
            report, edition, run = _encode(plan, folder.stage, out_dir, pool, folder.manifest, progress)
            report.warnings[:0] = folder.diagnostics
            memo = Memo(pool.map, folder.state / "cache", tool_fingerprint())
            if names:
                written = run_outputs(edition, folder.stage, names, report, mapper=memo.map)
                run.storage_failed |= written is None
        finally:
            pool.close()
        if run.storage_failed:
            message = "the output folder could not take the new edition: nothing was published, the previous edition is unchanged"
            report.errors.append(Diagnostic("error", message, str(out_dir), None, "publish"))
            return report
        with contextlib.suppress(OSError):  # DIR/tei/ exists after any run, even an empty one
            (out_dir / "tei").mkdir(exist_ok=True)
        staged = run.staged + [
            _relative(Path(report.out_dir) / p, Path(report.out_dir)) for p in report.editions
        ]

        def finish(outcome: Outcome) -> tuple[bytes, Manifest]:
            report.removed = outcome.removed
            report.errors.extend(outcome.errors)
            report.warnings.extend(outcome.warnings)
            report.published = {"written": len(outcome.written) + 1, "unchanged": len(outcome.unchanged)}
            return report.to_bytes(), Manifest(inputs=run.records)

        try:
            outcome = folder.commit(staged, run.kept, run.carried, clean=clean, force=force, finish=finish)
        except EncoderError as exc:
            report.errors.append(_diagnostic(exc, str(out_dir)))
            return report
        memo.prune()
        # errors found after the report was made (report.json itself in the way) are printed only
        report.errors.extend(d for d in outcome.errors if d not in report.errors)
    return report


def run_outputs(
    edition: Edition,
    out_dir: Path,
    names: Sequence[str],
    report: Report,
    *,
    mapper: Callable[..., Iterator[object]] | None = None,
) -> list[str] | None:
    """Run each output over ``edition``; a failing output becomes a batch error.

    Returns the files written (relative to ``out_dir``, also added to ``report.editions``),
    or None when an output could not write (a full or read-only disk): then nothing of this
    run may be published.
    """
    if not edition.documents:
        message = "no document to publish: editions skipped"
        report.warnings.append(Diagnostic("warning", message, report.out_dir, None, "render"))
        return []
    storage_failed = False
    written_all: list[str] = []
    for name in names:
        # "outputs" tells an output which others this build makes (the HTML links them)
        context = registry.Context(mapper=mapper, options={"outputs": ",".join(names)})
        try:
            written = registry.write(name, edition, out_dir, context)
        except StorageError as exc:
            storage_failed = True
            report.errors.append(_diagnostic(exc, report.out_dir, f"{name} output: "))
            continue
        except EncoderError as exc:
            report.errors.append(_diagnostic(exc, report.out_dir, f"{name} output: "))
            continue
        except OSError as exc:  # an output that wrote without atomic_write
            storage_failed = True
            message = f"{name} output: cannot write: {exc.strerror or exc}"
            report.errors.append(
                Diagnostic("error", message, str(exc.filename or report.out_dir), None, "publish")
            )
            continue
        except Exception as exc:
            message = f"{name} output: internal error: {type(exc).__name__}: {exc}"
            report.errors.append(Diagnostic("error", message, report.out_dir, None, "internal"))
            continue
        finally:
            report.warnings.extend(context.warnings)
        files = [_relative(p, out_dir) for p in written]
        report.editions.extend(files)
        written_all.extend(files)
    return None if storage_failed else written_all


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
            if not path.is_dir():
                check_regular(path)  # a FIFO would block the parse; a loop names itself
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
            if not path.is_dir():
                check_regular(path)
            parse_user_xml(path)
        except EncoderError as exc:
            refused.append(_diagnostic(exc, str(path)))
        else:
            safe.append(path)
    return safe, refused
