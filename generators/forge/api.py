"""Reads a pull request's reviews through the forge's API (GitHub, Gitea and Forgejo alike).

`GET {api}/repos/{owner}/{repo}/pulls/{n}/reviews`, page by page: GitHub pages with `per_page`,
Gitea and Forgejo with `limit`; both take `page` and both are sent, and reading stops at an empty
page. The token goes in `Authorization: token …`, which all three accept.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

PAGE_SIZE = 50  # Gitea's and Forgejo's default largest page
MAX_PAGES = 100
TIMEOUT = 30  # seconds per request


class ForgeError(RuntimeError):
    """The forge could not be read; the message is for staff, in Chinese."""


def reviews(api: str, repo: str, number: int, token: str = "") -> list[dict]:
    """Every review of the pull request, in the order the forge lists them."""
    found: list[dict] = []
    for page in range(1, MAX_PAGES + 1):
        url = (
            f"{api.rstrip('/')}/repos/{repo}/pulls/{number}/reviews"
            f"?page={page}&per_page={PAGE_SIZE}&limit={PAGE_SIZE}"
        )
        batch = _get_json(url, token)
        if not isinstance(batch, list) or not all(isinstance(r, dict) for r in batch):
            raise ForgeError(f"代码托管平台返回的审核记录不是列表：{url}")
        if not batch:
            return found
        found += batch
    raise ForgeError(f"审核记录超过 {MAX_PAGES} 页，没有读完：{api}")


def _get_json(url: str, token: str):
    headers = {"Accept": "application/json", "User-Agent": "dangjian-approvals"}
    if token:
        headers["Authorization"] = f"token {token}"
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        hint = {401: "令牌无效", 403: "令牌没有读取权限", 404: "找不到这个仓库或拉取请求"}
        raise ForgeError(
            f"读取审核记录失败：HTTP {error.code}（{hint.get(error.code, error.reason)}）：{url}"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ForgeError(f"连不上代码托管平台（{reason}）：{url}") from None
    try:
        return json.loads(body)
    except ValueError:
        raise ForgeError(f"代码托管平台返回的不是 JSON：{url}") from None
