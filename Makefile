# Samtale: `make run` starts the app, `make test` runs every test. Nothing else is needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
MO := samtale/translations/en/LC_MESSAGES/messages.mo samtale/translations/da/LC_MESSAGES/wtforms.mo
PO := samtale/translations/en/LC_MESSAGES/messages.po samtale/translations/da/LC_MESSAGES/wtforms.po

.PHONY: run test demo bench install system-deps translations extract lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

$(MO): $(PO) | $(STAMP)
	$(BIN)/pybabel -q compile -d samtale/translations -D messages
	$(BIN)/pybabel -q compile -d samtale/translations -D wtforms

install: $(STAMP) $(MO)

translations: $(MO)

## run: install, apply migrations and serve at http://127.0.0.1:5000 (SAMTALE_* to change)
run: install
	$(BIN)/samtale serve

## demo: fill an empty database with fictional people and conversations
demo: install
	$(BIN)/samtale demo

## test: install test tools and, as root, Chromium and fonts; then run the whole suite
test: $(TEST_STAMP) $(MO) system-deps
	CI=$${CI:-true} $(PY) -m pytest -q -n 2 --dist loadfile

## bench: seed a large database and measure latency (not part of test; docs/performance.md)
bench: $(TEST_STAMP) $(MO)
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing wrk (Debian package)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "wrk is missing: run 'sudo apt-get install wrk'"; exit 1; \
	  fi; \
	fi
	$(PY) -m bench.run

system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'DejaVu Sans'; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Chromium and fonts (Debian packages)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else \
	    echo "Chromium and fonts-dejavu-core are missing: run 'sudo apt-get install chromium fonts-dejavu-core'"; exit 1; \
	  fi; \
	fi

## extract: refresh the message catalog from the code and templates
extract: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k _ -k gettext -k ngettext:1,2 \
	  --no-location --sort-output --omit-header -o samtale/translations/messages.pot .
	$(BIN)/pybabel -q update -i samtale/translations/messages.pot -d samtale/translations -D messages --no-fuzzy-matching

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
