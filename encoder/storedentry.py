"""An :class:`~encoder.edition.Entry` whose tree stays on disk until an output asks for it.

A build of 10,000 documents keeps each document's :class:`~encoder.edition.DocMeta` in
memory (the index pages, the order and every export are made from those) but not its
tree: :attr:`StoredEntry.root` parses the document's TEI file when read, and keeps the
last :data:`CACHE_SIZE` trees, so an output that walks the edition in order (pages,
the book) parses each file once and memory does not grow with the edition. The meaning
of ``Entry.root`` is unchanged: the document's ``TEI`` element, read-only for outputs.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

from lxml import etree

from .edition import Entry

CACHE_SIZE = 64
_SLOT = Entry.__dict__["root"]  # the dataclass slot that a plain Entry keeps its tree in
_CACHE: OrderedDict[str, etree._Element] = OrderedDict()
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def load_root(path: Path) -> etree._Element:
    """The ``TEI`` element of a file this tool wrote, from the cache or parsed once."""
    key = str(path)
    root = _CACHE.get(key)
    if root is not None:
        _CACHE.move_to_end(key)
        return root
    root = etree.parse(key, _PARSER).getroot()
    _CACHE[key] = root
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return root


def forget(path: Path) -> None:
    """Drop a cached tree (its file is about to move or change)."""
    _CACHE.pop(str(path), None)


class StoredEntry(Entry):
    """An entry whose ``root`` is read from ``file`` on demand (see the module docstring)."""

    __slots__ = ("file",)

    def __init__(self, *args: Any, file: Path, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file = file

    @property  # type: ignore[override]
    def root(self) -> etree._Element | None:
        held = _SLOT.__get__(self, Entry)
        if held is not None:
            return held
        return load_root(self.file)

    @root.setter
    def root(self, value: etree._Element | None) -> None:
        _SLOT.__set__(self, value)
