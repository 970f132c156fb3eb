"""A test output whose per-document work goes through ``Context.map``: one marked
reusable (pages), one not (sizes). ``CALLS`` counts the real calls of each."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from encoder.files import atomic_write
from encoder.outputs import Context, reusable

NAME = "memo"
SUMMARY = "memo/: a test output"
CALLS = {"page": 0, "size": 0}


@reusable
def page(item: tuple[str, bytes]) -> bytes:
    CALLS["page"] += 1
    key, tei = item
    return key.encode() + b": " + str(len(tei)).encode() + b"\n"


def size(item: tuple[str, bytes]) -> int:
    CALLS["size"] += 1
    return len(item[1])


def write(edition: object, out_dir: Path, context: Context) -> list[Path]:
    items = [(e.key, etree.tostring(e.root)) for e in edition.documents]  # type: ignore[attr-defined]
    written = []
    for (key, _), data in zip(items, context.map(page, items), strict=True):
        target = out_dir / "memo" / f"{key}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)  # type: ignore[arg-type]
        written.append(target)
    list(context.map(size, items))
    return written
