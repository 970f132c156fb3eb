"""An output folder that a build never damages: lock, stage, commit, recover.

A build writes nothing into the edition while it works. Everything it makes goes into
``<out>/.telegram-tei/stage/`` (same relative paths); then :meth:`OutputFolder.commit`

1. compares each staged file with the manifest: a file whose bytes did not change is not
   rewritten (its date stays); a file in the way that the tool did not write (not in the
   manifest, or changed since) is left alone and reported, unless ``force``;
2. makes the staged data durable with **one** ``sync`` for a large batch (an fsync for
   each of a few changed files), then writes the **journal** (the list of moves and removals) with an fsync: this
   is the commit point;
3. moves the staged files into place (``os.replace``, atomic per file), the manifest last,
   removes what ``--clean`` removes, fsyncs the folders touched and deletes the journal.

A build that fails or is killed before the commit point leaves the published edition as it
was; the next run deletes the stage (and any ``.*.tmp`` left by an older writer). Killed
after it, the next run finishes the moves from the journal first. Either way an edition is
published whole or not at all.

One run at a time: :meth:`OutputFolder.open` takes an exclusive ``flock`` on
``.telegram-tei/lock``; a second run stops with a one-line error naming the process that
holds it (the lock dies with its process, so a killed run never leaves the folder locked).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, EncoderError
from .files import atomic_write
from .manifest import MANIFEST, STATE_DIR, Manifest, file_sha256, load

STAGE = "stage"
JOURNAL = "journal.json"
LOCK = "lock"
_LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
"""What :func:`encoder.files.atomic_write` names its temporary files (mkstemp's 8 letters)."""

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory lock, one run at a time is on the user
    fcntl = None  # type: ignore[assignment]


def _oserror(exc: OSError, path: Path | str, doing: str) -> EncoderError:
    return EncoderError(f"{doing}: {exc.strerror or exc}", str(path))


@dataclass(slots=True)
class Outcome:
    """What a commit did, for the report and the CLI."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


class OutputFolder:
    """The output folder of one build: locked while open, staged, committed once."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.state = out_dir / STATE_DIR
        self.stage = self.state / STAGE
        self._lock_fd: int | None = None
        self.manifest = Manifest()
        self.diagnostics: list[Diagnostic] = []

    # ------------------------------------------------------------------ open / close

    def __enter__(self) -> OutputFolder:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Create the folder, take the lock, finish or discard an interrupted run, stage."""
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise EncoderError("the output folder is a file", str(self.out_dir))
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _oserror(exc, self.out_dir, "cannot create the output folder") from None
        if self.state.exists() and not self.state.is_dir():
            raise EncoderError(f"{STATE_DIR} is a file, not telegram-tei's folder", str(self.state))
        try:
            self.state.mkdir(exist_ok=True)
        except OSError as exc:
            raise _oserror(exc, self.out_dir, "cannot write to the output folder") from None
        self._lock()
        try:
            self._recover()
            self.manifest, self.diagnostics = load(self.out_dir)
            try:
                self.stage.mkdir()
            except OSError as exc:
                raise _oserror(exc, self.stage, "cannot write to the output folder") from None
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        with contextlib.suppress(OSError):
            shutil.rmtree(self.stage)
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the flock
            self._lock_fd = None

    def _lock(self) -> None:
        path = self.state / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _oserror(exc, self.out_dir, "cannot write to the output folder") from None
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    who = f" (process {holder})" if holder.isdigit() else ""
                    raise EncoderError(
                        f"another telegram-tei run is writing to this folder{who}: try again when it ends",
                        str(self.out_dir),
                    ) from None
                raise _oserror(exc, path, "cannot lock the output folder") from None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._lock_fd = fd

    # ------------------------------------------------------------------ recovery

    def _recover(self) -> None:
        journal = self.state / JOURNAL
        if journal.exists():
            try:
                plan = json.loads(journal.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                plan = None  # written with fsync before any move: unreadable means never committed
            if plan is not None:
                self._apply(plan["moves"], plan["removes"])
            journal.unlink()
            _fsync_dir(self.state)
        if self.stage.exists():
            shutil.rmtree(self.stage)
        for folder in self._owned_folders():
            self._remove_leftovers(folder)

    def _owned_folders(self) -> list[Path]:
        folders = {self.out_dir}
        manifest, _ = load(self.out_dir)
        folders.update((self.out_dir / rel).parent for rel in manifest.files)
        with contextlib.suppress(OSError):
            folders.update(p for p in self.out_dir.iterdir() if p.is_dir() and not p.is_symlink())
        return sorted(folders)

    @staticmethod
    def _remove_leftovers(folder: Path) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if _LEFTOVER.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

    # ------------------------------------------------------------------ commit

    def staged(self, rel: str) -> Path:
        return self.stage / rel

    def commit(
        self,
        staged: Iterable[str],
        kept: Iterable[str],
        owned_still: Iterable[str],
        *,
        clean: bool,
        force: bool,
        finish: Callable[[Outcome], tuple[bytes, Manifest]],
    ) -> Outcome:
        """Publish the run.

        ``staged``: files written into the stage; ``kept``: files produced by this run that
        were already in place (unchanged inputs); ``owned_still``: files of the previous
        run that stay the tool's without being produced (the last good TEI of an input that
        failed now). With ``clean`` every other file of the old manifest is removed.
        ``finish`` gets the outcome and returns the report's bytes and the new manifest
        (without its own two files, added here).
        """
        old = self.manifest
        outcome = Outcome()
        files: dict[str, dict[str, object]] = {}
        moves: list[tuple[str, str]] = []
        produced: set[str] = set()
        for rel in staged:
            produced.add(rel)
            self._place(rel, old, force, files, moves, outcome)
        for rel in kept:
            produced.add(rel)
            if rel in old.files:
                files[rel] = old.files[rel]
        keep = set(owned_still)
        removes: list[str] = []
        for rel, record in sorted(old.files.items()):
            if rel in produced or rel in ("report.json",):
                continue
            target = self.out_dir / rel
            if not target.is_file():
                continue
            if clean and rel not in keep:
                if target.stat().st_size != record.get("size"):
                    message = "changed since telegram-tei wrote it: not removed"
                    outcome.warnings.append(Diagnostic("warning", message, str(target), None, "clean"))
                    files[rel] = record
                    continue
                removes.append(rel)
                outcome.removed.append(rel)
            else:
                files[rel] = record
        report_bytes, manifest = finish(outcome)
        manifest.files.update(files)
        for rel, data in (("report.json", report_bytes),):
            self._write_stage(rel, data)
            self._place(rel, old, force, manifest.files, moves, outcome)
        manifest_rel = f"{STATE_DIR}/{MANIFEST}"
        self._write_stage(manifest_rel, manifest.to_bytes())
        moves.append((manifest_rel, manifest_rel))
        self._publish(moves, removes)
        return outcome

    def _write_stage(self, rel: str, data: bytes) -> None:
        path = self.stage / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise _oserror(exc, self.out_dir / rel, "cannot write") from None

    def _place(
        self,
        rel: str,
        old: Manifest,
        force: bool,
        files: dict[str, dict[str, object]],
        moves: list[tuple[str, str]],
        outcome: Outcome,
    ) -> None:
        source = self.stage / rel
        target = self.out_dir / rel
        try:
            size = source.stat().st_size
            digest = file_sha256(source)
        except OSError as exc:
            outcome.errors.append(
                Diagnostic(
                    "error", f"cannot read the staged file: {exc.strerror}", str(target), None, "publish"
                )
            )
            return
        record = {"sha256": digest, "size": size}
        blocker = _blocking_file(self.out_dir, target)
        if blocker is not None:
            if any(d.file == str(blocker) for d in outcome.errors):
                return  # one line per file in the way, not one per file behind it
            message = "is a file where the edition needs a folder: not written"
            outcome.errors.append(Diagnostic("error", message, str(blocker), None, "publish.conflict"))
            return
        try:
            current = target.lstat()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            outcome.errors.append(
                Diagnostic("error", f"cannot check: {exc.strerror}", str(target), None, "publish")
            )
            return
        known = old.files.get(rel)
        if current is not None:
            if stat.S_ISDIR(current.st_mode):
                message = "is a folder where the edition writes a file: not written"
                outcome.errors.append(Diagnostic("error", message, str(target), None, "publish.conflict"))
                return
            if known is not None and known.get("sha256") == digest and current.st_size == size:
                files[rel] = record
                outcome.unchanged.append(rel)
                return
            if not force:
                theirs = known is None or not stat.S_ISREG(current.st_mode)
                if not theirs and (
                    current.st_size != known.get("size") or file_sha256(target) != known.get("sha256")
                ):
                    theirs = True
                if theirs:
                    why = (
                        "was not written by telegram-tei"
                        if known is None
                        else "was changed since telegram-tei wrote it"
                    )
                    message = f"{why}: left as it is (--force replaces it)"
                    outcome.errors.append(Diagnostic("error", message, str(target), None, "publish.conflict"))
                    return
        files[rel] = record
        moves.append((rel, rel))
        outcome.written.append(rel)

    def _publish(self, moves: list[tuple[str, str]], removes: list[str]) -> None:
        _make_durable([self.stage / source for source, _ in moves])
        journal = {"moves": moves, "removes": removes}
        atomic_write(self.state / JOURNAL, json.dumps(journal).encode("utf-8"), durable=True)
        _fsync_dir(self.state)
        self._apply(moves, removes)
        (self.state / JOURNAL).unlink()
        _fsync_dir(self.state)

    def _apply(self, moves: list[list[str]] | list[tuple[str, str]], removes: list[str]) -> None:
        touched: set[Path] = set()
        for source_rel, target_rel in moves:
            source, target = self.stage / source_rel, self.out_dir / target_rel
            if not source.exists():
                continue  # moved before the interruption
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
            except OSError as exc:
                raise _oserror(exc, target, "cannot publish") from None
            touched.add(target.parent)
        for rel in removes:
            target = self.out_dir / rel
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            touched.add(target.parent)
        for folder in touched:
            _fsync_dir(folder)


def _blocking_file(base: Path, target: Path) -> Path | None:
    """The first folder on the way from ``base`` to ``target`` that is a file, if any."""
    parts = target.relative_to(base).parts[:-1]
    node = base
    for part in parts:
        node = node / part
        try:
            mode = node.stat().st_mode
        except OSError:
            return None
        if not stat.S_ISDIR(mode):
            return node
    return None


SYNC_EACH_UP_TO = 64
"""Up to this many changed files, fsync each; more (a first build), one ``sync`` for all."""


def _make_durable(paths: list[Path]) -> None:
    """The staged files' data on disk before the journal says to move them: a rebuild that
    changed a few files fsyncs those; a large batch pays one ``sync`` instead of an fsync
    per file (0.3-3.4 ms each)."""
    if len(paths) > SYNC_EACH_UP_TO:
        os.sync()
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a folder's entries (renames, removals) durable; not every system can."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
