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

.PHONY: site validate generate serve test bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

validate: $(VENV)/.installed
	$(PY) -m generators validate --data $(DATA) --format $(FORMAT) $(TODAY_ARG) $(CACHE_ARG)

generate: $(VENV)/.installed
	$(PY) -m generators generate --data $(DATA) $(TODAY_ARG) $(CACHE_ARG)

site: $(VENV)/.installed
	$(PY) -m generators site --data $(DATA) $(TODAY_ARG) $(CACHE_ARG)

serve: $(VENV)/.installed
	$(PY) -m generators serve --data $(DATA) $(TODAY_ARG) $(CACHE_ARG)

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m generators bench

clean:
	rm -rf site docs/generated .pytest_cache
