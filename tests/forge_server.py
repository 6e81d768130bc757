"""A local HTTP server answering the forge's review API from recorded JSON, for the approval check.

No GitHub, Gitea or Forgejo server can run where these tests run, so the API is played from the
JSON each forge documents (tests/fixtures/forge/). The server pages as the forges do: `page` with
`per_page` (GitHub) or `limit` (Gitea, Forgejo), an empty list past the last page. It answers under
`/repos/…` (GitHub's API root) and `/api/v1/repos/…` (Gitea's and Forgejo's), 401 without the
expected token, 404 for another pull request, and records every request it was sent.
"""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "forge"
TOKEN = "test-token-not-secret"


def recorded(forge: str) -> list[dict]:
    return json.loads((FIXTURES / f"{forge}-reviews.json").read_text(encoding="utf-8"))


class ReviewServer:
    def __init__(self, repo: str, number: int, reviews: list[dict]):
        self.repo, self.number, self.reviews = repo, number, reviews
        self.requests: list[tuple[str, dict]] = []  # (path with query, headers)

    def url(self, api_prefix: str = "/api/v1") -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{api_prefix}"

    @contextlib.contextmanager
    def running(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                server.requests.append((self.path, dict(self.headers)))
                parsed = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(parsed.query)
                path = parsed.path.removeprefix("/api/v1")
                if self.headers.get("Authorization") != f"token {TOKEN}":
                    return self._json(401, {"message": "Bad credentials"})
                if path != f"/repos/{server.repo}/pulls/{server.number}/reviews":
                    return self._json(404, {"message": "Not Found"})
                size = int((query.get("per_page") or query.get("limit") or ["30"])[0])
                page = int((query.get("page") or ["1"])[0])
                return self._json(200, server.reviews[(page - 1) * size : page * size])

            def _json(self, status: int, body) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()
