# Two entry points: `make audit` (install, then audit corpus/) and `make test` (install, then run the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install audit test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# exit status 1 only means "contradicted claims found": the audit itself worked
audit: $(STAMP)
	@$(BIN)/cptaudit check corpus/ --out reports/ --format json; \
	status=$$?; [ $$status -le 1 ] || exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) reports/* .pytest_cache
