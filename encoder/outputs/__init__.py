"""The outputs registry: one module per output, each writing its files from the edition.

Every output is a module of this package with three names:

* ``NAME`` — what ``--outputs`` and ``render`` call it (``html``, ``print``, ``cmif``…);
* ``SUMMARY`` — one line for ``--help`` and the README;
* ``write(edition, out_dir, context) -> list[Path]`` — writes under ``out_dir`` and
  returns every file written. It reads only the :class:`~encoder.edition.Edition`
  (each document already loaded once) and never the inputs.

Adding an output is adding a module and a line to :data:`_MODULES`; ``build``, ``render``
and the CLI's choices read the registry. Modules are imported only when their output
runs, so ``--help`` never pays for Saxon or a typesetter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import Diagnostic, EncoderError

if TYPE_CHECKING:
    from ..edition import Edition

_MODULES: dict[str, str] = {
    "tei": "encoder.outputs.teiedition",
    "html": "encoder.outputs.html",
    "print": "encoder.outputs.print",
    "tei-p5": "encoder.outputs.teip5",
    "cmif": "encoder.outputs.cmif",
    "dts": "encoder.outputs.dts",
    "tables": "encoder.outputs.tables",
    "bagit": "encoder.outputs.bagit",
}
"""Output name → module, in the order a build runs them (the edition TEI first, the bag last)."""


@dataclass(slots=True)
class Context:
    """What an output may need beyond the edition: where to report, and the run's options."""

    warnings: list[Diagnostic] = field(default_factory=list)
    """Warnings an output raises; they land in ``report.json`` and on stderr."""
    options: dict[str, str] = field(default_factory=dict)

    mapper: Callable[[Callable[[object], object], Iterable[object]], Iterator[object]] | None = None
    """Set by the build to run per-document work in its pool; None runs it here, in order."""

    def warn(self, message: str, file: str = "", code: str = "output", line: int | None = None) -> None:
        self.warnings.append(Diagnostic("warning", message, file, line, code))

    def map(self, func: Callable[[object], object], items: Iterable[object]) -> Iterator[object]:
        """``func`` over ``items``, results in order. Outputs send per-document work (one
        page, one export row) through here so that a build with ``--jobs N`` or a cluster
        spreads it; ``func`` must be a module-level function and its items picklable."""
        if self.mapper is None:
            return map(func, items)
        return self.mapper(func, items)


Writer = Callable[["Edition", Path, Context], list[Path]]


def reusable(func: Callable[[object], object]) -> Callable[[object], object]:
    """Mark a per-document function whose result depends only on its item (and the tool):
    a build may then reuse the result of the same call from its previous run instead of
    calling it again (see :mod:`encoder.memo`). Unmarked functions always run."""
    func.reusable = True  # type: ignore[attr-defined]
    return func


def names() -> list[str]:
    """Every registered output, in build order."""
    return list(_MODULES)


def summary(name: str) -> str:
    """The output's one-line ``SUMMARY``, from its module (imported for it)."""
    return str(module(name).SUMMARY)


def module(name: str) -> ModuleType:
    """The module of output ``name``; an unknown name is an :class:`EncoderError`."""
    try:
        path = _MODULES[name]
    except KeyError:
        known = ", ".join(_MODULES)
        raise EncoderError(f"unknown output '{name}': choose from {known}") from None
    return importlib.import_module(path)


def parse_selection(text: str | None) -> list[str]:
    """``"html,print"`` → the names in build order; None or ``all`` → every output."""
    if text is None or text.strip() in ("", "all"):
        return names()
    chosen = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(chosen - set(_MODULES))
    if unknown:
        known = ", ".join(_MODULES)
        raise EncoderError(f"unknown output {', '.join(map(repr, unknown))}: choose from {known}")
    return [n for n in _MODULES if n in chosen]


def write(name: str, edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    """Run one output. Its own errors propagate as :class:`EncoderError`."""
    writer: Writer = module(name).write
    return writer(edition, out_dir, context)


def register(name: str, module_path: str) -> None:
    """Add an output from outside the package (a plug-in, or a test)."""
    _MODULES[name] = module_path


__all__: Sequence[str] = (
    "Context",
    "module",
    "names",
    "parse_selection",
    "register",
    "reusable",
    "summary",
    "write",
)
