"""Results of per-document output work kept from one build to the next.

An output sends its per-document work through ``Context.map(func, items)``. When ``func``
is marked :func:`encoder.outputs.reusable` (its result depends only on its item and the
tool), :class:`Memo` looks each call up by a hash of the function's name, the pickled item
and the tool's fingerprint (sources, schemas, stylesheets) in
``<out>/.telegram-tei/cache/``; only the calls not found there go to the pool. So after
one input of 10,000 changed, its page is rendered again and the other 9,999 come from the
cache. Entries not used by a build are removed after it, so the cache holds one edition.

It is a cache, not part of the edition: entries are written atomically, a killed run
leaves at most unused entries (removed by the next build), and a damaged entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from .files import atomic_write

BATCH = 256
"""Items looked up at a time: misses of a batch go to the pool together, in order."""


class Memo:
    """A mapper for :attr:`encoder.outputs.Context.mapper` with a cache on disk."""

    def __init__(self, mapper: Callable[..., Iterator[Any]], folder: Path, fingerprint: str) -> None:
        self._mapper = mapper
        self.folder = folder
        self._fingerprint = fingerprint.encode()
        self.used: dict[str, set[str]] = {}
        """Function folder → keys used by this build."""
        self.hits = 0
        self.misses = 0

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        if not getattr(func, "reusable", False):
            return self._mapper(func, items)
        return self._cached(func, iter(items))

    def _cached(self, func: Callable[[Any], Any], items: Iterator[Any]) -> Iterator[Any]:
        qualified = f"{func.__module__}.{func.__qualname__}"
        name, used = qualified.encode(), self.used.setdefault(_folder_name(qualified), set())
        where = self.folder / _folder_name(qualified)
        while batch := list(islice(items, BATCH)):
            keys = [self._key(name, item) for item in batch]
            found = [self._load(where, key) for key in keys]
            missing = [item for item, hit in zip(batch, found, strict=True) if hit is None]
            computed = iter(self._mapper(func, missing)) if missing else iter(())
            for key, hit in zip(keys, found, strict=True):
                used.add(key)
                if hit is not None:
                    self.hits += 1
                    yield hit[0]
                    continue
                self.misses += 1
                result = next(computed)
                self._store(where, key, result)
                yield result

    def _key(self, name: bytes, item: Any) -> str:
        digest = hashlib.sha256(self._fingerprint + b"\0" + name + b"\0")
        digest.update(pickle.dumps(item, protocol=5))
        return digest.hexdigest()

    def _load(self, where: Path, key: str) -> tuple[Any] | None:
        try:
            return (pickle.loads((where / key[:2] / key).read_bytes()),)
        except Exception:  # missing or damaged: compute again
            return None

    def _store(self, where: Path, key: str, result: Any) -> None:
        path = where / key[:2] / key
        with contextlib.suppress(Exception):  # a cache that cannot be written costs time only
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, pickle.dumps(result, protocol=5))

    def prune(self) -> None:
        """Remove the entries of the functions this build used that it did not use (after a
        successful commit); the entries of functions it did not call stay."""
        for folder_name, used in self.used.items():
            for sub in _scan(self.folder / folder_name):
                for entry in _scan(Path(sub.path)):
                    if entry.name not in used:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)


def _folder_name(qualified: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in qualified)[:120]


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    try:
        return list(os.scandir(folder))
    except OSError:
        return []
