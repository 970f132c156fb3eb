"""An RFC 8493 BagIt bag of a build's output folder, for archives and repositories.

Why the ``bagit`` library (Library of Congress, ``bagit.py``): it is the reference
implementation archives check bags with (``bagit.py --validate``), it writes the
manifests, tag manifests, ``Payload-Oxum`` and ``Bagging-Date`` itself, and we would only
get those subtly wrong by hand.

``bagit.make_bag`` turns a folder into a bag *in place* (it moves the contents into
``data/``), so the output folder is first copied into a staging folder beside the bag's
destination; the staged bag is validated and only then renamed into place, so a failed
run never leaves a half-made bag where a good one was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .edition import EditionMeta
from .errors import EncoderError

CHECKSUMS = ("sha512",)


def bag_info(meta: EditionMeta) -> dict[str, str]:
    """The ``bag-info.txt`` fields we set (bagit adds Bagging-Date and Payload-Oxum)."""
    import bagit

    info = {
        "Source-Organization": meta.publisher or "telegram-tei",
        "Bag-Software-Agent": f"telegram-tei {__version__} (bagit.py {bagit.VERSION})",
        "External-Description": meta.title,
    }
    if meta.identifier:
        info["External-Identifier"] = meta.identifier
    if meta.base_url:
        info["External-Description"] = f"{meta.title} ({meta.base_url})"
    return info


def output_meta(output_dir: Path) -> EditionMeta:
    """The edition's metadata from a build folder's ``tei/edition.xml`` (header only)."""
    from .editiontei import _meta_from_header
    from .safexml import parse_user_xml

    edition_tei = output_dir / "tei" / "edition.xml"
    if not edition_tei.is_file():
        return EditionMeta()
    return _meta_from_header(parse_user_xml(edition_tei).getroot())


def _is_bag(folder: Path) -> bool:
    return (folder / "bagit.txt").is_file()


def make_bag(source: Path, bag_dir: Path, meta: EditionMeta, *, exclude: Iterable[Path] = ()) -> Path:
    """Bag everything under ``source`` (but ``exclude`` and ``bag_dir``) into ``bag_dir``.

    ``bag_dir`` may not be an existing folder that is not a bag (it would be replaced);
    an earlier bag there is replaced once the new one is valid.
    """
    import bagit

    source = source.resolve()
    bag_dir = bag_dir.resolve()
    if not source.is_dir():
        raise EncoderError("not a folder: nothing to package", str(source))
    if bag_dir == source or source.is_relative_to(bag_dir):
        raise EncoderError("the bag folder cannot be the output folder or hold it", str(bag_dir))
    if bag_dir.exists() and (not bag_dir.is_dir() or (any(bag_dir.iterdir()) and not _is_bag(bag_dir))):
        raise EncoderError("exists and is not a BagIt bag: refusing to replace it", str(bag_dir))
    skipped = {bag_dir, *(p.resolve() for p in exclude)}
    bag_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{bag_dir.name}.", dir=bag_dir.parent))
    try:
        for item in sorted(source.iterdir()):
            if item.resolve() in skipped or item.name.startswith(".") or _is_bag(item):
                continue  # never a bag inside the bag (the ``bagit`` output's bag/)
            if item.is_dir():
                shutil.copytree(item, staging / item.name, ignore=_ignore(skipped))
            else:
                shutil.copy2(item, staging / item.name)
        if not any(staging.iterdir()):
            raise EncoderError("the output folder holds nothing to package", str(source))
        try:
            bag = bagit.make_bag(str(staging), bag_info(meta), checksums=list(CHECKSUMS))
            bag.validate()
        except (bagit.BagError, OSError) as exc:
            raise EncoderError(f"cannot make the bag: {exc}", str(bag_dir)) from None
        if bag_dir.exists():
            shutil.rmtree(bag_dir)
        staging.rename(bag_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return bag_dir


def _ignore(skipped: set[Path]):  # type: ignore[no-untyped-def]
    def ignore(folder: str, names: list[str]) -> list[str]:
        base = Path(folder).resolve()
        return [n for n in names if (base / n) in skipped or n.startswith(".") or _is_bag(base / n)]

    return ignore


def validate_bag(bag_dir: Path) -> list[str]:
    """Problems ``bagit`` finds in a bag (empty when it is valid)."""
    import bagit

    try:
        bagit.Bag(str(bag_dir)).validate()
    except bagit.BagValidationError as exc:
        details = [str(d) for d in getattr(exc, "details", [])]
        return details or [str(exc)]
    except bagit.BagError as exc:
        return [str(exc)]
    return []
