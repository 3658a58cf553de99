# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck eval bench fuzz fixtures clean-out

$(STAMP): pyproject.toml requirements-lock.txt
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements-lock.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf out
	$(BIN)/govreport-parse batch fixtures -o out

test: $(STAMP)
	$(BIN)/ruff check govreport_parse tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check govreport_parse tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

fuzz: $(STAMP)
	GOVREPORT_FUZZ_EXAMPLES=20000 $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider

fixtures: $(STAMP)
	$(BIN)/python scripts/make_fixtures.py
