"""A command run in a process of its own beside the build, which never outlives it.

What the command says (its output and errors, in the order it says them) goes to a temporary
file, never a pipe: the command never waits for this process to read, so this process may do
other work meanwhile (the privacy scan beside MkDocs, the townships' search beside the county's).
"""

from __future__ import annotations

import subprocess
import tempfile


class Started:
    """`Started(command, env=...)` starts it; `finish()` waits and gives (exit status, what it
    said); `stop()` ends it, killed if it still runs (call it on any way out)."""

    def __init__(self, command: list[str], env: dict | None = None):
        self.told = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                command, env=env, stdout=self.told, stderr=subprocess.STDOUT
            )
        except BaseException:
            self.told.close()
            raise

    def finish(self) -> tuple[int, str]:
        try:
            status = self.process.wait()
            self.told.seek(0)
            return status, self.told.read().decode("utf-8", "replace")
        finally:
            self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.told.close()
