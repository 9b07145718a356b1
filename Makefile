# Two commands matter: `make site` (build the example site into site/) and `make test`.
# Both create .venv and install the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

site: $(STAMP)  ## build the site into site/ (previous site/ stays until the new one is complete)
	$(BIN)/mkdocs build

serve: $(STAMP)  ## preview with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve

check: $(STAMP)  ## check all content and data files without building
	PYTHONPATH=hooks $(BIN)/python -m careersite check mkdocs.yml

test: $(STAMP)  ## run the whole test suite
	$(BIN)/ruff check hooks tests benchmarks tools
	$(BIN)/python -m pytest

bench: $(STAMP)  ## build a synthetic site of 1000 vacancies and 200 stories and print timings
	PYTHONPATH=hooks $(BIN)/python benchmarks/bench.py

clean:
	rm -rf site site.partial site.previous .cache
