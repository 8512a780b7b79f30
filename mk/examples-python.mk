# ---- The Python shop example (examples/python/shop, issue 18): a Flask backend on the engine,
# tested end to end as real processes: the simulated node, `tronpay watch` and the app.
.PHONY: deps-examples-python test-example-python
SHOP_EXAMPLE := examples/python/shop
VENV := $(BUILD)/venv

# `python3 -m venv` needs ensurepip, which Debian ships apart in python3-venv.
deps-examples-python:
	@python3 -c 'import ensurepip, venv' 2>/dev/null || scripts/install-missing python3-venv

# --system-site-packages: the venv sees the pytest `make deps` installed, and pip skips a Flask
# the system already has at the pinned version. A failed install removes the venv, so make
# never takes a half-made one as up to date.
$(VENV): $(SHOP_EXAMPLE)/requirements.txt | deps-examples-python
	@mkdir -p $(BUILD)
	rm -rf $@
	python3 -m venv --system-site-packages $@
	@{ $@/bin/python -m pip install -q --disable-pip-version-check -r $< && \
	  { $@/bin/python -c 'import pytest' 2>/dev/null || \
	    $@/bin/python -m pip install -q --disable-pip-version-check pytest; }; } || \
	  { rm -rf $@; echo "$@: pip install failed"; exit 1; }
	touch $@

# TRONPAY_TOOL is the tool this tree built; the sim, the watch and the app all bind 127.0.0.1.
# About 20 s; the test bounds each wait itself, timeout bounds the whole run.
test-example-python: lib $(TOOL) $(VENV)
	$(BINDING_ENV) TRONPAY_TOOL=$(CURDIR)/$(TOOL) timeout 600 $(VENV)/bin/python -m pytest -q \
	  -p no:cacheprovider $(SHOP_EXAMPLE)/test_shop.py
