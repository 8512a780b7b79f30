# ---- The game server examples (issue 18, point 1): examples/c/game_server.c, which grants from
# the engine's event log into its own SQLite database, and examples/node/service.js, which grants
# from signed webhooks into a state file. Each test drives real processes (the simulated node,
# `tronpay watch`, the example) on 127.0.0.1 and kills the example with SIGKILL mid-run.
.PHONY: test-example-c test-example-node
GAME_SERVER := $(BUILD)/examples/game_server

# Not a numbered demo step (it needs a chain to watch), so its own rule; -lsqlite3 for the
# game's database (the library itself links SQLite too, but the example must not rely on that).
$(GAME_SERVER): examples/c/game_server.c examples/c/json_lite.h include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/examples
	$(CC) $(TEST_CFLAGS) -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..' -lsqlite3

test-example-c: $(GAME_SERVER) $(TOOL)
	TRONPAY_TOOL=$(CURDIR)/$(TOOL) timeout 600 python3 examples/c/test_game_server.py \
	  $(CURDIR)/$(GAME_SERVER)

test-example-node: lib $(NODE_ADDON) $(TOOL)
	$(BINDING_ENV) TRONPAY_TOOL=$(CURDIR)/$(TOOL) timeout 600 python3 examples/node/test_service.py
