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

test: install-dev
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
