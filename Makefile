# The README's commands. Everything installs into .venv; `make test` also installs Debian's chromium and postgresql.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE := data/warehouse/migdash.duckdb
DEMO_WAREHOUSE := data/warehouse/demo.duckdb
PORT ?= 8501

.PHONY: install run demo refresh test bench browser postgres audit clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: install
	@case "$${MIGDASH_WAREHOUSE:-}" in postgres*) ;; *) [ -f "$${MIGDASH_WAREHOUSE:-$(WAREHOUSE)}" ] || $(BIN)/migdash refresh;; esac
	$(BIN)/streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT)

demo: install
	$(BIN)/migdash refresh --raw data/demo --warehouse $(DEMO_WAREHOUSE)
	MIGDASH_WAREHOUSE=$(DEMO_WAREHOUSE) $(BIN)/streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT)

refresh: install
	$(BIN)/migdash refresh

browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null)

audit: install
	$(BIN)/python -m tools.audit

test: install browser postgres audit
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install browser postgres
	$(BIN)/python -m bench.run

eval: install
	$(BIN)/pip install --quiet -e ".[eval]"
	$(BIN)/python -m scripts.press.evaluate; status=$$?; $(BIN)/python -m scripts.normalize.country_evaluation && exit $$status

clean:
	rm -rf $(VENV) data/warehouse test-artifacts bench/results
