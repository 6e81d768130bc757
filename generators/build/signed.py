"""Cache files signed with a key kept outside the project: a cache is a hint, never a witness.

Every file the build keeps between runs (`.cache/validation.json`,
`.cache/pages.json`, the memos, and in `.cache/site/` the manifest, the
privacy verdicts and the stamp) may have been written by someone else: CI
restores them from the forge's cache store, a pull request's preview build
runs with a contributor's data, anyone with the working folder can edit
them. So each is signed when written, HMAC-SHA256 over its role (its file
name) and its bytes, and a file whose signature does not hold is not used:
the run does the work again. A verdict, a saved search entry or a QR code
read back is then one this program wrote, for exactly that content.

The key is never in the repository, the data, the site folders or the cache
folder:

* `DANGJIAN_CACHE_KEY`, when set (at least 16 characters; CI gives it from a
  secret that only builds of the protected branch receive);
* otherwise `dangjian/cache-key` in the user's configuration folder
  (`$XDG_CONFIG_HOME`, by default `~/.config`), 32 random bytes made on first
  use, readable by its owner only. A key file that is not a regular file of
  this user, that others may write, or that lies inside the working folder
  is not used.

Without a key nothing is read from the caches and nothing is written to them:
every run is a full one (`unavailable()` says why).

A signed file is one line `dangjian-signed-1 <hex signature>`, then the JSON.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path

from generators.build.files import read_regular

KEY_VARIABLE = "DANGJIAN_CACHE_KEY"
KEY_FILE = Path("dangjian") / "cache-key"
MIN_KEY_CHARACTERS = 16
HEADER = b"dangjian-signed-1 "
MAX_CACHE_BYTES = 1 << 30  # a cache file larger than this is not read

_keys: dict[tuple, tuple[bytes | None, str]] = {}


def key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / KEY_FILE


def _inside_working_folder(path: Path) -> bool:
    here = os.path.realpath(os.getcwd())
    real = os.path.realpath(path)
    return real == here or real.startswith(here.rstrip(os.sep) + os.sep)


def _read_key_file(path: Path) -> tuple[bytes | None, str]:
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode):
        return None, f"缓存签名密钥 {path} 不是普通文件"
    if status.st_uid != os.getuid() or status.st_mode & 0o022:
        return None, f"缓存签名密钥 {path} 不属于当前用户，或其他人可以改写"
    text = read_regular(path, 1024).decode("ascii", "replace").strip()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        return None, f"缓存签名密钥 {path} 内容不对"
    return bytes.fromhex(text), ""


def _make_key_file(path: Path) -> None:
    """32 random bytes, written whole before the file appears under its name (two runs at once
    agree)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(32) + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another run made it first: its key is the key
    finally:
        temporary.unlink()


def _find_key() -> tuple[bytes | None, str]:
    given = os.environ.get(KEY_VARIABLE)
    if given:
        if len(given) < MIN_KEY_CHARACTERS:
            return None, f"环境变量 {KEY_VARIABLE} 太短（至少 {MIN_KEY_CHARACTERS} 个字符）"
        return hashlib.sha256(b"dangjian cache key\0" + given.encode()).digest(), ""
    path = key_file()
    if _inside_working_folder(path):
        return None, f"缓存签名密钥 {path} 在工作目录里（它必须放在项目和网站目录之外）"
    try:
        if not os.path.lexists(path):
            _make_key_file(path)
        return _read_key_file(path)
    except OSError as error:
        return None, f"无法读取或创建缓存签名密钥 {path}（{error.strerror or error}）"


def _key() -> tuple[bytes | None, str]:
    """(key, "") or (None, why not); looked up once per process for each setting of the
    environment."""
    setting = (
        os.environ.get(KEY_VARIABLE),
        os.environ.get("XDG_CONFIG_HOME"),
        os.path.expanduser("~"),
        os.getcwd(),
    )
    if setting not in _keys:
        _keys[setting] = _find_key()
    return _keys[setting]


def unavailable() -> str | None:
    """Why caches cannot be used in this run (in Chinese), or None when they can."""
    key, why = _key()
    return None if key is not None else why


def _signature(key: bytes, role: str, body: bytes) -> str:
    return hmac.new(key, role.encode() + b"\0" + body, hashlib.sha256).hexdigest()


def seal(role: str, body: bytes) -> bytes | None:
    """Bytes with their signature line in front (None without a key)."""
    key, _ = _key()
    if key is None:
        return None
    return HEADER + _signature(key, role, body).encode() + b"\n" + body


def dumps(role: str, value) -> bytes | None:
    """The signed bytes of a value as JSON (None without a key)."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return seal(role, body.encode("utf-8", "surrogatepass"))


class Unsigned(ValueError):
    """A cache file whose signature does not hold: written by someone else, or with another key."""


class Damaged(ValueError):
    """A cache file signed with this key whose JSON cannot be read."""


def loads(role: str, data: bytes):
    """The value of signed bytes. Raises Unsigned when they are not signed with this key for this
    role, Damaged when what is signed is not JSON."""
    key, _ = _key()
    line, newline, body = data.partition(b"\n")
    if key is None or not newline or not line.startswith(HEADER):
        raise Unsigned(role)
    if not hmac.compare_digest(line[len(HEADER) :], _signature(key, role, body).encode()):
        raise Unsigned(role)
    try:
        return json.loads(body.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as error:
        raise Damaged(role) from error


def verify(path: Path, role: str | None = None):
    """The value of a signed cache file; None when there is none. Raises Unsigned (also for a file
    that is not a regular file or cannot be read) or Damaged."""
    try:
        data = read_regular(Path(path), MAX_CACHE_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Unsigned(str(error)) from error
    return loads(role or Path(path).name, data)


def read(path: Path, role: str | None = None):
    """The value of a signed cache file; None when it is missing, unreadable, not a regular file,
    damaged, or its signature does not hold."""
    try:
        return verify(path, role)
    except (Unsigned, Damaged):
        return None


def write(path: Path, value, role: str | None = None) -> bool:
    """Writes a value signed (whole: a temporary file, then a rename); False without a key."""
    path = Path(path)
    data = dumps(role or path.name, value)
    if data is None:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True
