"""Work spread over processes gives exactly what one process gives, in the same order."""

import os

import pytest

from generators.build import parallel


def test_large_inputs_are_split_over_workers_and_keep_their_order():
    table = {i: f"页面{i}" for i in range(parallel.MIN_ITEMS * 2)}  # inherited, never pickled
    pids = parallel.map_in_processes(lambda i: os.getpid(), range(len(table)), workers=2)
    texts = parallel.map_in_processes(lambda i: table[i] * 2, range(len(table)), workers=2)
    assert texts == [table[i] * 2 for i in range(len(table))]
    assert os.getpid() not in pids  # rendered in the workers


def test_small_inputs_and_one_worker_stay_in_this_process():
    assert set(parallel.map_in_processes(lambda i: os.getpid(), range(10), workers=2)) == {
        os.getpid()
    }
    many = range(parallel.MIN_ITEMS)
    assert set(parallel.map_in_processes(lambda i: os.getpid(), many, workers=1)) == {os.getpid()}


def test_worker_count_from_the_environment(monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "3")
    assert parallel.worker_count() == 3
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "many")
    assert parallel.worker_count() == (os.cpu_count() or 1)


def test_results_cross_as_json_the_same_with_or_without_workers():
    many = range(parallel.MIN_ITEMS)
    alone = parallel.map_in_processes(lambda i: (i, {"页": str(i)}), many, workers=1)
    spread = parallel.map_in_processes(lambda i: (i, {"页": str(i)}), many, workers=2)
    assert alone == spread == [[i, {"页": str(i)}] for i in many]


def test_a_failing_worker_is_an_error_not_missing_results():
    def fails_on_one(i):
        if i == 1234:
            raise ValueError("第1234项出错")
        return i

    with pytest.raises(parallel.WorkerFailed, match="ValueError: 第1234项出错"):
        parallel.map_in_processes(fails_on_one, range(parallel.MIN_ITEMS), workers=2)


def test_results_that_are_not_json_are_refused():
    with pytest.raises(parallel.WorkerFailed, match="TypeError"):
        parallel.map_in_processes(lambda i: {1, 2}, range(parallel.MIN_ITEMS), workers=2)
