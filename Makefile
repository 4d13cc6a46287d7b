# Convene: `make demo` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export CONVENE_VAR_DIR ?= $(CURDIR)/var

.PHONY: help install install-dev demo serve worker migrate messages compilemessages test test-fast lint format lock bench clean

help:
	@echo "make demo   install, migrate, load demo data, run the task worker and serve on http://127.0.0.1:$(PORT)"
	@echo "make test   install and run the whole test suite"
	@echo "make lint   ruff, mypy and the layers of imports (lint-imports)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-base: $(BIN)/python requirements/base.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-base requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed-base compilemessages
install-dev: $(VENV)/.installed-dev node_modules/.installed compilemessages

# .mo files are built from the .po sources with Babel, so no gettext tools are needed.
compilemessages: $(VENV)/.installed-base
	@$(BIN)/python bin/compile_messages.py

# The demo runs as production does (DEBUG off, real error pages, static files compressed by
# WhiteNoise, gunicorn), with a secret key made once for this machine under var/.
SECRET_KEY_FILE := $(CONVENE_VAR_DIR)/secret_key
DEMO_ENV = CONVENE_SECRET_KEY="$$(cat $(SECRET_KEY_FILE))"

$(SECRET_KEY_FILE):
	mkdir -p $(CONVENE_VAR_DIR)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

migrate: install $(SECRET_KEY_FILE)
	mkdir -p $(CONVENE_VAR_DIR)/static $(CONVENE_VAR_DIR)/mail
	$(DEMO_ENV) $(BIN)/python -m convene migrate --noinput

demo: migrate
	$(DEMO_ENV) $(BIN)/python -m convene collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/python -m convene load_demo --force
	@echo
	@echo "Convene is at http://127.0.0.1:$(PORT)/  (sign in as organizer@example.org / convene-demo)"
	@echo "Emails it sends are kept in $(CONVENE_VAR_DIR)/mail/"
	@echo
	$(DEMO_ENV) PORT=$(PORT) $(BIN)/python bin/demo.py

worker: install $(SECRET_KEY_FILE)
	$(DEMO_ENV) $(BIN)/python -m convene db_worker

messages: install-dev
	cd src/convene && CONVENE_TESTING=1 ../../$(BIN)/python -m convene makemessages -l ar -l zh_Hans -l fr -l de -l id -l ru -l es -l hi -l pt_BR --no-obsolete --no-location --ignore 'static/*'
	@$(BIN)/python bin/compile_messages.py

test: install-dev
	bin/run-tests

test-fast: install-dev
	$(BIN)/pytest -x -q -m "not browser" -n 2

lint: install-dev
	$(BIN)/ruff check src tests bench bin
	$(BIN)/ruff format --check src tests bench bin
	CONVENE_TESTING=1 $(BIN)/mypy
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format src tests bench bin
	$(BIN)/ruff check --fix src tests bench bin

lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev.txt pyproject.toml

bench: install-dev
	@echo "See bench/README.md: each script prints its figures and updates docs/benchmarks.md."

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
