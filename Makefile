# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test reliability bench lint clean wheelhouse

$(VENV)/.stamp-run: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[test,dev]'
	touch $@ $(VENV)/.stamp-run

run: $(VENV)/.stamp-run
	$(VENV)/bin/mpa $(ARGS)

test: $(VENV)/.stamp-test
	$(PY) -m pytest -n 2 -q $(PYTEST_ARGS)

reliability: $(VENV)/.stamp-test
	MPA_RELIABILITY_FULL=1 $(PY) -m pytest -q -s -m reliability $(PYTEST_ARGS)

bench: $(VENV)/.stamp-test
	$(PY) bench/run.py

# dist/mpa-tui-<version>-offline/: wheels for Windows + Linux, CPython 3.11-3.13, and the
# installers, to copy to a USB stick (needs PyPI; see README "Install from a USB stick").
wheelhouse: $(VENV)/.stamp-run
	$(PY) tools/wheelhouse.py $(ARGS)

lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check src tests data bench tools packaging
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
