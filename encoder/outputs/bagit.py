"""``bag/``: the output folder as a BagIt bag (RFC 8493, sha512), made by the ``bagit`` library.

For archives and repositories that ingest bags (Archivematica, most institutional
repositories): the bag's ``data/`` holds everything the other outputs wrote this run — the
TEI, the edition TEI, the plain TEI, HTML, PDF, CMIF, DTS, tables — with sha512
manifests and a ``bag-info.txt`` (see :mod:`encoder.bag`). It runs last. The build writes
``report.json`` after every output, so the bag made here holds no report; ``telegram-tei
package OUTPUT_DIR --bag BAG_DIR`` after a build bags the finished folder, report included.
"""

from __future__ import annotations

from pathlib import Path

from ..bag import make_bag
from ..edition import Edition
from . import Context

NAME = "bagit"
SUMMARY = "bag/: the whole output folder as a BagIt bag (sha512), for archives; runs last"
FOLDER = "bag"
REPORT = "report.json"


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    bag = make_bag(out_dir, out_dir / FOLDER, edition.meta, exclude=[out_dir / REPORT])
    # The bag's own files; its data/ copies files the other outputs already reported.
    return sorted(p for p in bag.iterdir() if p.is_file())
