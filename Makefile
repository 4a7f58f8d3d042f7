# MyColl back end. `make run` serves the API; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WEB_CONCURRENCY ?= 2
# gunicorn's options beyond the address and the workers; the bench measures `make run` with
# exactly these (bench/README.md).
GUNICORN_OPTIONS ?= --access-logfile -

.PHONY: run test lint format venv migrate bench clean chromium print-gunicorn-options

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(BIN)/activate

venv: $(BIN)/activate

# A local signing key for `make run` and `make test` when SECRET_KEY is not set; git-ignores it.
.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
	@chmod 600 .secret_key

migrate: venv .secret_key
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "MyColl API on http://127.0.0.1:$(PORT)/ and its task worker (Ctrl-C stops both)"
	@$(BIN)/python manage.py resume_imports --stale-after 0
	@$(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn mycoll.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers $(WEB_CONCURRENCY) $(GUNICORN_OPTIONS)

print-gunicorn-options:
	@echo $(GUNICORN_OPTIONS)

# The browser tests drive Debian's headless Chromium; installed here when missing.
chromium:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "Installing Debian's chromium and chromium-driver for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: venv .secret_key chromium
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache db.sqlite3 staticfiles/*

# Benchmarks the API against a bare Django floor and its own stack (bench/README.md): starts
# PostgreSQL's mycoll_bench database (BENCH_DB_NAME), the fake TMDb and gunicorn on loopback by
# itself, installs wrk if missing. `make bench BENCH_ARGS=--quick` for a run of about 4 minutes; the full run takes about 50.
bench: venv .secret_key
	$(BIN)/python bench/run.py $(BENCH_ARGS)
