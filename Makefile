# Two commands on a fresh machine: `make site` and `make test`.
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
FORMAT ?= text
TODAY ?=
TODAY_ARG := $(if $(TODAY),--today $(TODAY),)
# NO_CACHE=1 checks every file again instead of trusting .cache/ (the publish workflow does).
NO_CACHE ?=
CACHE_ARG := $(if $(NO_CACHE),--no-cache,)
# BASE=main (a branch, tag or commit): published disclosures must not change silently against it.
BASE ?=
BASE_ARG := $(if $(BASE),--base $(BASE),)
# OFFLINE=1: a copy that opens from disk (file://) with search, into site-offline/.
OFFLINE ?=
OFFLINE_ARG := $(if $(OFFLINE),--offline,)
# ADDR=127.0.0.1:8001: where `make serve` previews the site (default 127.0.0.1:8000).
ADDR ?=
ADDR_ARG := $(if $(ADDR),--dev-addr $(ADDR),)

# Node packages for the tests only (the form editor's local backend and YAML writers; yaml-language-server,
# VS Code's YAML engine), from package-lock.json.
NPM ?= npm
NODE_MODULES := node_modules

.PHONY: site validate validate-published mark-published generate serve test lint debian-packages bench json-schema clean
.PHONY: deps offline-kit publish rollback codeowners approvals

# The form editor (Decap CMS, served at /admin/) from the npm registry's decap-cms 3.16.3 package, checked
# against its SHA-256 (the privacy scan in generators/editors/cms.py pins the same bytes). 5 MB: not kept in git.
DECAP_JS := docs/admin/decap-cms.js
DECAP_SHA256 := 7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8

$(DECAP_JS):
	@tmp=$$(mktemp -d) && cd "$$tmp" && { $(NPM) pack decap-cms@3.16.3 --silent >/dev/null || { \
	  echo "取不到表单编辑器 decap-cms 3.16.3：这台电脑连不上 npm 仓库（或它的镜像）。" >&2; \
	  echo "请联网后运行 make deps；政务内网里请用 make offline-kit 在能联网的电脑上做好离线包，" >&2; \
	  echo "拷过来后运行 make deps OFFLINE_KIT=离线包文件夹（见 docs/deploy.md）。" >&2; \
	  rm -rf "$$tmp"; exit 1; }; } && \
	  tar xzf decap-cms-3.16.3.tgz package/dist/decap-cms.js && \
	  echo "$(DECAP_SHA256)  package/dist/decap-cms.js" | sha256sum --check --quiet && \
	  cp package/dist/decap-cms.js "$(CURDIR)/$@.tmp" && cd "$(CURDIR)" && rm -rf "$$tmp" && mv "$@.tmp" "$@"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(NODE_MODULES)/.installed: package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

validate: $(VENV)/.installed
	$(PY) -m generators validate --data $(DATA) --format $(FORMAT) $(TODAY_ARG) $(CACHE_ARG) $(BASE_ARG)

# Publishing: against the commit last published (the tag `published`), or before
# the first publication the first commit, so a direct push to main is checked too.
validate-published: $(VENV)/.installed
	@base=$$(git rev-parse --verify --quiet refs/tags/published || git rev-list --max-parents=0 HEAD | tail -n 1); \
	echo "与上次发布的版本比较：$$base"; \
	$(PY) -m generators validate --data $(DATA) --format $(FORMAT) $(TODAY_ARG) $(CACHE_ARG) --base "$$base"

# After a publication: the tag `published` moves to the published commit and is pushed to the
# repository the job runs in (origin, as the checkout left it: GitHub, Gitea or Forgejo alike), with
# the job's token (GITHUB_TOKEN) when there is one.
mark-published:
	git tag --force published HEAD
	@if [ -n "$${GITHUB_TOKEN:-}" ]; then \
	  auth=$$(printf 'x-access-token:%s' "$$GITHUB_TOKEN" | base64 | tr -d '\n'); \
	  git -c http.extraHeader="Authorization: Basic $$auth" push --force origin refs/tags/published; \
	else git push --force origin refs/tags/published; fi

generate: $(VENV)/.installed
	$(PY) -m generators generate --data $(DATA) $(TODAY_ARG) $(CACHE_ARG)

site: $(VENV)/.installed $(DECAP_JS)
	@$(PY) -m generators site --data $(DATA) $(TODAY_ARG) $(CACHE_ARG) $(BASE_ARG) $(OFFLINE_ARG)

serve: $(VENV)/.installed $(DECAP_JS)
	$(PY) -m generators serve --data $(DATA) $(TODAY_ARG) $(CACHE_ARG) $(ADDR_ARG)

# Every test: the fast tier that a plain `pytest` runs, and the browser and slow tiers (--all;
# markers in tests/tiers.py), spread over every core by pytest-xdist (TEST_WORKERS=0: in this
# process), each test file on one worker, the slowest shown at the end. Debian packages first.
TEST_WORKERS ?= auto
test: lint debian-packages $(VENV)/.installed $(NODE_MODULES)/.installed $(DECAP_JS)
	$(PY) -m pytest --all -n $(TEST_WORKERS) --dist loadfile --durations=25

# What the tests need from Debian (Chromium, zbar, poppler, CJK fonts, Node.js, git, venv):
# installed when missing (as root, or with sudo from a terminal), else named in one line.
debian-packages:
	@PYTHON=$(PYTHON) tests/debian-packages

# Lint (ruff), formatting (ruff format) and types (mypy), as configured in pyproject.toml: all
# three report, then it fails if one did. The same run before each commit (.pre-commit-config.yaml).
lint: $(VENV)/.installed
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status

# The JSON Schemas editors check records with (schemas/json/) and VS Code's settings, from schemas/*.yaml.
json-schema: $(VENV)/.installed
	$(PY) -m generators json-schema

bench: $(VENV)/.installed
	$(PY) -m generators bench

clean:
	rm -rf site site-offline docs/generated .pytest_cache

# Dependencies fetched once, so that `make site` needs no network afterwards (政务内网): from PyPI
# and npm or their mirrors (docs/deploy.md), or with OFFLINE_KIT=DIR from a folder `make offline-kit`
# made on a machine that reaches them (same operating system and Python version).
OFFLINE_KIT ?=
KIT ?= offline-kit

deps:
	@if [ -z "$(OFFLINE_KIT)" ]; then $(MAKE) --no-print-directory $(VENV)/.installed $(DECAP_JS); \
	elif [ ! -d "$(OFFLINE_KIT)/wheels" ] || [ ! -f "$(OFFLINE_KIT)/decap-cms.js" ]; then \
	  echo "$(OFFLINE_KIT) 不是完整的离线包（缺少 wheels/ 或 decap-cms.js）：请用 make offline-kit 重新制作" >&2; \
	  exit 1; \
	else \
	  echo "从离线包 $(OFFLINE_KIT) 安装依赖" && \
	  $(PYTHON) -m venv $(VENV) && \
	  $(PY) -m pip install --quiet --disable-pip-version-check --no-index \
	    --find-links "$(OFFLINE_KIT)/wheels" -r requirements.txt && \
	  touch $(VENV)/.installed && \
	  echo "$(DECAP_SHA256)  $(OFFLINE_KIT)/decap-cms.js" | sha256sum --check --quiet && \
	  cp "$(OFFLINE_KIT)/decap-cms.js" $(DECAP_JS); \
	fi

# The offline kit: every Python package as a wheel (PyPI or its mirror; sdists are built into
# wheels here) and the form editor's bundle, checked against its SHA-256.
offline-kit: $(DECAP_JS)
	rm -rf "$(KIT)" && mkdir -p "$(KIT)/wheels"
	$(PYTHON) -m pip wheel --quiet --disable-pip-version-check -w "$(KIT)/wheels" -r requirements.txt
	cp $(DECAP_JS) "$(KIT)/decap-cms.js"
	cp requirements.txt "$(KIT)/requirements.txt"
	@echo "离线包已做好：$(KIT)/（拷到内网的电脑上，运行 make deps OFFLINE_KIT=$(KIT)）"

# Publishing to the county's web server: the built site into WEB_ROOT/releases/<commit>/ and the
# link WEB_ROOT/current switched at once (generators/deploy/webroot.py); the last KEEP releases stay.
WEB_ROOT ?=
KEEP ?= 5

publish: $(VENV)/.installed
	@test -n "$(WEB_ROOT)" || { echo "用法：make publish WEB_ROOT=网站根目录（先运行 make site）" >&2; exit 2; }
	$(PY) -m generators publish --web-root "$(WEB_ROOT)" --keep $(KEEP)

rollback: $(VENV)/.installed
	@test -n "$(WEB_ROOT)" || { echo "用法：make rollback WEB_ROOT=网站根目录" >&2; exit 2; }
	$(PY) -m generators rollback --web-root "$(WEB_ROOT)"

# Who approves what: CODEOWNERS from the records and reviewers.yml, and the approval check (CI).
codeowners: $(VENV)/.installed
	$(PY) -m generators codeowners --data $(DATA)

approvals: $(VENV)/.installed
	$(PY) -m generators approvals --data $(DATA)
