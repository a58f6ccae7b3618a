# Two commands: `make run` (the app on the demo database) and `make test` (lint + all tests).
# Each creates .venv itself on a fresh machine.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
# pytest processes for `make test`: two, the CI machine's cores (each browser test mostly waits)
TEST_WORKERS ?= 2
export TRACKER_DB ?= data/tracker.db
# the address in the snapshot links `make run` shows, unless set: the port it serves
run: export TRACKER_PUBLIC_URL ?= http://localhost:$(PORT)

.PHONY: run test lint bench clean system-packages

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	@if [ -f "$$TRACKER_DB" ]; then $(BIN)/tracker init; else $(BIN)/tracker init --demo; fi
	@echo "Open http://localhost:$(PORT) and sign in (a new database opens on the first-run page)."
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

# Debian's chromium and python3-venv: installed as root, otherwise the one command to run
system-packages:
	@bash .ci/system-packages

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: system-packages lint
	$(BIN)/pytest -n $(TEST_WORKERS)

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts bench/out
