"""Work spread over processes gives exactly what one process gives, in the same order."""

import os

from generators import parallel


def test_large_inputs_are_split_over_workers_and_keep_their_order():
    table = {i: f"页面{i}" for i in range(parallel.MIN_ITEMS * 2)}  # inherited, never pickled
    pids = parallel.map_in_processes(lambda i: os.getpid(), range(len(table)), workers=2)
    texts = parallel.map_in_processes(lambda i: table[i] * 2, range(len(table)), workers=2)
    assert texts == [table[i] * 2 for i in range(len(table))]
    assert os.getpid() not in pids  # rendered in the workers


def test_small_inputs_and_one_worker_stay_in_this_process():
    assert set(parallel.map_in_processes(lambda i: os.getpid(), range(10), workers=2)) == {os.getpid()}
    many = range(parallel.MIN_ITEMS)
    assert set(parallel.map_in_processes(lambda i: os.getpid(), many, workers=1)) == {os.getpid()}


def test_worker_count_from_the_environment(monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "3")
    assert parallel.worker_count() == 3
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "many")
    assert parallel.worker_count() == (os.cpu_count() or 1)
