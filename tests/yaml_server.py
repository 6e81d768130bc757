"""yaml-language-server, the engine of VS Code's YAML extension, as a test drives it.

It runs under Node (Debian's nodejs) from node_modules (pinned in
package-lock.json; `make test` installs it with npm ci), speaks the
Language Server Protocol over its standard streams, and is given the workspace
settings of .vscode/settings.json, as VS Code gives them. The diagnostics it
publishes for a file are what VS Code underlines in it.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SERVER = REPO / "node_modules/yaml-language-server/bin/yaml-language-server"


def require_server() -> None:
    if shutil.which("node") is None:
        pytest.fail(
            "missing command node: install the Debian package with `apt-get install -y nodejs`",
            pytrace=False,
        )
    if not SERVER.is_file():
        pytest.fail(
            "yaml-language-server is not installed: run `make test` (npm ci)", pytrace=False
        )


class _Connection:
    def __init__(self):
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None  # stdout=PIPE
        while True:
            line = stream.readline()
            if not line:
                return
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
                while stream.readline().strip():
                    pass
                self.messages.put(json.loads(stream.read(length)))

    def send(self, **message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None  # stdin=PIPE
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def diagnostics(files: dict[Path, str], timeout: float = 120) -> dict[Path, list[tuple[int, str]]]:
    """(line, message) of every problem VS Code would underline, for each file → its schema (a path
    inside the project, as .vscode/settings.json names it)."""
    require_server()
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas: dict[str, list[str]] = {}
    for path, schema in files.items():
        schemas.setdefault((REPO / schema).as_uri(), []).append(path.as_uri())
    yaml_settings = {
        "validate": settings["yaml.validate"],
        "yamlVersion": settings["yaml.yamlVersion"],
        "schemaStore": {"enable": settings["yaml.schemaStore.enable"]},
        "schemas": schemas,
    }
    server = _Connection()
    try:
        server.send(
            id=1,
            method="initialize",
            params={"processId": None, "rootUri": REPO.as_uri(), "capabilities": {}},
        )
        _wait(server, lambda m: m.get("id") == 1, timeout)
        server.send(method="initialized", params={})
        server.send(
            method="workspace/didChangeConfiguration", params={"settings": {"yaml": yaml_settings}}
        )
        by_uri = {path.as_uri(): path for path in files}
        for path in files:
            server.send(
                method="textDocument/didOpen",
                params={
                    "textDocument": {
                        "uri": path.as_uri(),
                        "languageId": "yaml",
                        "version": 1,
                        "text": path.read_bytes().decode("utf-8", errors="replace"),
                    }
                },
            )
        found: dict[Path, list[tuple[int, str]]] = {}
        deadline = time.monotonic() + timeout
        while True:
            if len(found) == len(files):  # and a moment for any later word on them
                deadline = min(deadline, time.monotonic() + 1)
            try:
                message = _next(server, deadline)
            except TimeoutError:
                if len(found) == len(files):
                    return found
                raise
            if (
                "id" in message and "method" in message
            ):  # a request of the server's: configuration and the like
                answer = (
                    [yaml_settings] * len(message.get("params", {}).get("items", []))
                    if message["method"] == "workspace/configuration"
                    else None
                )
                server.send(id=message["id"], result=answer)
            elif message.get("method") == "textDocument/publishDiagnostics":
                uri = message["params"]["uri"]
                if uri in by_uri:
                    found[by_uri[uri]] = [
                        (d["range"]["start"]["line"] + 1, d["message"])
                        for d in message["params"]["diagnostics"]
                    ]
    finally:
        server.close()


def _next(server: _Connection, deadline: float) -> dict:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("yaml-language-server did not answer in time")
    try:
        return server.messages.get(timeout=left)
    except queue.Empty:
        raise TimeoutError("yaml-language-server did not answer in time") from None


def _wait(server: _Connection, wanted, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        message = _next(server, deadline)
        if wanted(message):
            return message
