# The two set-up commands of the README:
#   make demo   create .venv, install graphkit, build the graph of the bundled sample (data/)
#   make test   install the test tools too (Node linter, Chromium if missing) and run the suite
.PHONY: demo test venv test-deps clean

VENV := .venv
PY := $(VENV)/bin/python
OUT ?= graphkit-out

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(./scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

venv: $(VENV)/.installed

demo: venv
	$(VENV)/bin/graphkit build data/ --out $(OUT)

test-deps: venv
	@./scripts/test-deps

test: test-deps
	@$(PY) -m pytest -q || { rc=$$?; [ $$rc = 5 ] && echo 'pytest collected no tests (exit 5)' >&2; exit $$rc; }

clean:
	tools/neo4j/stop
	rm -rf $(VENV) $(OUT) tools/cypher-lint/node_modules tools/neo4j/.cache
