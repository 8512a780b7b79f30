# libtronpay — `make demo` and `make test` are the only commands a fresh machine needs.
SHELL := /bin/bash
PREFIX ?= /usr/local
BUILD := build
LIB := $(BUILD)/libtronpay.so.1
CC ?= cc
CFLAGS ?= -O2 -g
TEST_CFLAGS := -std=c99 -Wall -Wextra -Werror -Iinclude $(CFLAGS)
SWIFT_RELEASE := swift build -c release -Xswiftc -static-stdlib \
	-Xlinker --version-script=$(CURDIR)/tronpay.map -Xlinker -soname=libtronpay.so.1
SOURCES := $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap') Package.swift tronpay.map
C_TESTS := $(patsubst Tests/c/%.c,$(BUILD)/tests/%,$(wildcard Tests/c/test_*.c))

.PHONY: all deps lib test test-swift test-c check-abi demo install clean

all: lib

# Installs only what is missing. Root installs with apt; anyone else is told the command.
DEB_PACKAGES := libsecp256k1-dev libssl-dev pkg-config
deps:
	@missing=""; \
	pkg-config --exists libsecp256k1 2>/dev/null || missing="$$missing libsecp256k1-dev"; \
	pkg-config --exists libcrypto 2>/dev/null || missing="$$missing libssl-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make deps: missing packages; run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

lib: $(LIB) $(BUILD)/libtronpay.so $(BUILD)/tronpay.pc $(BUILD)/tronpay_ffi.h

$(LIB): $(SOURCES)
	$(SWIFT_RELEASE)
	@mkdir -p $(BUILD)
	rm -f $@ && cp .build/release/libtronpay.so $@

$(BUILD)/libtronpay.so: $(LIB)
	ln -sf libtronpay.so.1 $@

$(BUILD)/tronpay.pc: scripts/tronpay.pc.in
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' $< > $@

# The header with comments, includes and macros resolved: what PHP FFI::cdef and cffi accept.
$(BUILD)/tronpay_ffi.h: include/tronpay.h
	@mkdir -p $(BUILD)
	grep -v '^#include' $< | $(CC) -E -P -x c - | grep -v '^\s*$$' > $@

$(BUILD)/tests/%: Tests/c/%.c Tests/c/check.h include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/tests
	$(CC) $(TEST_CFLAGS) -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..' -lpthread

test: deps lib
	$(MAKE) --no-print-directory test-swift test-c check-abi

test-swift:
	swift test 2>&1 | tail -n 40; exit $${PIPESTATUS[0]}

test-c: $(C_TESTS)
	@for t in $(C_TESTS); do echo "== $$t"; $$t || exit 1; done

check-abi: lib
	scripts/check-abi $(LIB)

# Every examples/c/NN_name.c is one step of the demo, run in order.
C_EXAMPLES := $(patsubst examples/c/%.c,$(BUILD)/examples/%,$(sort $(wildcard examples/c/[0-9]*.c)))

demo: deps lib $(C_EXAMPLES)
	@for e in $(C_EXAMPLES); do echo; echo "=== $$e"; $$e || exit 1; done

$(BUILD)/examples/%: examples/c/%.c include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/examples
	$(CC) -std=c99 -Wall -Wextra -Werror -Iinclude -o $@ $< -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..'

install: lib
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/tronpay.h $(DESTDIR)$(PREFIX)/include/
	rm -f $(DESTDIR)$(PREFIX)/lib/libtronpay.so.1 $(DESTDIR)$(PREFIX)/lib/libtronpay.so
	install -m 755 $(LIB) $(DESTDIR)$(PREFIX)/lib/libtronpay.so.1
	ln -s libtronpay.so.1 $(DESTDIR)$(PREFIX)/lib/libtronpay.so
	sed -e 's|@PREFIX@|$(PREFIX)|' scripts/tronpay.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/tronpay.pc

clean:
	rm -rf $(BUILD) .build

# ---- Performance (issue 8): `make bench` times the library against the raw libraries it
# builds on; `make bench-peers` times Python peers (a venv under build/) on the same inputs.
BENCH_CFLAGS := -std=c99 -O2 -Wall -Wextra -Werror -Iinclude
BENCH_SRC := bench/bench.c $(wildcard bench/*.inc bench/*.h)

.PHONY: bench bench-peers

$(BUILD)/bench/bench: $(BENCH_SRC) include/tronpay.h $(LIB)
	@mkdir -p $(BUILD)/bench
	$(CC) $(BENCH_CFLAGS) -o $@ bench/bench.c -L$(BUILD) -ltronpay -Wl,-rpath,'$$ORIGIN/..' \
	  $$(pkg-config --cflags --libs libsecp256k1 libcrypto) -ldl -lpthread

bench: deps lib $(BUILD)/bench/bench
	$(BUILD)/bench/bench $(BUILD)/bench.json

bench-peers:
	bench/peers/run.sh $(BUILD)
