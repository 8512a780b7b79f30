# ---- `make demo`, part 2 (issues 16 and 18): examples/demo/demo.py starts the simulated node,
# `tronpay watch`, the Flask shop, the Node service, the C game server and the PHP-FPM checkout on
# 127.0.0.1, lets the simulated chain pay their orders, prints what each side saw, and stops
# everything it started. A tool not built yet is built in debug (about 40% less CPU from cold
# than release); `make tool` builds the release one, which the demo then uses.
.PHONY: demo-engine
demo-engine: TOOL_CONFIG = debug
# Paths spelled out: this file is read before mk/examples-*.mk, whose variables (VENV,
# GAME_SERVER) are still empty here.
demo-engine: deps lib $(TOOL) $(BUILD)/venv $(NODE_ADDON) $(BUILD)/examples/game_server
	@echo; echo "=== Part 2: a shop taking USDT with the engine (examples/demo/demo.py)"
	$(BINDING_ENV) TRONPAY_FFI_HEADER=$(CURDIR)/$(BUILD)/tronpay_ffi.h PHP_FPM=$(PHP_FPM) \
	  timeout 300 python3 examples/demo/demo.py $(CURDIR)/$(TOOL) $(CURDIR)/$(LIB)

# The shop's venv needs python3-venv (Debian ships ensurepip apart).
deps: deps-examples-python

# Each example against the simulated node with `tronpay watch` (mk/examples-*.mk).
.PHONY: test-examples
test-examples: test-example-python test-example-php test-example-c test-example-node
