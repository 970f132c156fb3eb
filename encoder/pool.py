"""Where per-document work runs: here, in a pool of local processes, or on a Dask cluster.

Every backend has one method that matters, :meth:`Pool.map`: ``func`` over ``items`` with
the results **in the order of the items**, streamed (a bounded window of work is in
flight, so memory does not grow with the number of documents, and the first results come
back while the last inputs are still being read). Order makes a build's output identical
whatever the backend and the number of workers.

* :class:`SerialPool` — in this process; what ``--jobs 1`` and small batches use.
* :class:`ProcessPool` — ``--jobs N`` local processes (``forkserver``: each worker is
  forked from a clean server that has imported the encoder but never started Saxon, which
  is not documented as fork-safe; TOOLCHAIN.md §2). Schemas are compiled once per worker
  in the initializer, stylesheets on first use.
* :class:`DaskPool` — ``--scheduler tcp://host:8786``: a running ``dask.distributed``
  scheduler; the workers need telegram-tei installed (same version). Items and results
  travel by pickle; the driver alone touches the output folder.

Work is sent in chunks (:data:`CHUNK`) so that the cost of a round trip (0.1–0.3 ms
locally, a network hop on a cluster) is paid once per chunk, not per document.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from .errors import EncoderError

CHUNK = 16
"""Items per round trip."""
WINDOW_PER_WORKER = 4
"""Chunks in flight per worker: enough to keep every worker busy, few enough to bound memory."""
POOL_THRESHOLD = 64
"""Below this many items an automatic ``--jobs`` runs serially: starting workers costs more."""


def _apply_chunk(func: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [func(item) for item in chunk]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Pool(Protocol):
    workers: int

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class SerialPool:
    """In this process, one item after another."""

    workers = 1

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return map(func, items)

    def close(self) -> None:
        pass


def _ordered(
    submit: Callable[[list[Any]], Any],
    result: Callable[[Any], list[Any]],
    items: Iterable[Any],
    window: int,
    chunk: int,
) -> Iterator[Any]:
    """Submit chunks with at most ``window`` in flight; yield their results in order."""
    pending: deque[Any] = deque()
    chunks = _chunks(items, chunk)
    for piece in chunks:
        pending.append(submit(piece))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def _initializer() -> None:
    from .worker import warm_up

    warm_up()


class ProcessPool:
    """``workers`` local processes; the schemas compiled once in each."""

    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["encoder.worker", "encoder.parser", "encoder.validate"])
        self.workers = workers
        self._executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_initializer)

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return _ordered(
            lambda piece: self._executor.submit(_apply_chunk, func, piece),
            lambda future: future.result(),
            items,
            self.workers * WINDOW_PER_WORKER,
            CHUNK,
        )

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class DaskPool:
    """The workers of a running ``dask.distributed`` scheduler."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise EncoderError(
                "--scheduler needs dask.distributed: pip install 'telegram-tei[dask]'"
            ) from None
        try:
            self._client = Client(address, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise EncoderError(f"cannot reach the Dask scheduler: {exc}", address) from None
        self.workers = max(1, sum(self._client.nthreads().values()))

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return _ordered(
            lambda piece: self._client.submit(_apply_chunk, func, piece, pure=False),
            lambda future: future.result(),
            items,
            self.workers * WINDOW_PER_WORKER,
            CHUNK,
        )

    def close(self) -> None:
        self._client.close()


def available_cores() -> int:
    """The cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def make_pool(jobs: int | None, scheduler: str | None, items: int) -> Pool:
    """The pool for a batch of ``items``: Dask when a scheduler is named; else ``jobs``
    processes (None: the cores available, serial below :data:`POOL_THRESHOLD` items)."""
    if scheduler:
        return DaskPool(scheduler)
    if jobs is not None and jobs < 1:
        raise EncoderError(f"--jobs must be 1 or more, not {jobs}")
    workers = jobs if jobs is not None else available_cores()
    if workers == 1 or (jobs is None and items < POOL_THRESHOLD):
        return SerialPool()
    return ProcessPool(workers)
