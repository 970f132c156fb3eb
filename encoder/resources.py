"""Finds the top-level ``schemas/`` and ``xslt/`` folders and the bundled samples.

They sit outside the package in the source tree; setup.cfg maps them into the installed
package as ``encoder._schemas`` and ``encoder._xslt``, so both a checkout and a
non-editable install resolve here.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _find(package: str, checkout_dir: str) -> Path:
    """The folder in a checkout (editable installs too), else the installed copy.

    ``encoder._schemas`` and ``encoder._xslt`` are data folders without ``__init__.py``:
    importlib sees them as namespace packages whose ``files()`` is a MultiplexedPath, so
    the installed folder is looked up beside this module first.
    """
    local = _ROOT / checkout_dir
    if local.is_dir() and (_ROOT / "encoder").is_dir():
        return local
    installed = Path(__file__).resolve().parent / package.rsplit(".", 1)[1]
    if installed.is_dir():
        return installed
    try:
        found = resources.files(package)
    except ModuleNotFoundError:  # pragma: no cover - broken install
        return local
    paths = getattr(found, "_paths", None)
    return Path(str(paths[0])) if paths else Path(str(found))


@cache
def schemas_dir() -> Path:
    """The folder holding ``tei-telegram.xsd`` and ``telegram.sch``."""
    return _find("encoder._schemas", "schemas")


@cache
def xslt_dir() -> Path:
    """The folder holding the ``html/`` and ``print/`` stylesheets."""
    return _find("encoder._xslt", "xslt")


@cache
def samples_dir() -> Path:
    """The bundled sample edition folder that ``telegram-tei build`` builds with no arguments."""
    return Path(str(resources.files("encoder.samples")))


def sample_files() -> list[Path]:
    """The bundled sample documents (``.txt`` in the chapter folders), sorted by name."""
    lists = {"persons.txt", "terms.txt"}
    return sorted((p for p in samples_dir().rglob("*.txt") if p.name not in lists), key=lambda p: p.name)
