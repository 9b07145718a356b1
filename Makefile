# Two commands matter: `make site` (build the example site into site/) and `make test`.
# Both create .venv and install the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

A11Y_STAMP := tests/a11y/node_modules/.installed
# Material prints a notice about its end of life (May 2027) on every build; the README covers it.
export NO_MKDOCS_2_WARNING := 1
# Values given on the command line are taken as written ($(value …)), never expanded: make would
# otherwise export them to every command, expanded, and a title holding $(shell …) would run it.
unexport TITLE NAME ORG LANGUAGE COUNTRY TIMEZONE URL PRIMARY ACCENT REGION FORCE STATUS LOGS

.PHONY: site serve test check lint bench clean new-vacancy new-story new-site deploy-schedule cms publish report nav

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

# The deploy workflows' build: check and build; on a mistake, build the last content that built, as
# of today, and exit 3 (hooks/careersite/publish/deploy.py). STATUS=<file> receives status=<word>.
publish: export CAREERSITE_STATUS := $(value STATUS)
publish: $(STAMP)  ## build for deploying; on a content mistake, the last good content as of today (exit 3)
	@PYTHONPATH=hooks $(BIN)/python -m careersite publish mkdocs.yml $${CAREERSITE_STATUS:+--status "$$CAREERSITE_STATUS"}

deploy-schedule: $(STAMP)  ## print the nightly rebuild's schedule for the site's time zone (README: Deploy)
	@PYTHONPATH=hooks $(BIN)/python -m careersite deploy-schedule mkdocs.yml

# The accessibility test runs axe-core in Chromium through Node.js; without npm it is skipped.
$(A11Y_STAMP): tests/a11y/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/a11y && npm ci --silent --no-audit --no-fund && touch node_modules/.installed; \
	else echo "npm not found: the accessibility test will be skipped"; fi

# The web editor's local server: on 127.0.0.1 only, for the preview's page only, into the content
# folders only (hooks/careersite/editor/server.py). It reads no .env.
cms: $(STAMP)  ## let the web editor at http://127.0.0.1:8000/admin/ save into this folder (with make serve running)
	@PYTHONPATH=hooks $(BIN)/python -m careersite cms mkdocs.yml

test: $(STAMP) $(A11Y_STAMP)  ## run the whole test suite
	$(BIN)/ruff check hooks tests benchmarks tools
	$(BIN)/ruff format --check hooks tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile

# The reach report (README: Reach per channel): page views per channel from the web server's logs,
# into report/ (never into site/). LOGS: files or patterns, separated by spaces; split and expanded, never run.
# GOATCOUNTER=yes: also a new export of the site's GoatCounter (setting analytics; key in GOATCOUNTER_TOKEN).
report: export CAREERSITE_LOGS := $(value LOGS)
report: $(STAMP)  ## page views per channel from access logs: make report LOGS="/var/log/nginx/access.log*"
	@PYTHONPATH=hooks $(BIN)/python -m careersite report $(if $(filter yes,$(GOATCOUNTER)),--goatcounter) $$CAREERSITE_LOGS

# NAV's stillingsimport (Norway, README: NAV): the ads checked, and with SEND=yes sent (NAV_PROVIDER_ID, NAV_TOKEN).
nav: $(STAMP)  ## the open vacancies as NAV ads, checked; make nav SEND=yes sends them
	@PYTHONPATH=hooks $(BIN)/python -m careersite nav $(if $(filter yes,$(SEND)),--send)

bench: $(STAMP)  ## build a synthetic site of 1000 vacancies and 200 stories and print timings
	PYTHONPATH=hooks $(BIN)/python benchmarks/bench.py

# Values reach the commands as environment variables, taken as written ($(value …) and :=), never
# through the shell's parsing: a title with backticks, $, quotes or a line break is just text.
new-vacancy: export CAREERSITE_TITLE := $(value TITLE)
new-vacancy: $(STAMP)  ## create vacancies/<title>.md to fill in: make new-vacancy TITLE="Beleidsadviseur Wonen"
	@PYTHONPATH=hooks $(BIN)/python -m careersite new vacancy "$$CAREERSITE_TITLE"

new-story: export CAREERSITE_NAME := $(value NAME)
new-story: $(STAMP)  ## create stories/<name>.md to fill in: make new-story NAME="Fatima El Amrani"
	@PYTHONPATH=hooks $(BIN)/python -m careersite new story "$$CAREERSITE_NAME"

# A value is passed only when given on the command line (LANGUAGE, for one, is also an environment
# variable of the system), as an environment variable CAREERSITE_NEW_<NAME> taken as written.
given = $(if $(filter command line,$(origin $(1))),$(value $(1)))
new-site: export CAREERSITE_NEW_ORG := $(call given,ORG)
new-site: export CAREERSITE_NEW_LANGUAGE := $(call given,LANGUAGE)
new-site: export CAREERSITE_NEW_COUNTRY := $(call given,COUNTRY)
new-site: export CAREERSITE_NEW_TIMEZONE := $(call given,TIMEZONE)
new-site: export CAREERSITE_NEW_URL := $(call given,URL)
new-site: export CAREERSITE_NEW_PRIMARY := $(call given,PRIMARY)
new-site: export CAREERSITE_NEW_ACCENT := $(call given,ACCENT)
new-site: export CAREERSITE_NEW_REGION := $(call given,REGION)
new-site: $(STAMP)  ## turn this fork into an empty site; asks what is not given: make new-site ORG="Gemeente Noordveen" LANGUAGE=nl COUNTRY=NL URL=https://werkenbij.noordveen.nl/ PRIMARY="#1F4E79" ACCENT="#E8A317" [TIMEZONE=…] [REGION=…] [FORCE=1]
	@PYTHONPATH=hooks $(BIN)/python -m careersite new site --from-environment $(if $(filter 1 yes true,$(value FORCE)),--force)

clean:
	rm -rf site site.partial site.partial-cards-* site.old-* .cache
