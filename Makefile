# Two commands a newcomer needs: `make run` and `make test`. Both create .venv and install the pins first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run DOCS=path` ingests your own documents instead of the samples.
DOCS ?= samples
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format install install-dev worker beat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_companies
	$(BIN)/python manage.py ingest $(DOCS)
	$(BIN)/python manage.py runserver $(HOST)

# axe-core for the accessibility tests, from the lockfile; skipped (and those tests skip) when npm is missing.
tests/e2e/node_modules/.installed: tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/e2e --no-audit --no-fund --loglevel error && touch $@; \
	else echo "npm not found: the accessibility tests will skip (install Node.js to run them)"; fi

test: install-dev tests/e2e/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --no-input
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A newsbase worker --loglevel INFO

beat: install
	$(BIN)/celery -A newsbase beat --loglevel INFO

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# The API's contract fuzzed at length: schemathesis, every operation, with and without a key (CI runs a few
# examples per operation; this runs API_FUZZ_EXAMPLES, 500 unless given). Point DATABASE_URL at PostgreSQL to fuzz it.
API_FUZZ_EXAMPLES ?= 500
.PHONY: api-fuzz
api-fuzz: install-dev
	API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) $(BIN)/pytest tests/api/test_schema_fuzz.py -p no:randomly -q

# Hostile files through ingestion: FUZZ_FILES generated and mutated documents of every format (10,000 unless given),
# stored and linked in FUZZ_JOBS processes with a fresh database each; prints the figures, fails on any crash.
FUZZ_FILES ?= 10000
FUZZ_JOBS ?= 1
.PHONY: fuzz
fuzz: install-dev
	$(BIN)/python benchmarks/fuzz/run.py --files $(FUZZ_FILES) --jobs $(FUZZ_JOBS)
