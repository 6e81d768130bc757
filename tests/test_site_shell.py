"""The site shell: mkdocs.yml, hand-written pages, theme additions and styles.

The page generator is replaced here by a few stub pages that follow its
contract (see the comment at the top of mkdocs.yml), so the shell can be
built and checked on its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from offline import Finding, css_urls, find_external_links, find_external_requests, is_external

ROOT = Path(__file__).resolve().parents[1]
SHELL_PATHS = ("mkdocs.yml", "docs", "overrides")

# mkdocs.yml names the hand-written part; the generated part comes from the registry (.nav.json).
GENERATED_NAV = [
    {"首页": "generated/index.md"},
    {"村/社区": "generated/villages/index.md"},
    {"支部档案": "generated/branches/index.md"},
    {"两新组织": "generated/new-orgs/index.md"},
    {"进度看板": "generated/progress/index.md"},
    {"承诺践诺": "generated/pledges/index.md"},
    {"公开": "generated/disclosures/index.md"},
]
BUILD_DATE = "2025-12-31"
NAV = [
    {
        "关于本站": [
            {"关于本站": "about.md"},
            {"如何阅读公开信息": "guide.md"},
            {"怎样用表单修改记录": "cms.md"},
            {"核对公开栏": "generated/verify/index.md"},
            {"数据下载": "generated/data/index.md"},
            {"错误代码说明": "generated/codes/index.md"},
        ]
    },
]

# Source file written by the generator -> file in the built site.
GENERATED_PAGES = {
    "generated/index.md": "index.html",
    "generated/villages/index.md": "villages/index.html",
    "generated/villages/v1.md": "villages/v1/index.html",
    "generated/branches/index.md": "branches/index.html",
    "generated/branches/b1.md": "branches/b1/index.html",
    "generated/plans/p1.md": "plans/p1/index.html",
    "generated/progress/index.md": "progress/index.html",
    "generated/new-orgs/index.md": "new-orgs/index.html",
    "generated/pledges/index.md": "pledges/index.html",
    "generated/tasks/t1.md": "tasks/t1/index.html",
    "generated/disclosures/index.md": "disclosures/index.html",
    "generated/disclosures/d1.md": "disclosures/d1/index.html",
    "generated/codes/index.md": "codes/index.html",
    "generated/verify/index.md": "verify/index.html",
    "generated/data/index.md": "data/index.html",
    "generated/disclosures/d1/v1.md": "disclosures/d1/v1/index.html",
}

STUB_BODY = {
    "generated/index.md": None,  # intro + sample table, see write_generated_stubs
    "generated/codes/index.md": "# 错误代码说明\n",
    "generated/verify/index.md": "# 核对公开栏\n",
    "generated/data/index.md": "# 数据下载\n",
    "generated/disclosures/d1/v1.md": (
        "# 2025年第一季度财务公开（第 1 版）\n\n[查看当前版本](/generated/disclosures/d1.md)\n"
    ),
    "generated/villages/index.md": "# 村/社区\n\n- [示例村](v1.md)\n",
    "generated/villages/v1.md": "# 示例村\n\n## 四议两公开 步骤\n\n党支部：[示例村党支部](../branches/b1.md)\n",
    "generated/branches/index.md": "# 支部档案\n\n- [示例村党支部](b1.md)\n",
    "generated/branches/b1.md": "# 示例村党支部\n\n所在村：[示例村](/generated/villages/v1.md)\n",
    "generated/plans/p1.md": "# 示例实施方案\n\n- [示例任务](../tasks/t1.md)\n",
    "generated/progress/index.md": "# 进度看板\n\n- [示例实施方案](../plans/p1.md)\n",
    "generated/new-orgs/index.md": "# 两新组织\n\n| 镇（街道） | 覆盖率 |\n|---|---:|\n| 示例镇 | 80.0% |\n",
    "generated/pledges/index.md": "# 承诺践诺评诺\n\n- [示例村党支部 2025 年](../branches/b1.md)\n",
    "generated/tasks/t1.md": (
        "# 示例任务\n\n"
        "| 状态 | 进度 |\n|---|---|\n"
        '| <span class="status status-doing">推进中</span> <span class="status overdue">逾期 3 天</span> '
        '| <progress max="100" value="60"></progress> 60% |\n\n'
        "见[四议两公开步骤](/generated/villages/v1.md#四议两公开-步骤)。\n"
    ),
    "generated/disclosures/index.md": "# 公开\n\n- [2025年第一季度财务公开](d1.md)\n",
    "generated/disclosures/d1.md": (
        "# 2025年第一季度财务公开\n\n| 项目 | 金额（元） |\n|---|---:|\n| 期初余额 | 12,000.00 |\n"
    ),
}


def write_generated_stubs(docs: Path, *, jieba_dict: bool = True) -> None:
    """Write what the page generator promises to write into docs/generated/."""
    for src, body in STUB_BODY.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        if body is None:
            intro = (docs / "_intro.md").read_text(encoding="utf-8")
            body = (
                f"# 青溪镇基层党建与治理公开\n\n{intro}\n## 逾期任务\n\n- [示例任务](tasks/t1.md)\n"
            )
        path.write_text(body, encoding="utf-8")
    (docs / "generated" / ".nav.json").write_text(
        json.dumps({"nav": GENERATED_NAV, "build_date": BUILD_DATE}, ensure_ascii=False),
        encoding="utf-8",
    )
    if jieba_dict:
        (docs / "generated" / "jieba_user_dict.txt").write_text(
            "四议两公开 5\n一肩挑 5\n示例村 5\n", encoding="utf-8"
        )


def copy_shell(dest: Path) -> Path:
    for name in SHELL_PATHS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(
                src, dest / name, ignore=shutil.ignore_patterns("generated", "__pycache__")
            )
        else:
            shutil.copy2(src, dest / name)
    return dest


def mkdocs_build(project: Path, offline: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, of the published site or (offline) of the offline copy."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true" if offline else "false"}
    env.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,  # the jieba dictionary path is relative to the working directory
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# ---------- configuration ----------


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_config_basics(config):
    assert config["site_name"] == "基层党建与治理公开"  # the data's name is set by a hook
    assert Path(config["docs_dir"]) == ROOT / "docs"
    assert Path(config["site_dir"]) == ROOT / "site"
    assert config["strict"] is True
    assert config["use_directory_urls"] is True


def test_theme_is_material_in_chinese_without_web_fonts(config):
    assert config.theme.name == "material"
    assert config.theme["language"] == "zh"
    assert config.theme["font"] is False
    assert Path(config.theme.custom_dir) == ROOT / "overrides"


def test_nothing_that_calls_other_sites_is_configured(config):
    assert config["extra"]["generator"] is False
    assert not config["repo_url"]  # the theme would call the GitHub API
    for key in ("social", "analytics", "consent", "alternate"):
        assert key not in config["extra"]
    # scripts of our own only, served with the site, that fetch nothing from another site
    assert [str(script) for script in config["extra_javascript"]] == ["assets/sortable.js"]
    for script in config["extra_javascript"]:
        text = (Path(config["docs_dir"]) / str(script)).read_text(encoding="utf-8")
        assert "//" not in text and "http" not in text, script  # no address, no protocol
    assert config["extra_css"] == ["assets/extra.css"]


def test_nav_is_short_and_explicit(config):
    assert config["nav"] == NAV


def test_record_pages_are_not_in_nav(config):
    assert config["not_in_nav"].match_file("generated/villages/v1.md")
    assert not config["not_in_nav"].match_file("guide.md")


def test_intro_and_dictionary_are_not_published(config):
    assert config["exclude_docs"].match_file("_intro.md")
    assert config["exclude_docs"].match_file("generated/jieba_user_dict.txt")
    assert not config["exclude_docs"].match_file("guide.md")


def test_search_segments_chinese_with_the_generated_dictionary(config):
    search = config.plugins["material/search"].config
    assert search["lang"] == ["zh"]
    assert "\\u200b" in search["separator"]
    assert search["jieba_dict_user"] == "docs/generated/jieba_user_dict.txt"


def test_heading_anchors_keep_chinese(config):
    slugify = config["mdx_configs"]["toc"]["slugify"]
    assert slugify("四议两公开 步骤", "-") == "四议两公开-步骤"
    assert slugify("2025年 Q1 财务公开", "-") == "2025年-q1-财务公开"
    assert config["mdx_configs"]["toc"]["permalink"] is True


def test_markdown_extensions_stay_minimal(config):
    assert (
        set(config["markdown_extensions"])
        == {
            "toc",
            "tables",
            "fenced_code",  # added by MkDocs itself
            "attr_list",
            "admonition",
            "md_in_html",  # <div class="no-print" markdown>: parts of a disclosure page kept off the printed sheet
        }
    )


def test_hooks_are_registered(config):
    assert [Path(name).name for name in config["hooks"]] == [
        "regenerate.py",
        "generated_urls.py",
        "form_editor.py",
        "generated_nav.py",
        "offline_copy.py",
        "search_text.py",
        "search_sections.py",
        "tables.py",
        "contents.py",
        "search_index.py",
    ]


@pytest.mark.slow
def test_the_generated_navigation_comes_first(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    shown = list(dict.fromkeys(re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)))
    generated = [label for entry in GENERATED_NAV for label in entry]
    assert [label for label in shown if label in generated + ["关于本站"]] == generated + [
        "关于本站"
    ]


@pytest.mark.slow
def test_every_page_says_the_date_its_states_were_computed_for(built_site):
    pages = sorted(theme_pages(built_site))
    assert len(pages) >= len(GENERATED_PAGES)
    for page in pages:
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert (
            f'<p class="build-date">本页数据统计截至 {BUILD_DATE}（北京时间），网站每天自动更新。</p>'
            in html
        ), page


@pytest.mark.slow
def test_build_without_the_generated_navigation_is_a_clear_error(tmp_path):
    project = copy_shell(tmp_path)
    write_generated_stubs(project / "docs")
    (project / "docs" / "generated" / ".nav.json").unlink()
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "请先运行 python -m generators generate" in result.stdout + result.stderr


def test_hook_strips_only_the_generated_prefix():
    sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
    try:
        from generated_urls import public_dest_uri
    finally:
        sys.path.pop(0)
    assert public_dest_uri("generated/index.html") == "index.html"
    assert public_dest_uri("generated/villages/v1/index.html") == "villages/v1/index.html"
    assert public_dest_uri("about/index.html") == "about/index.html"
    assert public_dest_uri("assets/generated/x.css") == "assets/generated/x.css"


# ---------- building the shell ----------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    project = copy_shell(tmp_path_factory.mktemp("shell"))
    write_generated_stubs(project / "docs")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.slow
def test_generated_pages_get_stable_urls(built_site):
    for src, built in GENERATED_PAGES.items():
        assert (built_site / built).is_file(), f"{src} should be published as /{built}"
    assert not (built_site / "generated").exists()


@pytest.mark.slow
def test_hand_written_pages_are_published(built_site):
    assert (built_site / "about" / "index.html").is_file()
    assert (built_site / "guide" / "index.html").is_file()
    assert (built_site / "assets" / "extra.css").is_file()
    assert (built_site / "assets" / "extra.js").is_file()


@pytest.mark.slow
def test_intro_partial_and_dictionary_stay_out_of_the_site(built_site):
    assert not (built_site / "_intro").exists()
    assert not list(built_site.rglob("jieba_user_dict.txt"))


@pytest.mark.slow
def test_home_page_carries_the_intro(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "如何阅读公开信息" in html
    assert 'href="guide/"' in html  # /guide.md in _intro.md resolved from the home page


@pytest.mark.slow
def test_built_site_makes_no_request_to_another_host(built_site):
    assert find_external_requests(built_site) == []


@pytest.mark.slow
def test_built_site_has_no_links_to_other_sites(built_site):
    assert find_external_links(built_site) == []


def theme_pages(built_site):
    """Every page MkDocs built with the theme: all but the form editor, docs/admin/, copied as it is."""
    return [
        page
        for page in built_site.rglob("*.html")
        if page.relative_to(built_site).parts[0] != "admin"
    ]


@pytest.mark.slow
def test_the_form_editor_is_left_out_without_a_configuration(built_site):
    """Its config.yml comes from the generator, which this shell does not run: an editor that could
    only show an error is not published (overrides/hooks/form_editor.py; tests/test_form_editor.py
    builds it for GitHub and Forgejo)."""
    assert not (built_site / "admin").exists()


@pytest.mark.slow
def test_pages_are_in_chinese_without_theme_credit(built_site):
    for page in theme_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh"' in html, page
        assert "Made with" not in html, page


@pytest.mark.slow
def test_local_resize_observer_loads_before_the_theme_script(built_site):
    for page in theme_pages(built_site):
        html = page.read_text(encoding="utf-8")
        ours, theme = html.find("assets/extra.js"), html.find("assets/javascripts/bundle.")
        assert 0 <= ours < theme, page


@pytest.mark.slow
def test_printed_pages_carry_their_address(built_site):
    for built in ["guide/index.html", "tasks/t1/index.html", "index.html"]:
        html = (built_site / built).read_text(encoding="utf-8")
        assert 'class="print-source"' in html, built


@pytest.fixture(scope="module")
def offline_shell(tmp_path_factory):
    project = copy_shell(tmp_path_factory.mktemp("shell-offline"))
    write_generated_stubs(project / "docs")
    result = mkdocs_build(project, offline=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.slow
def test_the_published_site_has_the_pagefind_box_and_no_themes_search_index(built_site):
    """The published site searches with Pagefind (written after MkDocs): MkDocs writes no
    search index of its own there, and the header still has the search box."""
    assert not (built_site / "search").exists()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "data-site-search" in html and 'for="__search"' in html
    assert 'data-md-component="search"' not in html


@pytest.mark.slow
def test_search_index_keeps_dictionary_words_whole(offline_shell):
    """The offline copy keeps the theme's search, with jieba's words (it works from file://)."""
    index = json.loads((offline_shell / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    titles = [doc["title"] for doc in index["docs"]]
    assert "四议两公开" in titles  # a heading in guide.md, one word thanks to the dictionary
    assert any("\u200b" in doc["text"] for doc in index["docs"])


@pytest.mark.slow
def test_build_fails_when_the_dictionary_is_missing(tmp_path):
    project = copy_shell(tmp_path)
    write_generated_stubs(project / "docs", jieba_dict=False)
    result = mkdocs_build(project, offline=True)  # the offline copy's search reads it
    assert result.returncode != 0
    assert "jieba_dict_user" in result.stdout + result.stderr


@pytest.mark.slow
def test_build_fails_when_a_generated_page_takes_a_hand_written_url(tmp_path):
    project = copy_shell(tmp_path)
    write_generated_stubs(project / "docs")
    (project / "docs" / "generated" / "about.md").write_text("# 冲突\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "docs/generated/about.md" in result.stdout + result.stderr


# ---------- styles ----------


def test_stylesheet_has_the_classes_the_generator_uses():
    css = (ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8")
    for selector in (
        ".status-todo",
        ".status-doing",
        ".status-done",
        ".status-cancelled",
        ".overdue",
        ".due-soon",
        ".md-typeset progress",
        ".print-source",
        ".nowrap",
        ".no-print",
        ".print-only",
        "@media print",
        "@page",
    ):
        assert selector in css, selector
    assert css_urls(css) == []  # no images or fonts at all


# ---------- the scanner itself ----------


def _site_with(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "url, external",
    [
        ("https://fonts.googleapis.com/css", True),
        ("http://example.org/a.png", True),
        ("//cdn.example.org/x.js", True),
        ("data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>", False),
        ("assets/extra.css", False),
        ("../villages/", False),
        ("/assets/x.js", False),
        ("#四议两公开", False),
        ("", False),
    ],
)
def test_is_external(url, external):
    assert is_external(url) is external


def test_scanner_finds_every_kind_of_request(tmp_path):
    site = _site_with(
        tmp_path,
        {
            "index.html": "\n".join(
                [
                    "<html><head>",
                    '<link rel="preconnect" href="https://fonts.gstatic.com">',
                    '<link rel="stylesheet" href="//cdn.example.org/a.css">',
                    '<link rel="canonical" href="https://site.example.org/">',
                    '<script src="https://unpkg.com/x.js"></script>',
                    "<style>body{background:url(https://img.example.org/bg.png)}</style>",
                    "</head><body>",
                    '<img srcset="a.png 1x, https://img.example.org/b.png 2x">',
                    "<div style=\"background-image: url('http://img.example.org/c.png')\"></div>",
                    '<pre class="mermaid">graph</pre>',
                    '<a href="https://www.gov.cn/">政策原文</a>',
                    '<a href="tel:0000-0000000">办公电话</a>',
                    "</body></html>",
                ]
            ),
            "assets/a.css": (
                '@import "https://fonts.example.org/f.css";\n'
                "/* url(https://commented.example.org/x.png) */\n"
                "a{background:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")}\n"
                "b{background:url(https://img.example.org/d.png)}\n"
            ),
            "assets/bundle.js": 'fetch("https://api.github.com/repos")',
        },
    )
    requests = find_external_requests(site)
    assert [(f.path, f.line, f.kind) for f in requests] == [
        ("assets/a.css", 1, "request"),
        ("assets/a.css", 4, "request"),
        ("index.html", 2, "request"),
        ("index.html", 3, "request"),
        ("index.html", 5, "request"),
        ("index.html", 6, "request"),
        ("index.html", 8, "request"),
        ("index.html", 9, "request"),
        ("index.html", 10, "trigger"),
    ]
    assert find_external_links(site) == [
        Finding("index.html", 11, "link", "<a href='https://www.gov.cn/'>")
    ]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_links_and_the_header_are_readable_against_white(config):
    """WCAG AA: 4.5:1 for text. The theme's own red is 3.4:1; the stylesheet darkens it."""
    import re

    css = (ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8")
    palette = config["theme"]["palette"]
    assert palette["primary"] == "red" and palette["accent"] == "red"
    import material

    sheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    theme_css = "".join(p.read_text(encoding="utf-8") for p in sheets.glob("palette*.css"))
    theme_red = re.search(
        r"\[data-md-color-primary=red\]\{--md-primary-fg-color:(#[0-9a-f]{6})", theme_css
    )
    assert (
        theme_red and contrast(theme_red[1], "#ffffff") < 4.5
    )  # the theme's own red (3.45:1) is too faint
    for variable in (
        "--md-primary-fg-color",
        "--md-primary-fg-color--dark",
        "--md-accent-fg-color",
    ):
        [colour] = re.findall(rf"{variable}:\s*(#[0-9a-f]{{6}});", css)
        assert contrast(colour, "#ffffff") >= 4.5, (variable, colour)
