"""Named stages of a build, and the observer that is told when each starts and ends.

The pipeline runs load → validate → model → render → write as stages named
"read", "check files", "cross-record", "published" (only with a base version),
"model", "history", "compliance", "render", "downloads" (/data/ and the feeds)
and "write". An
observer (as MkDocs plugins are told between its steps) learns when each
starts and ends, with what the stage reports about itself; the benchmark
times the pipeline this way, patching nothing.
"""

from __future__ import annotations

from contextlib import contextmanager

STAGES = (
    "read",
    "check files",
    "cross-record",
    "published",
    "model",
    "history",
    "compliance",
    "render",
    "downloads",
    "write",
)


class Observer:
    """Told of each stage; this one does nothing. Override what you need."""

    def started(self, name: str) -> None:
        pass

    def ended(self, name: str, details: dict) -> None:
        """`details` holds what the stage says of itself, e.g. {"checked": 120, "cached": 16260}."""


NO_OBSERVER = Observer()


@contextmanager
def stage(observer: Observer, name: str):
    """Runs a block as a stage; the block may add to the details it yields."""
    details: dict = {}
    observer.started(name)
    yield details
    observer.ended(name, details)
