"""The form editor at /admin/ (Decap CMS): its configuration, made from the registry and the field tree.

Staff who never see YAML edit records in a form. The page docs/admin/index.html
loads the vendored Decap CMS and reads /admin/config.yml, which the pipeline
writes into docs/generated/admin/config.yml on every build from:

* the registry: one folder collection per record type, in its data folder
  (tasks and disclosures one folder further down, by plan and by year);
* the field tree: each field's Chinese label, hint, required mark and rules
  become a widget, which its type gives (spec/types/): `select` for allowed
  values, a date picker writing 2025-03-31, `number` for integers and
  amounts, `object` and `list` with their fields, `relation` for a reference
  to one record type, and `select` from the current records for a reference
  to several (a unit is a department, village or branch; a disclosure's
  subject a village, branch or township);
* the settings in cms.yml beside the data folder: which forge (GitHub, or
  Gitea/Forgejo) holds the repository and how to reach it.

Every save is a pull request (`publish_mode: editorial_workflow`) that CI
validates like any other. Files are written in the format `strict-yaml`
(docs/admin/strict-yaml.js), which the strict loader reads back unchanged.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from generators.model.units import Departments, full_id
from generators.spec.fields import Field
from generators.spec.registry import REFERENCE_KINDS, Registry
from generators.spec.settings_file import read_settings

SETTINGS_FILE = "cms.yml"  # beside the data folder
CONFIG_PAGE = "admin/config.yml"  # inside the generated folder; published at /admin/config.yml
FORMAT = "strict-yaml"  # registered by docs/admin/index.html
LOCAL_BACKEND_ENV = (
    "CMS_LOCAL_BACKEND"  # "true" or the URL of a decap-server, for local editing and tests
)

# Files copied into the site unchanged from their npm packages: their text is code, not records, and the
# site's privacy scan would read IP-address-like numbers in them as phone numbers. Skipped only while
# their bytes are exactly these.
VENDORED = {
    "admin/decap-cms.js": (
        "decap-cms 3.16.3 dist/decap-cms.js",
        "7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8",
    ),
    "admin/js-yaml.min.js": (
        "js-yaml 4.1.0 dist/js-yaml.min.js",
        "45dc3dd03dc07a06705a2c2989b8c7f709013f04bd5386e3279d4e447f07ebd7",
    ),
}

BACKENDS = ("github", "gitea", "forgejo")
GUIDE = "docs/deploy.md"  # how to set up the forge's login for the form editor
# A record type whose files sit one folder down: the folder's name from a field of the record. (Decap
# lower-cases a path template and drops its dots and quotes, so `fields.x` and filters cannot be used.)
SUBFOLDERS = {"task": "{{plan}}"}
# ... or one collection per year folder (公开（2025年）): the years in the data and the build's year.
YEARLY = frozenset({"disclosure"})


class CmsError(ValueError):
    """cms.yml that cannot configure the form editor; the message is for staff, in Chinese."""


def vendored(relative: str, data: bytes) -> bool:
    """Whether a built site's file is a vendored package file, unchanged."""
    pinned = VENDORED.get(relative)
    return pinned is not None and hashlib.sha256(data).hexdigest() == pinned[1]


# ---------------------------------------------------------------------------
# settings


@dataclass(frozen=True)
class Settings:
    backend: str = "github"
    repo: str = ""
    branch: str = "main"
    base_url: str = ""  # GitHub: the OAuth service; Gitea/Forgejo: the forge's address
    api_root: str = ""  # Gitea/Forgejo: <address>/api/v1
    app_id: str = ""  # Gitea/Forgejo: the OAuth application's client id
    local_backend: str = ""  # "" (off), "true" or a URL


def load_settings(data_dir: Path) -> Settings:
    path = Path(data_dir).resolve().parent / SETTINGS_FILE
    raw = read_settings(path, Settings.__dataclass_fields__, CmsError)
    values = {key: "" if value is None else str(value).strip() for key, value in raw.items()}
    values = {
        key: value for key, value in values.items() if value or key not in ("backend", "branch")
    }
    settings = Settings(**values)
    if settings.backend not in BACKENDS:
        raise CmsError(
            f"{SETTINGS_FILE} 的 backend 填 {'、'.join(BACKENDS)} 之一，不是“{settings.backend}”"
        )
    local = os.environ.get(LOCAL_BACKEND_ENV, settings.local_backend)
    settings = Settings(**{**settings.__dict__, "local_backend": local})
    _check_backend(settings)
    return settings


def _check_backend(settings: Settings) -> None:
    """A forge the form editor cannot work with stops the build, with what to write instead."""
    if settings.backend == "gitea":
        raise CmsError(
            f"{SETTINGS_FILE}：不能用 backend: gitea。"
            "表单编辑的每次保存都是一个拉取请求，而 Decap CMS 的 gitea 方式不支持拉取请求"
            "（打开 /admin/ 只会看到“The Gitea backend does not support editorial workflow”）。"
            "仓库在 Forgejo 上的，改成 backend: forgejo"
            "（它支持拉取请求，另填 api_root 和 app_id）；在 GitHub 上的，改成 backend: github。"
            f"只有 Gitea 的，先不用表单编辑，直接修改文件。设置方法见 {GUIDE}"
        )
    if settings.backend == "forgejo":
        missing = [key for key in ("api_root", "app_id") if not getattr(settings, key)]
        if missing:
            raise CmsError(
                f"{SETTINGS_FILE}：backend 是 forgejo 时要填 api_root（Forgejo 的网址加 /api/v1）"
                f"和 app_id（在 Forgejo 上建立的 OAuth 应用的客户端 ID），现在缺少 "
                f"{'、'.join(missing)}。建立 OAuth 应用的方法见 {GUIDE}"
            )


def notices(settings: Settings) -> list[str]:
    """What staff should know about the form editor the settings give (printed as 提示)."""
    if settings.local_backend:
        return []
    if not settings.repo:
        return [
            f"{SETTINGS_FILE} 没有填 repo（仓库的“组织名/仓库名”），网站不包含表单编辑（/admin/）；"
            f"要用表单编辑，按 {GUIDE} 填好 {SETTINGS_FILE} 后重新构建"
        ]
    if settings.backend == "github" and not settings.base_url:
        return [
            f"{SETTINGS_FILE} 没有填 base_url（GitHub 登录服务的网址）：表单编辑的登录会使用境外的 "
            f"Netlify 登录服务（api.netlify.com），网站不在 Netlify 上时无法登录；"
            f"架设登录服务的方法见 {GUIDE}"
        ]
    return []


def backend(settings: Settings) -> dict:
    out: dict[str, str | dict[str, str]] = {"name": settings.backend}
    if settings.repo:  # never a placeholder: without a repository the form editor is left out
        out["repo"] = settings.repo
    out["branch"] = settings.branch
    for key in ("base_url", "api_root", "app_id"):
        value = getattr(settings, key)
        if value:
            out[key] = value
    if settings.backend == "github":
        out["api_root"] = settings.api_root or "https://api.github.com"
    out["commit_messages"] = {
        "create": "新建{{collection}}：{{slug}}",
        "update": "修改{{collection}}：{{slug}}",
        "delete": "删除{{collection}}：{{slug}}",
        "uploadMedia": "上传文件：{{path}}",
        "deleteMedia": "删除文件：{{path}}",
    }
    return out


# ---------------------------------------------------------------------------
# widgets from the field tree


@dataclass(frozen=True)
class Choices:
    """The records a reference may name, for references to several record types at once."""

    by_kind: dict[str, list[dict]]


def department_choice(township, department, holders) -> tuple[str, str]:
    """(value, label) of a department: its id, or its full id (hexi/zhen-dangjianban) with its
    township's name where several townships have the id (model/units.py)."""
    if len(holders[department["id"]]) == 1:
        return department["id"], f"{department['name']}（{department['id']}）"
    value = full_id(township.id, department["id"])
    return value, f"{department['name']}（{township['name']}，{value}）"


def choices_of(site, registry: Registry) -> Choices:
    options: dict[str, list[dict]] = {}
    records = site.records if site is not None else {}
    named: dict[str, list[tuple[str, str]]] = {}
    for record_type in registry:
        for record in records.get(record_type.name, {}).values():
            title = record.get(record_type.title_field) or record.id
            named.setdefault(record_type.name, []).append((record.id, f"{title}（{record.id}）"))
    townships = records.get("township", {})
    holders = Departments(
        {t.id: [d["id"] for d in t.get("departments") or ()] for t in townships.values()}
    ).holders
    for township in townships.values():
        for department in township.get("departments") or ():
            named.setdefault("department", []).append(
                department_choice(township, department, holders)
            )
    for kind, reference in REFERENCE_KINDS.items():
        if len(reference.types) > 1:
            pairs = [pair for name in reference.types for pair in sorted(named.get(name, []))]
            options[kind] = [{"label": label, "value": value} for value, label in pairs]
    return Choices(options)


def _reference(field: Field, registry: Registry, choices: Choices, multiple: bool) -> dict:
    assert field.ref is not None, "called for reference fields only"
    kind = REFERENCE_KINDS[field.ref]
    if len(kind.types) == 1:
        target = registry[kind.types[0]]
        title = target.title_field
        widget = {
            "widget": "relation",
            "collection": target.name,
            "value_field": "id",
            "search_fields": sorted({"id", title}),
            "display_fields": [title],
            "options_length": 500,
        }
    else:
        widget = {"widget": "select", "options": choices.by_kind.get(field.ref, [])}
    if multiple:
        widget["multiple"] = True
    return widget


@dataclass(frozen=True)
class _Form:
    """What a field type's widget asks of the configuration (spec.types.base.Form)."""

    registry: Registry
    choices: Choices

    def reference(self, spec: Field, multiple: bool) -> dict:
        return _reference(spec, self.registry, self.choices, multiple)

    def fields(self, group: Field, optional: bool) -> list[dict]:
        return fields_of(group, self.registry, self.choices, optional)

    def widget(self, spec: Field) -> dict:
        return widget(spec, self.registry, self.choices)


def widget(field: Field, registry: Registry, choices: Choices, optional: bool = False) -> dict:
    """A Decap field for a field of the tree (without name, label and required), by its type."""
    return field.kind.widget(field, _Form(registry, choices), optional)


def field_config(
    field: Field, registry: Registry, choices: Choices, optional_parent: bool = False
) -> dict:
    """A field of the form. Inside an optional group (撤回, 财务收支) nothing is required by the form, which
    would otherwise refuse to save a record without the group; the validator still requires them."""
    out = {
        "name": field.key,
        "label": field.label or field.key,
        "required": field.required and not optional_parent,
    }
    if field.hint:
        out["hint"] = field.hint
    out.update(widget(field, registry, choices, optional_parent or not field.required))
    return out


def fields_of(
    field: Field, registry: Registry, choices: Choices, optional: bool = False
) -> list[dict]:
    return [field_config(sub, registry, choices, optional) for sub in field.fields.values()]


def collections(
    record_type, registry: Registry, choices: Choices, data_folder: str, years
) -> list[dict]:
    pattern = PurePosixPath(record_type.pattern)
    folder = f"{data_folder}/{pattern.parts[0]}"
    if len(pattern.parts) == 3 and record_type.name in YEARLY:
        return [
            collection(
                record_type,
                registry,
                choices,
                f"{folder}/{year}",
                f"{record_type.name}-{year}",
                f"{record_type.label}（{year}年）",
            )
            for year in years
        ]
    out = collection(record_type, registry, choices, folder, record_type.name, record_type.label)
    if len(pattern.parts) == 3 and record_type.name in SUBFOLDERS:
        out["path"] = f"{SUBFOLDERS[record_type.name]}/{{{{slug}}}}"
    elif len(pattern.parts) != 2:
        raise CmsError(
            f"记录类型 {record_type.name} 的文件位置 {record_type.pattern} 不能用表单编辑"
        )
    return [out]


def collection(
    record_type, registry: Registry, choices: Choices, folder: str, name: str, label: str
) -> dict:
    out = {
        "name": name,
        "label": label,
        "label_singular": label,
        "folder": folder,
        "extension": "yaml",
        "format": FORMAT,
        "create": True,
        "delete": False,
        "slug": "{{fields.id}}",
        "identifier_field": record_type.title_field
        if record_type.title_field in record_type.schema.fields
        else "id",
        "summary": f"{{{{fields.{record_type.title_field}}}}}（{{{{fields.id}}}}）",
        "editor": {"preview": False},
    }
    out["fields"] = fields_of(record_type.schema.root, registry, choices)
    return out


def config(
    registry: Registry, settings: Settings, choices: Choices, data_folder: str = "data", years=()
) -> dict:
    """The whole configuration; `years` are the year folders of yearly types (公开), newest first."""
    out: dict = {
        "locale": "zh_Hans",
        "backend": backend(settings),
        "publish_mode": "editorial_workflow",
    }
    if settings.local_backend:
        out["local_backend"] = (
            True if settings.local_backend == "true" else {"url": settings.local_backend}
        )
    out.update(
        {
            "media_folder": "docs/assets/uploads",
            "public_folder": "/assets/uploads",
            "site_url": "/",
            "collections": [
                c for t in registry for c in collections(t, registry, choices, data_folder, years)
            ],
        }
    )
    return out


HEADER = "# 表单编辑（/admin/）的设置：由 python -m generators generate 按 schemas/ 和 cms.yml 生成，不要手改。\n"


def admin_pages(data_dir: Path, registry: Registry, site) -> tuple[dict[str, str], list[str]]:
    """The files the pipeline writes for the form editor, by their path in the generated folder,
    and the notices about it (a configuration that cannot work is written, and left out of the
    site by overrides/hooks/form_editor.py)."""
    settings = load_settings(data_dir)
    years = {site.today.year} | {
        int(PurePosixPath(record.source).parent.name)
        for name in YEARLY
        for record in site.records.get(name, {}).values()
        if PurePosixPath(record.source).parent.name.isdigit()
    }
    text = HEADER + yaml.safe_dump(
        config(
            registry,
            settings,
            choices_of(site, registry),
            Path(data_dir).name,
            sorted(years, reverse=True),
        ),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return {CONFIG_PAGE: text}, notices(settings)
