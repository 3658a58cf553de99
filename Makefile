# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test system-deps lint typecheck eval bench fuzz fixtures lock

$(STAMP): pyproject.toml requirements-lock.txt
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements-lock.txt -e '.[dev]'
	touch $(STAMP)

# Batch-parse the fixtures into out/ and print the summary.
demo: $(STAMP)
	rm -rf out
	$(BIN)/govreport-parse batch fixtures -o out; status=$$?; [ $$status -le 1 ] || exit $$status

# Lint, types, and the whole test suite (browser and CJK-font tests need system-deps).
test: $(STAMP) system-deps
	$(BIN)/ruff check govreport_parse tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Chromium, chromedriver and a CJK font from Debian's packages (root only; skipped otherwise).
system-deps:
	bash scripts/system_deps.sh

lint: $(STAMP)
	$(BIN)/ruff check govreport_parse tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# Scores against the hand-read gold corpus in ../shared; fails below the pinned floors.
eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py --check
	$(BIN)/python scripts/docnumber_eval.py

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# The long fuzz run (CI runs a fixed small number of examples).
fuzz: $(STAMP)
	GOVREPORT_FUZZ_EXAMPLES=20000 $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider

# Regenerate the PDF/DOCX/HTML fixtures from fixtures/src (needs a CJK font).
fixtures: $(STAMP)
	$(BIN)/python scripts/make_fixtures.py

# Re-pin the lock file from the current environment.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^govreport' > requirements-lock.txt
