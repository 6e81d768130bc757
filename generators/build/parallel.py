"""Work spread over the machine's cores where it pays: large inputs, a platform that can fork.

The function and everything it reads are inherited by the forked workers, so
nothing but the results crosses between processes, and they cross as JSON:
no process ever unpickles what another wrote. `function` must therefore
return JSON values (text, numbers, booleans, None, lists and dicts with text
keys); the results are the same JSON values whether or not workers ran.
Order is kept.
"""

from __future__ import annotations

import gc
import json
import os
import signal

MIN_ITEMS = 2000  # below this, starting workers costs more than it saves
WORKERS_VARIABLE = "DANGJIAN_WORKERS"


class WorkerFailed(RuntimeError):
    """A worker process stopped without giving its results."""


def worker_count() -> int:
    try:
        return max(1, int(os.environ.get(WORKERS_VARIABLE, "")))
    except ValueError:
        return os.cpu_count() or 1


def map_in_processes(
    function, items, workers: int | None = None, min_items: int = MIN_ITEMS
) -> list:
    items = list(items)
    workers = workers or worker_count()
    if workers <= 1 or len(items) < min_items or not hasattr(os, "fork"):
        return json.loads(json.dumps([function(item) for item in items], ensure_ascii=False))
    shares = [items[k::workers] for k in range(workers)]  # interleaved: slow items spread evenly
    gc.freeze()  # keeps the collector from touching, and so copying, the inherited objects
    children: list[tuple[int, int]] = []
    results = []
    try:
        for share in shares:
            children.append(_start(function, share))
        while children:
            results.append(_collect(*children.pop(0)))
    finally:
        for pid, reader in children:  # interrupted: no worker outlives the run
            os.close(reader)
            _kill(pid)
        gc.unfreeze()
    merged = [None] * len(items)
    for k, share_results in enumerate(results):
        merged[k::workers] = share_results
    return merged


def _start(function, share) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: compute, write, leave without running the parent's exit handlers
        os.close(reader)
        status = 0
        try:
            out = json.dumps([function(item) for item in share], ensure_ascii=False).encode(
                "utf-8", "surrogatepass"
            )
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
            out, status = f"{type(exc).__name__}: {exc}".encode("utf-8", "replace"), 1
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(out)
        os._exit(status)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> list:
    try:
        with os.fdopen(reader, "rb") as pipe:
            out = pipe.read()
    except BaseException:
        _kill(pid)
        raise
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise WorkerFailed(
            out.decode("utf-8", "replace") or f"worker {pid} ended with status {status}"
        )
    return json.loads(out)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
