# libtronpay — `make demo` and `make test` are the only commands a fresh machine needs.
SHELL := /bin/bash
PREFIX ?= /usr/local
BUILD := build
LIB := $(BUILD)/libtronpay.so.1
CC ?= cc
CFLAGS ?= -O2 -g
TEST_CFLAGS := -std=c99 -Wall -Wextra -Werror -Iinclude $(CFLAGS)
# -z nodelete: dlclose leaves the code mapped, because threads that called the library keep
# thread-local keys (last error, SHA-256 context) whose destructors run in it at thread exit.
# --product: only what the library is made of (not the engine until it has an ABI).
SWIFT_RELEASE := swift build -c release --product tronpay -Xswiftc -static-stdlib \
	-Xlinker --version-script=$(CURDIR)/tronpay.map -Xlinker -soname=libtronpay.so.1 \
	-Xlinker -z -Xlinker nodelete
SOURCES := $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap') Package.swift tronpay.map \
	include/tronpay.h
C_TESTS := $(patsubst Tests/c/%.c,$(BUILD)/tests/%,$(wildcard Tests/c/test_*.c))
# Independent steps that use one CPU each (valgrind, fuzz smoke, fuzz target links) run this
# many at a time.
JOBS ?= $(shell nproc)

.PHONY: all deps lib test test-swift test-c check-abi test-unload demo install clean \
	test-stress test-valgrind test-asan test-tsan fuzz fuzz-smoke lint

all: lib

# Installs only what is missing. Root installs with apt; anyone else is told the command.
deps:
	@missing=""; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	pkg-config --exists libsecp256k1 2>/dev/null || missing="$$missing libsecp256k1-dev"; \
	pkg-config --exists libcrypto 2>/dev/null || missing="$$missing libssl-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	scripts/install-missing $$missing

lib: $(LIB) $(BUILD)/libtronpay.so $(BUILD)/tronpay.pc $(BUILD)/tronpay_ffi.h

# The link's inputs besides the sources: the build command with its flags and the version
# script's text. A change of either rewrites this file, so make rebuilds the library; and since
# SwiftPM does not relink for a map file whose name stayed the same, the recipe then removes
# SwiftPM's output, which it must relink.
LINK_INPUTS := $(BUILD)/.release-link-inputs
$(LINK_INPUTS): FORCE
	@mkdir -p $(BUILD)
	@{ echo '$(SWIFT_RELEASE)'; cat tronpay.map; } > $@.new; \
	  if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

.PHONY: FORCE
FORCE:

$(LIB): $(SOURCES) $(LINK_INPUTS)
	@if [ $(LINK_INPUTS) -nt .build/release/libtronpay.so ]; then \
	  rm -f .build/release/libtronpay.so; fi
	$(SWIFT_RELEASE)
	@mkdir -p $(BUILD)
	rm -f $@ && cp .build/release/libtronpay.so $@

$(BUILD)/libtronpay.so: $(LIB)
	ln -sf libtronpay.so.1 $@

$(BUILD)/tronpay.pc: scripts/tronpay.pc.in
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' $< > $@

# The header with comments, includes, macros and attributes resolved: what PHP FFI::cdef and
# cffi accept.
$(BUILD)/tronpay_ffi.h: include/tronpay.h
	@mkdir -p $(BUILD)
	grep -v '^#include' $< | $(CC) -E -P -DTRONPAY_NO_ATTRIBUTES -x c - | grep -v '^\s*$$' > $@

$(BUILD)/tests/%: Tests/c/%.c Tests/c/check.h Tests/c/json_reader.h include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/tests
	$(CC) $(TEST_CFLAGS) -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..' -lpthread

# The tronpay tool's cold build (SwiftNIO, BoringSSL: minutes) runs alongside the other tests,
# most of which leave a core idle; the tests that need it come last: the tool's own, the
# examples' (each against the simulated node with `tronpay watch`), the packages' (mk/), and
# the demo's second part, which fails if a payment is credited twice or a reorg is missed.
test: deps lib
	@mkdir -p $(BUILD)
	@echo "building the tronpay tool (debug) alongside the tests (log: $(BUILD)/tool-build.log)"
	@rm -f $(BUILD)/tool-build.status; \
	( $(MAKE) --no-print-directory tool TOOL_CONFIG=debug > $(BUILD)/tool-build.log 2>&1; \
	  echo $$? > $(BUILD)/tool-build.status ) & tool=$$!; \
	$(MAKE) --no-print-directory lint test-swift test-c check-abi test-unload test-stress \
	  test-valgrind test-asan test-tsan fuzz-smoke test-bindings test-sim test-engine-procs \
	  || { kill $$tool 2>/dev/null; exit 1; }; \
	wait $$tool; \
	[ "$$(cat $(BUILD)/tool-build.status 2>/dev/null)" = 0 ] || \
	  { cat $(BUILD)/tool-build.log; echo "the tronpay tool did not build"; exit 1; }
	$(MAKE) --no-print-directory test-tool test-examples test-packages demo-engine TOOL_CONFIG=debug

# The Swift tests (debug), then the engine suite a second time on PostgreSQL (issue 17: a
# throwaway server, one database per test harness). Build and run each go to a log in build/;
# on success the summary lines are printed, on failure the whole log and then its failing lines
# (a tail could cut a diagnostic off).
test-swift:
	@mkdir -p $(BUILD)
	@echo "swift build --build-tests (log: $(BUILD)/swift-build.log)"
	@swift build --build-tests > $(BUILD)/swift-build.log 2>&1 || { cat $(BUILD)/swift-build.log; \
	  echo "swift build --build-tests FAILED; log: $(BUILD)/swift-build.log"; exit 1; }
	@echo "swift test --skip-build (log: $(BUILD)/swift-test.log)"
	@if swift test --skip-build > $(BUILD)/swift-test.log 2>&1; then \
	  grep -aE 'Executed [0-9]+ tests?|Test run with [0-9]+ tests?' $(BUILD)/swift-test.log; \
	else \
	  cat $(BUILD)/swift-test.log; echo; echo "== failing lines:"; \
	  grep -aE '✘|↳|error:|Fatal error|Crash' $(BUILD)/swift-test.log; \
	  echo "swift test FAILED; whole log above and in $(BUILD)/swift-test.log"; exit 1; \
	fi
	@echo "the engine suite on PostgreSQL (log: $(BUILD)/swift-test-pg.log)"
	@if scripts/with-postgres swift test --skip-build --filter TronPayEngineTests \
	    > $(BUILD)/swift-test-pg.log 2>&1; then \
	  grep -aE 'Test run with [0-9]+ tests?' $(BUILD)/swift-test-pg.log; \
	else \
	  cat $(BUILD)/swift-test-pg.log; echo; echo "== failing lines:"; \
	  grep -aE '✘|↳|error:|Fatal error|Crash' $(BUILD)/swift-test-pg.log; \
	  echo "swift test on PostgreSQL FAILED; log in $(BUILD)/swift-test-pg.log"; exit 1; \
	fi

# swift format lint --strict (.swift-format: NeverForceUnwrap, NeverUseForceTry on) over all
# Swift files, and a grep for the traps it has no rule for; see scripts/lint.
lint:
	scripts/lint

test-c: $(C_TESTS)
	@for t in $(C_TESTS); do echo "== $$t"; $$t || exit 1; done

check-abi: lib
	scripts/check-abi $(LIB)

# A host unloading the library while a thread that used it still runs (dlopen, not linked).
$(BUILD)/tests/unload_thread: Tests/unload/unload_thread.c
	@mkdir -p $(BUILD)/tests
	$(CC) $(TEST_CFLAGS) -o $@ $< -ldl -lpthread

test-unload: lib $(BUILD)/tests/unload_thread
	$(BUILD)/tests/unload_thread $(CURDIR)/$(LIB)

# Every examples/c/NN_name.c is one step of the demo, run in order.
C_EXAMPLES := $(patsubst examples/c/%.c,$(BUILD)/examples/%,$(sort $(wildcard examples/c/[0-9]*.c)))

# Part 1, the library step by step (examples/c/01–05); part 2, the engine taking payments
# (mk/demo.mk).
demo: deps lib $(C_EXAMPLES)
	@echo "=== Part 1: the library, step by step (examples/c)"
	@for e in $(C_EXAMPLES); do echo; echo "=== $$e"; $$e || exit 1; done
	@$(MAKE) --no-print-directory demo-engine

$(BUILD)/examples/%: examples/c/%.c include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/examples
	$(CC) -std=c99 -Wall -Wextra -Werror -Iinclude -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..'

# ---- Bindings: Python (ctypes), Node (N-API addon), PHP (FFI) -----------------------------------
.PHONY: deps-bindings node-addon test-bindings test-python test-python-types test-node \
	test-node-types test-php test-php-fpm
NODE_INCLUDE ?= /usr/include/node
NODE_ADDON := $(BUILD)/tronpay.node
PHP_FPM ?= /usr/sbin/php-fpm8.2
# The binding suites and examples use exactly the library this tree built.
BINDING_ENV := TRONPAY_LIBRARY=$(CURDIR)/$(LIB)

# `make` builds the addon too when Node's headers are there (`make deps` installs them).
all: $(if $(wildcard $(NODE_INCLUDE)/node_api.h),$(NODE_ADDON))
deps: deps-bindings

# python3, pytest and mypy (pip, else Debian's), php-cli with FFI, php-fpm and cgi-fcgi (the
# PHP-FPM test), Node with its N-API headers and Debian's tsc (index.d.ts; no npm needed).
deps-bindings:
	@missing=""; \
	command -v python3 >/dev/null || missing="$$missing python3 python3-pip"; \
	{ command -v php >/dev/null && php -m | grep -qx FFI; } || missing="$$missing php8.2-cli"; \
	[ -x $(PHP_FPM) ] || missing="$$missing php8.2-fpm"; \
	command -v cgi-fcgi >/dev/null || missing="$$missing libfcgi-bin"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v tsc >/dev/null || missing="$$missing node-typescript"; \
	[ -f $(NODE_INCLUDE)/node_api.h ] || missing="$$missing libnode-dev"; \
	scripts/install-missing $$missing; \
	python3 -c 'import pytest' 2>/dev/null || python3 -m pip install -q pytest 2>/dev/null || \
	  { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest >/dev/null; } || \
	  { echo "make deps: install pytest (pip install pytest)"; exit 1; }; \
	python3 -m mypy --version >/dev/null 2>&1 || python3 -m pip install -q mypy 2>/dev/null || \
	  { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-mypy >/dev/null; } || \
	  { echo "make deps: install mypy (pip install mypy)"; exit 1; }

node-addon: $(NODE_ADDON)

# The addon dlopens the library itself (honouring TRONPAY_LIBRARY), so it links only libdl.
$(NODE_ADDON): bindings/node/addon.c bindings/node/addon_engine.h include/tronpay.h
	@mkdir -p $(BUILD)
	$(CC) -std=gnu11 -Wall -Wextra -Werror -O2 -shared -fPIC -I$(NODE_INCLUDE) -Iinclude \
	  -o $@ $< -ldl

test-bindings: test-python-types test-python test-node-types test-node test-php test-php-fpm

# The package and a user's code (tests/typing_usage.py) under mypy --strict; needs no library.
test-python-types:
	cd bindings/python && python3 -m mypy --strict --cache-dir=/dev/null tronpay tests/typing_usage.py

test-python: lib
	$(BINDING_ENV) python3 -m pytest -q -p no:cacheprovider bindings/python/tests

# index.d.ts against a user's code (typecheck/usage.ts, whose @ts-expect-error lines must fail);
# typecheck/types/node stands in for @types/node. Needs no library.
test-node-types:
	cd bindings/node && tsc --noEmit --strict --target es2020 --lib es2020 --module commonjs \
	  --moduleResolution node --typeRoots typecheck/types --types node typecheck/usage.ts
	@echo "tsc: index.d.ts and typecheck/usage.ts type-check"

test-node: lib $(NODE_ADDON)
	$(BINDING_ENV) node --test --test-reporter=spec bindings/node/test/

test-php: lib
	$(BINDING_ENV) php bindings/php/tests/run.php

# The README's PHP-FPM setups under Debian's php-fpm8.2, driven with cgi-fcgi on a Unix socket in
# a temp directory; the script starts and stops each FPM itself.
test-php-fpm: lib
	PHP_FPM=$(PHP_FPM) bindings/php/tests/fpm/test-fpm.sh $(LIB) $(BUILD)/tronpay_ffi.h

# `make install` also puts the FFI header (what PHP's FFI::cdef reads) where the PHP binding
# looks for it: PREFIX/share/tronpay/tronpay_ffi.h.
install: install-bindings
.PHONY: install-bindings
install-bindings: $(BUILD)/tronpay_ffi.h
	install -d $(DESTDIR)$(PREFIX)/share/tronpay
	install -m 644 $(BUILD)/tronpay_ffi.h $(DESTDIR)$(PREFIX)/share/tronpay/

# `make install` is the library with its header and pkg-config file (install-lib), the FFI header
# (install-bindings) and the tool (install-tool). The binding tests install only what they load,
# so they never wait on the tool's build.
.PHONY: install-lib
install: install-lib
install-lib: lib
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/tronpay.h $(DESTDIR)$(PREFIX)/include/
	rm -f $(DESTDIR)$(PREFIX)/lib/libtronpay.so.1 $(DESTDIR)$(PREFIX)/lib/libtronpay.so
	install -s -m 755 $(LIB) $(DESTDIR)$(PREFIX)/lib/libtronpay.so.1
	ln -s libtronpay.so.1 $(DESTDIR)$(PREFIX)/lib/libtronpay.so
	sed -e 's|@PREFIX@|$(PREFIX)|' scripts/tronpay.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/tronpay.pc

clean:
	rm -rf $(BUILD) .build

# ---- Hardening: threads, valgrind, sanitizers, fuzzing ----
# The sanitizer builds use the toolchain's clang so that C tests and the Swift library share
# one sanitizer runtime.
SWIFT_CLANG := $(dir $(shell command -v swift))clang
SAN_RT := $(dir $(shell $(SWIFT_CLANG) -print-file-name=libclang_rt.asan-x86_64.so 2>/dev/null))
STRESS_SECONDS ?= 3
FUZZ_SECONDS ?= 10

$(BUILD)/stress: Tests/stress/stress_threads.c include/tronpay.h $(LIB)
	$(CC) $(TEST_CFLAGS) -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN' -lpthread

test-stress: $(BUILD)/stress
	$(BUILD)/stress $(STRESS_SECONDS)

# memcheck of every C test against the release library: no invalid access, no definite leak.
# JOBS tests at a time, each with its own log; reported in order.
test-valgrind: $(C_TESTS)
	@mkdir -p $(BUILD)/valgrind
	@printf '%s\n' $(C_TESTS) | xargs -P $(JOBS) -I '{}' sh -c 'log=$(BUILD)/valgrind/$$(basename {}).log; \
	  valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
	    --errors-for-leak-kinds=definite {} > $$log 2>&1; echo $$? > $$log.status' || true
	@for t in $(C_TESTS); do log=$(BUILD)/valgrind/$$(basename $$t).log; echo "== valgrind $$t"; \
	  if [ "$$(cat $$log.status 2>/dev/null)" = 0 ]; then grep -E "passed|ERROR SUMMARY" $$log; \
	  else cat $$log; echo "valgrind $$t FAILED"; exit 1; fi; done

# AddressSanitizer (+ UBSan in the C tests): every C test against the library linked from the
# fuzz targets' instrumented objects (-O -sanitize=fuzzer,address; scripts/build-fuzzers), so
# one sanitizer compile of the core serves both this and the fuzzers.
ASAN_LIB_DIR := $(BUILD)/fuzz/lib
test-asan: deps
	JOBS=$(JOBS) scripts/build-fuzzers --library-only
	@mkdir -p $(BUILD)/asan
	@for src in $(wildcard Tests/c/test_*.c) Tests/stress/stress_threads.c; do \
	  t=$(BUILD)/asan/$$(basename $$src .c); \
	  $(SWIFT_CLANG) -fsanitize=address,undefined -fno-sanitize-recover=undefined -shared-libasan \
	    -g -O1 -std=c99 -Iinclude -o $$t $$src -L$(ASAN_LIB_DIR) -ltronpay \
	    -Wl,-rpath,$(CURDIR)/$(ASAN_LIB_DIR) -Wl,-rpath,$(SAN_RT) -lpthread || exit 1; \
	  echo "== asan $$t"; ASAN_OPTIONS=detect_leaks=1 $$t 1 || exit 1; done

# ThreadSanitizer on the 8-thread stress test.
test-tsan: deps
	swift build -c debug --product tronpay --sanitize=thread --scratch-path .build-tsan
	@mkdir -p $(BUILD)/tsan
	$(SWIFT_CLANG) -fsanitize=thread -shared-libsan -g -O1 -std=c99 -Iinclude \
	  -o $(BUILD)/tsan/stress Tests/stress/stress_threads.c -L.build-tsan/debug -ltronpay \
	  -Wl,-rpath,$(CURDIR)/.build-tsan/debug -Wl,-rpath,$(SAN_RT) -lpthread
	TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/stress 2

# libFuzzer targets (fuzz/*.swift) from their committed corpora; `make fuzz FUZZ_SECONDS=600`.
# One target at a time (FUZZ_JOBS=1), so a long run does not take every CPU.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) scripts/run-fuzzers

fuzz-smoke: deps
	FUZZ_SECONDS=5 FUZZ_JOBS=$(JOBS) JOBS=$(JOBS) scripts/run-fuzzers

# ---- Performance (issue 8): `make bench` times the library against the raw libraries it
# builds on; `make bench-peers` times Python peers (a venv under build/) on the same inputs.
BENCH_CFLAGS := -std=c99 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror -Iinclude
BENCH_SRC := bench/bench.c $(wildcard bench/*.inc)
BENCH_VECTORS := Tests/vectors/mainnet.json
BENCH_DATA := $(BUILD)/bench-data

.PHONY: bench bench-peers

$(BUILD)/bench/bench: $(BENCH_SRC) bench/have-functions include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/bench
	$(CC) $(BENCH_CFLAGS) $$(bench/have-functions include/tronpay.h) -o $@ bench/bench.c \
	  -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..' \
	  $$(pkg-config --cflags --libs libsecp256k1 libcrypto sqlite3)

$(BUILD)/bench/load: bench/load.c
	@mkdir -p $(BUILD)/bench
	$(CC) $(BENCH_CFLAGS) -o $@ $< -ldl

$(BENCH_DATA)/inputs.json: bench/gen-inputs.py $(BENCH_VECTORS)
	python3 bench/gen-inputs.py $(BENCH_VECTORS) $(BENCH_DATA)

bench: deps lib $(BUILD)/bench/bench $(BUILD)/bench/load $(BENCH_DATA)/inputs.json
	strip -o $(BUILD)/bench/libtronpay-stripped.so $(LIB)
	if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  TRONPAY_PG_FSYNC=on scripts/with-postgres $(BUILD)/bench/bench $(BUILD)/bench.json \
	    $(BENCH_DATA) $(BUILD)/bench-peers.json; \
	else $(BUILD)/bench/bench $(BUILD)/bench.json $(BENCH_DATA) $(BUILD)/bench-peers.json; fi
	$(BINDING_ENV) python3 bench/sync_catchup.py

bench-peers: lib $(BENCH_DATA)/inputs.json
	bench/peers/run.sh $(BUILD) $(BENCH_DATA)

# The simulated TRON node (Tests/sim): java-tron's shapes, real signed bytes, the library's own
# parser finding exactly the scripted payments, reorgs, faults. 127.0.0.1 only, bounded in time.
.PHONY: test-sim
test-sim: lib
	TRONPAY_LIBRARY=$(CURDIR)/$(LIB) timeout 600 python3 -m pytest -q -p no:cacheprovider Tests/sim

# The engine as processes see it (issue 15): the SIGKILL crash harness (at least 200 kills,
# seed printed; CRASH_SEED=N repeats a run) on SQLite and on a throwaway PostgreSQL (issue 17),
# and processes creating invoices on one store while another applies blocks (8 on a SQLite file,
# 16 on PostgreSQL).
.PHONY: test-engine-procs
$(BUILD)/tests/crash_child: Tests/engine/crash_child.c Tests/engine/chain_gen.h include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/tests
	$(CC) $(TEST_CFLAGS) -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..' -lsqlite3

test-engine-procs: $(BUILD)/tests/crash_child
	python3 Tests/engine/crash_harness.py $(BUILD)/tests/crash_child
	scripts/with-postgres python3 Tests/engine/crash_harness.py $(BUILD)/tests/crash_child --postgresql
	python3 Tests/engine/multiprocess_test.py $(BUILD)/tests/crash_child
	scripts/with-postgres python3 Tests/engine/multiprocess_test.py $(BUILD)/tests/crash_child --postgresql

# ---- The `tronpay` tool (issue 16 point 3): its own package in tools/tronpay, so the library's
# manifest, build and `swift test` never compile AsyncHTTPClient. A cold build fetches and
# compiles SwiftNIO, BoringSSL & co. (17.5 min wall, 9 min CPU measured in release on 2 busy
# cores); later builds are incremental. TOOL_CONFIG=debug builds it with about 40% less CPU
# from cold, for a CI that only tests it (`make test-tool TOOL_CONFIG=debug`).
.PHONY: tool test-tool install-tool
TOOL_CONFIG ?= release
TOOL := $(BUILD)/tronpay
TOOL_BUILD = swift build -c $(TOOL_CONFIG) --static-swift-stdlib --package-path tools/tronpay \
	--scratch-path .build-tool
TOOL_SOURCES := $(shell find tools/tronpay/Sources -name '*.swift') tools/tronpay/Package.swift \
	$(shell find Sources/TronPay Sources/TronPayEngine -name '*.swift') Package.swift

all: tool
tool: $(TOOL)

# The product is `tronpay-cli` (the library's product already has the name `tronpay`).
$(TOOL): $(TOOL_SOURCES)
	$(TOOL_BUILD)
	@mkdir -p $(BUILD)
	rm -f $@ && cp .build-tool/$(TOOL_CONFIG)/tronpay-cli $@

# Builds the tool, then drives `tronpay watch` against a local simulated node and webhook
# receiver (127.0.0.1 only, every step bounded in time).
test-tool: $(TOOL)
	timeout 900 python3 tools/tronpay/tests/test_cli.py $(CURDIR)/$(TOOL)
	timeout 300 python3 tools/tronpay/tests/test_webhooks.py $(CURDIR)/$(TOOL)

install: install-tool
install-tool: $(TOOL)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -s -m 755 $(TOOL) $(DESTDIR)$(PREFIX)/bin/tronpay

clean: clean-tool
.PHONY: clean-tool
clean-tool:
	rm -rf .build-tool $(TOOL)

# ---- Examples, packages and the demo's parts: one file each in mk/, so that they stay small.
include $(sort $(wildcard mk/*.mk))
