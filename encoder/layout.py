"""An edition folder → what to build: metadata, chapters in order, persons and terms.

The layout (issue 8, README "Edition folders"):

* ``edition.toml`` (optional): title, subtitle, short_title, editors, publisher, place,
  date, licence, licence_url, identifier, base_url, language. Without it the folder's
  name is the title;
* sub-folders are chapters, in natural order of their names; a leading number and
  separator (``01 ``, ``01-``, ``1. ``) orders the chapter and is dropped from its title;
  nested sub-folders are sub-chapters; a chapter folder with its own ``edition.toml``
  takes its title from there (a shelf of volumes built as one edition);
* files at the top level form an unnamed first chapter;
* ``persons.txt`` and ``terms.txt`` (optional): the front-matter lists, one entry a line.

Nothing here reads a document: the plan says which files go where, and
:mod:`encoder.build` encodes them. Problems are warnings naming file, line and key; the
build goes on with defaults.
"""

from __future__ import annotations

import errno
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .edition import EditionMeta, clean_title, natural_key
from .errors import Diagnostic
from .glossary import read_persons, read_terms

EDITION_TOML = "edition.toml"
PERSONS_TXT = "persons.txt"
TERMS_TXT = "terms.txt"
TEXT_SUFFIXES = (".txt",)
_LISTS = {PERSONS_TXT, TERMS_TXT}
_NOT_CHAPTERS = {"__pycache__"}
"""Folders Python leaves beside an installed edition (the bundled samples are a package)."""

_STRING_KEYS = (
    "title",
    "subtitle",
    "short_title",
    "publisher",
    "place",
    "date",
    "licence",
    "licence_url",
    "identifier",
    "base_url",
    "language",
)
_ORDER_PREFIX = re.compile(r"^\s*\d+(?:\s*[.)_-]\s*|\s+)(?=\S)")


@dataclass(slots=True)
class ChapterPlan:
    """A chapter to build: its title, its files in natural order, its sub-chapters."""

    id: str
    title: str
    files: list[Path] = field(default_factory=list)
    children: list[ChapterPlan] = field(default_factory=list)
    source: str = ""


@dataclass(slots=True)
class EditionPlan:
    """Everything an edition folder (or a list of loose inputs) says before encoding."""

    meta: EditionMeta
    chapters: list[ChapterPlan]
    persons: list[Any] = field(default_factory=list)
    terms: list[Any] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    root: Path | None = None
    """The edition folder, when the input was one."""

    def files(self) -> list[Path]:
        """Every input file, in chapter order."""
        out: list[Path] = []

        def walk(chapter: ChapterPlan) -> None:
            out.extend(chapter.files)
            for child in chapter.children:
                walk(child)

        for chapter in self.chapters:
            walk(chapter)
        return out


def chapter_title(folder_name: str) -> str:
    """``01 The Potsdam Conference`` → ``The Potsdam Conference`` (the number only orders)."""
    stripped = _ORDER_PREFIX.sub("", folder_name, count=1).strip()
    return stripped or folder_name.strip()


def is_edition_folder(path: Path) -> bool:
    """A folder is an edition when it has ``edition.toml``, a persons/terms list, or
    sub-folders holding texts; a plain folder of ``.txt`` files is a batch, as before."""
    if not path.is_dir():
        return False
    if any((path / name).is_file() for name in (EDITION_TOML, *_LISTS)):
        return True
    return any(_subfolders(path))


def plan_edition(inputs: Sequence[Path], *, title: str | None = None) -> EditionPlan:
    """The plan for ``inputs``: one edition folder, or loose files and folders as one chapter."""
    if len(inputs) == 1 and is_edition_folder(inputs[0]):
        plan = _plan_folder(inputs[0])
    else:
        meta = EditionMeta()
        if len(inputs) == 1 and inputs[0].is_dir():
            meta.title = inputs[0].resolve().name or meta.title
        diagnostics: list[Diagnostic] = []
        files = _loose_files(inputs, diagnostics)
        plan = EditionPlan(meta, [ChapterPlan("ch1", "", files)], diagnostics=diagnostics)
    if title and clean_title(title):
        plan.meta.title = clean_title(title)
        plan.meta.title_given = True
    return plan


def _loose_files(inputs: Sequence[Path], diagnostics: list[Diagnostic]) -> list[Path]:
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            texts = _texts(path, diagnostics)
            found.extend(texts or [path])
        else:
            found.append(path)
    return found


def _plan_folder(root: Path) -> EditionPlan:
    diagnostics: list[Diagnostic] = []
    meta = read_edition_toml(root / EDITION_TOML, diagnostics) if (root / EDITION_TOML).is_file() else None
    if meta is None:
        meta = EditionMeta(title=root.resolve().name or EditionMeta().title)
    chapters: list[ChapterPlan] = []
    top = _texts(root, diagnostics)
    if top:
        chapters.append(ChapterPlan("ch0", "", top, source=str(root)))
    for n, sub in enumerate(_subfolders(root, diagnostics), start=1):
        chapters.append(_plan_chapter(sub, f"ch{n}", diagnostics))
    persons = read_persons(root / PERSONS_TXT, diagnostics) if (root / PERSONS_TXT).is_file() else []
    terms = read_terms(root / TERMS_TXT, diagnostics) if (root / TERMS_TXT).is_file() else []
    return EditionPlan(meta, chapters, persons, terms, diagnostics, root)


def _plan_chapter(folder: Path, chapter_id: str, diagnostics: list[Diagnostic]) -> ChapterPlan:
    title = chapter_title(folder.name)
    toml = folder / EDITION_TOML
    if toml.is_file():
        inner = read_edition_toml(toml, diagnostics)
        if inner is not None and inner.title_given:
            title = inner.title
    children = [
        _plan_chapter(sub, f"{chapter_id}-{n}", diagnostics)
        for n, sub in enumerate(_subfolders(folder, diagnostics), 1)
    ]
    return ChapterPlan(chapter_id, title, _texts(folder, diagnostics), children, str(folder))


def _entries(folder: Path, diagnostics: list[Diagnostic]) -> list[os.DirEntry[str]]:
    """The visible entries of ``folder`` in natural order; an unreadable folder is a warning."""
    try:
        with os.scandir(folder) as it:
            found = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: natural_key(e.name))
    except OSError as exc:
        message = f"cannot read the folder: {exc.strerror or exc}; its files are skipped"
        diagnostics.append(Diagnostic("warning", message, str(folder), None, "input.folder"))
        found = []
    return found


def _subfolders(folder: Path, diagnostics: list[Diagnostic] | None = None) -> list[Path]:
    """Sub-folders (chapters). A link that loops or leads nowhere is a warning, not a chapter.
    Other entries that are neither folders nor ``.txt`` (FIFOs, devices) are not inputs;
    those named ``.txt`` are inputs, and reading them reports what they are."""
    sink: list[Diagnostic] = diagnostics if diagnostics is not None else []
    out: list[Path] = []
    for entry in _entries(folder, sink):
        if entry.name.lower().endswith(TEXT_SUFFIXES) or entry.name in _NOT_CHAPTERS:
            continue
        try:
            if entry.is_dir():
                out.append(Path(entry.path))
            elif entry.is_symlink() and not os.path.exists(entry.path):
                try:
                    os.stat(entry.path)
                    why = "leads nowhere"
                except OSError as exc:
                    why = "loops" if exc.errno == errno.ELOOP else "leads nowhere"
                message = f"symbolic link that {why}: skipped"
                sink.append(Diagnostic("warning", message, entry.path, None, "input.link"))
        except OSError as exc:
            sink.append(Diagnostic("warning", f"{_why(exc)}: skipped", entry.path, None, "input.link"))
    return out


def _why(exc: OSError) -> str:
    return "symbolic link that loops" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror}"


def _texts(folder: Path, diagnostics: list[Diagnostic] | None = None) -> list[Path]:
    """Every ``*.txt`` entry, whatever it is: a FIFO, a device, a loop or a folder named
    ``.txt`` stays an input so that reading it is an error naming it (never silence)."""
    sink: list[Diagnostic] = diagnostics if diagnostics is not None else []
    out: list[Path] = []
    for entry in _entries(folder, sink):
        if entry.name.lower().endswith(TEXT_SUFFIXES) and entry.name not in _LISTS:
            out.append(Path(entry.path))
    return out


# ------------------------------------------------------------------ edition.toml


def read_edition_toml(path: Path, diagnostics: list[Diagnostic]) -> EditionMeta | None:
    """Read ``edition.toml``; every problem is one warning naming file, line and key.

    A file that is not TOML gives ``None`` (the caller uses defaults); a key with a value
    of the wrong type, or an unknown key, is skipped with a warning.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.append(Diagnostic("warning", f"cannot read: {exc}", str(path), None, "edition.toml"))
        return None
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(str(exc))
        message = f"not valid TOML ({exc}); using defaults"
        diagnostics.append(Diagnostic("warning", message, str(path), line, "edition.toml"))
        return None
    meta = EditionMeta()
    for key, value in data.items():
        _apply_key(meta, key, value, path, text, diagnostics)
    if meta.base_url and not meta.base_url.endswith("/"):
        meta.base_url += "/"
    return meta


def _apply_key(
    meta: EditionMeta, key: str, value: Any, path: Path, text: str, diagnostics: list[Diagnostic]
) -> None:
    def warn(message: str) -> None:
        diagnostics.append(Diagnostic("warning", message, str(path), _key_line(text, key), "edition.toml"))

    if key == "editors":
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            meta.editors = [" ".join(v.split()) for v in value if v.strip()]
        else:
            warn("key 'editors' must be a list of names; ignored")
    elif key in _STRING_KEYS:
        if isinstance(value, str | int) and not isinstance(value, bool):
            setattr(meta, key, " ".join(str(value).split()))
            if key == "title" and meta.title:
                meta.title_given = True
        elif key == "date" and hasattr(value, "isoformat"):
            meta.date = value.isoformat()
        else:
            warn(f"key '{key}' must be a string; ignored")
    else:
        warn(f"unknown key '{key}'; ignored")


def _decode_error_line(message: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else None


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None
