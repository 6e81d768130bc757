"""Work spread over the machine's cores where it pays: large inputs, a platform that can fork.

The function and everything it reads are inherited by the forked workers, so
nothing but the items and the results crosses between processes. Order is kept.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

MIN_ITEMS = 2000  # below this, starting workers costs more than it saves
WORKERS_VARIABLE = "DANGJIAN_WORKERS"

_function = None


def worker_count() -> int:
    try:
        return max(1, int(os.environ.get(WORKERS_VARIABLE, "")))
    except ValueError:
        return os.cpu_count() or 1


def _run(chunk):
    return [_function(item) for item in chunk]


def map_in_processes(function, items, workers: int | None = None) -> list:
    items = list(items)
    workers = workers or worker_count()
    if workers <= 1 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _function
    _function = function
    size = -(-len(items) // (workers * 4))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    gc.freeze()  # keeps the collector from touching, and so copying, the inherited objects
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_run, chunks)
    finally:
        _function = None
        gc.unfreeze()
    return [result for chunk in results for result in chunk]
