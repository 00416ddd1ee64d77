# Gongkai — one command for everything on a fresh machine: `make demo`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell md5sum pyproject.toml | cut -c1-8)
# Debian packages the project needs: CJK fonts for PDFs and charts, poppler-utils for
# rendering PDF pages to PNG in tests, libharfbuzz-subset0 so that WeasyPrint subsets
# CJK fonts fast (without it each PDF takes seconds longer), chromium for the browser tests.
APT_PACKAGES := fonts-noto-cjk poppler-utils libharfbuzz-subset0 chromium
PYTEST_WORKERS ?= 2

.PHONY: install system-packages demo test test-fast bench lint clean

install: system-packages $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "安装系统软件包：$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "缺少系统软件包：$$missing（请以 root 运行 make，或手动 apt-get install）"; exit 1; \
	  fi; \
	fi

demo: install
	@$(BIN)/python -m gongkai.demo

# The whole suite (Django tests on SQLite unless DATABASE_URL says otherwise), then the Django
# and browser tests (tests/web, tests/browser) once more on PostgreSQL when a server answers on
# PG_HOST:PG_PORT.
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_TEST_URL ?= postgres://postgres@$(PG_HOST):$(PG_PORT)/gongkai

test: install
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) -p no:cacheprovider
	@if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h $(PG_HOST) -p $(PG_PORT); then \
	  echo "PostgreSQL 可用：在 PostgreSQL 上再运行 Django 测试和浏览器测试（tests/web、tests/browser）"; \
	  DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) -p no:cacheprovider tests/web tests/browser; \
	else \
	  echo "PostgreSQL 不可用（$(PG_HOST):$(PG_PORT)）：跳过 PostgreSQL 上的 Django 测试"; \
	fi

test-fast: install
	$(BIN)/python -m pytest -q -x -p no:cacheprovider

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check gongkai tests bench tools web

clean:
	rm -rf $(VENV) out var .pytest_cache .ruff_cache .hypothesis
