# THADS — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VENDOR := thads/web/static/vendor
# `make run` serves on 127.0.0.1:$(PORT); e.g. `PORT=8103 make run`.
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

install: $(STAMP) $(VENDOR)/.copied locale

# Re-runs only when the lock files change (idempotent).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(VENDOR)/.copied: package.json package-lock.json thads/common/paper/fonts.py $(STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css $(VENDOR)/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/
	cp node_modules/flatpickr/dist/flatpickr.min.css node_modules/flatpickr/dist/flatpickr.min.js $(VENDOR)/
	cp node_modules/flatpickr/dist/l10n/vn.js $(VENDOR)/flatpickr-vn.js
	mkdir -p $(VENDOR)/fonts
	cp node_modules/@fontsource/tinos/files/tinos-latin-[47]00-*.woff2 \
	   node_modules/@fontsource/tinos/files/tinos-latin-ext-[47]00-*.woff2 \
	   node_modules/@fontsource/tinos/files/tinos-vietnamese-[47]00-*.woff2 $(VENDOR)/fonts/
	$(BIN)/python -m thads.common.paper.fonts $(VENDOR)/fonts
	touch $@

.PHONY: locale
locale: $(STAMP)
	$(BIN)/thads compilecatalogues

run: install
	$(BIN)/thads migrate --noinput
	$(BIN)/thads demo --if-empty
	@echo ""
	@echo "THADS: http://127.0.0.1:$(PORT)"
	$(BIN)/thads demologins
	@# The background jobs (exports, Excel intake, statistics) run in a worker started with the
	@# server and stopped with it (Ctrl-C); docs/operations.md runs both under systemd.
	$(BIN)/thads worker --verbosity 0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(BIN)/thads runserver 127.0.0.1:$(PORT)

# Two workers (the machines have 2 cores); a module stays on one worker (module fixtures).
PYTEST_WORKERS ?= 2
test: install
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Style and layering: ruff, then import-linter's contracts (pyproject.toml, [tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules $(VENDOR) data/*.sqlite3
