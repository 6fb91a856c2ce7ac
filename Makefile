# Two entry points: `make audit` (install, then audit corpus/) and `make test` (install, then run the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install audit test browser bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# exit status 1 only means "contradicted claims found": the audit itself worked
audit: $(STAMP)
	@$(BIN)/cptaudit check corpus/ --out reports/; \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	echo "Open the HTML report: $(CURDIR)/reports/index.html"

# the browser test drives Debian's chromium through Playwright (Playwright's own browser download is never used)
browser:
	@[ -x /usr/bin/chromium ] || (export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null)

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# throughput figures (printed, not asserted): N=2000 by default, e.g. `make bench N=200`
N ?= 2000
bench: $(STAMP)
	$(BIN)/python bench/bench.py --articles $(N)

# precision and recall on the labelled sets in eval/sets/ (and the seeds, when ../shared is there)
eval: $(STAMP)
	$(BIN)/python eval/run.py

clean:
	rm -rf $(VENV) reports/* .pytest_cache .cptaudit-cache
