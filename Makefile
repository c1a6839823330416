# OneVisit: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
SYSTEM_PACKAGES := chromium graphviz fonts-noto-cjk postgresql
# makemessages/compilemessages (the English catalogue and its test).
SYSTEM_PACKAGES += gettext
# The local OpenSearch node (search/engine) is built with Maven and runs on Java 17.
SYSTEM_PACKAGES += maven openjdk-17-jdk-headless
# The shared cache of a multi-host deployment; its tests start their own server.
SYSTEM_PACKAGES += redis-server
# The caching proxy of deploy/nginx and its purge module; tests/portal/test_nginx.py runs it.
SYSTEM_PACKAGES += nginx libnginx-mod-http-cache-purge
# A C compiler: gunicorn's C request parser (gunicorn_h1c) is published as source only.
SYSTEM_PACKAGES += build-essential
# Only `make bench` needs these (HTTP load generator).
BENCH_PACKAGES := wrk
export PYTHONPATH := $(CURDIR)

.PHONY: messages run test bench bench-packages loadtest lint format system-packages python-deps node-deps deps demo clean search-engine \
	test-sqlite test-postgres search-engine-build django-checks poster-fonts

# After the system packages: pip compiles gunicorn_h1c with their compiler.
$(VENV)/.installed: pyproject.toml | system-packages
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $@

python-deps: $(VENV)/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

node-deps: node_modules/.installed

# System packages the site and its tests need; installed only when missing (needs root).
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "安装系统软件包:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

deps: system-packages python-deps node-deps

# Fetches the node from Maven Central once; the search tests start one node per pytest
# session with engine.sh (tests/search/conftest.py) and stop it at the end.
search-engine-build: system-packages
	search/engine/engine.sh build

demo: python-deps
	mkdir -p var
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo_content --if-empty

run: system-packages python-deps demo
	@echo ""
	@echo "  站点:     http://127.0.0.1:8000/"
	@echo "  后台:     http://127.0.0.1:8000/admin/   用户名 admin  密码 onevisit-demo"
	@echo ""
	@# Background tasks (poster batches, imports, outbox replay) run in a worker beside the server.
	$(MANAGE) db_worker & worker=$$!; trap "kill $$worker" EXIT; \
		$(MANAGE) runserver 127.0.0.1:8000

lint: python-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: python-deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The two passes of `make test`. What the run's database cannot change runs once: browser
# journeys and the other tests marked db_independent (pyproject.toml) in the SQLite pass only;
# tests of PostgreSQL itself (marked postgres) and tests against the search engine (marked
# opensearch: PostgreSQL and OpenSearch are the production pairing, and the outbox's row locks
# are PostgreSQL's) in the PostgreSQL pass only; everything else in both.
# A plain `pytest` runs all of it on SQLite.
test-sqlite: deps search-engine-build
	$(PY) -m pytest -q -m "not postgres and not opensearch"

# Its own cluster on a free port in a fresh folder (scripts/postgres.sh run).
test-postgres: deps search-engine-build
	scripts/postgres.sh run $(PY) -m pytest -q -m "not e2e and (not db_independent or opensearch)"

# Like bakerydemo's CI: the models and their migrations agree, and Django's checks pass.
# The English catalogue: collect the marked strings, translate the new ones in
# locale/en/LC_MESSAGES/django.po, then run this again to compile (tests/test_translations.py).
messages: python-deps
	$(MANAGE) makemessages -l en --add-location=file --no-obsolete --ignore='.venv/*' --ignore='node_modules/*' \
		--ignore='var/*' --ignore='tests/*' --ignore='benchmarks/*' --ignore='tools/*' --ignore='scripts/*' --ignore='loadtest/*'
	$(MANAGE) compilemessages -l en

django-checks: python-deps
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

# Once, not in each pass: both would reduce the poster fonts (posters/fonts.py) on their first
# poster, one waiting for the other.
poster-fonts: python-deps
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) prepare_poster_fonts

# Both passes at once after lint and the checks (scripts/test-passes.sh): SQLite's output as
# it runs, PostgreSQL's when both are done; fails if either fails and says which.
test: lint django-checks deps search-engine-build poster-fonts
	@scripts/test-passes.sh "$(MAKE)"

bench-packages:
	@missing=""; for p in $(BENCH_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "安装基准测试软件包:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

bench: deps bench-packages
	$(PY) -m benchmarks

# Load and fault test on loopback (not in CI): locust from the `load` extra; the catalogue is
# loaded into PostgreSQL once (var/loadtest/). `make loadtest LOADTEST_ARGS="--duration 10"`
# for a quick run.
$(VENV)/.load-installed: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[load]'
	touch $@

loadtest: deps search-engine-build $(VENV)/.load-installed
	$(PY) -m loadtest $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules var

search-engine:
	search/engine/engine.sh run
