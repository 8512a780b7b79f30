# ---- Packages (issue 18 point 3): `make deb` (one Debian package: the library, its header and
# pkg-config file, the FFI header PHP reads, the tronpay tool), `make wheel` (the Python binding
# carrying the library), and `make test-packages`, which installs both away from this tree and
# uses them. packaging/README.md says what each package holds.
.PHONY: deb wheel test-packages test-deb test-wheel check-version deps-packages

# dpkg-dev (dpkg-shlibdeps, dpkg-architecture) and a python3 whose venv has pip (Debian's
# python3 needs python3-venv for that); root installs them with apt, anyone else is told.
deps: deps-packages
deps-packages:
	@missing=""; \
	command -v dpkg-shlibdeps >/dev/null || missing="$$missing dpkg-dev"; \
	python3 -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	scripts/install-missing $$missing

# The version is the one the library reports (Sources/TronPayABI/Library.swift); the other
# copies (pkg-config file, pyproject.toml, package.json) must say the same, or packaging stops.
VERSION := $(shell sed -n 's/^private let versionText: StaticString = "\(.*\)"$$/\1/p' \
	Sources/TronPayABI/Library.swift)

check-version:
	@test -n "$(VERSION)" || { echo "no versionText in Sources/TronPayABI/Library.swift"; exit 1; }
	@grep -qx 'Version: $(VERSION)' scripts/tronpay.pc.in || \
	  { echo "scripts/tronpay.pc.in: Version is not $(VERSION)"; exit 1; }
	@grep -qx 'version = "$(VERSION)"' bindings/python/pyproject.toml || \
	  { echo "bindings/python/pyproject.toml: version is not $(VERSION)"; exit 1; }
	@grep -q '^  "version": "$(VERSION)",$$' bindings/node/package.json || \
	  { echo "bindings/node/package.json: version is not $(VERSION)"; exit 1; }

# ---- Debian package: dpkg-deb on a staged tree; Depends from dpkg-shlibdeps.
DEB_REVISION ?= 1
DEB_MAINTAINER ?= libtronpay maintainers <maintainers@users.noreply.r-seed-6753a45b.example>
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB_MULTIARCH := $(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || $(CC) -print-multiarch 2>/dev/null)
DEB_VERSION := $(VERSION)-$(DEB_REVISION)
DEB := $(BUILD)/tronpay_$(DEB_VERSION)_$(DEB_ARCH).deb
DEB_STAGE := $(BUILD)/deb/tronpay
# xz level: 6 (dpkg's default) for the release package; 1 for the debug one `make test` builds
# and throws away (on 2 cores: 4 s instead of 48 s, 32 MB instead of 27.7 MB).
DEB_XZ_LEVEL ?= $(if $(filter release,$(TOOL_CONFIG)),6,1)
# The Swift runtime's names: a binary that NEEDs one of them was linked without -static-stdlib.
SWIFT_RUNTIME_NEEDED := NEEDED +(libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime)

# The package carries whatever $(TOOL) this TOOL_CONFIG builds: release by default, debug under
# `make test` (TOOL_CONFIG=debug; a cold release build of the tool is too slow for CI). The
# description says which. A $(TOOL) left by the other config, or linked before TOOL_BUILD had
# --static-swift-stdlib, is rebuilt first (SwiftPM relinks; make's timestamps cannot tell).
deb: check-version lib $(BUILD)/tronpay_ffi.h $(TOOL)
	@if ! cmp -s $(TOOL) .build-tool/$(TOOL_CONFIG)/tronpay-cli || \
	    objdump -p $(TOOL) | grep -qE '$(SWIFT_RUNTIME_NEEDED)'; then \
	  echo "$(TOOL) is not the $(TOOL_CONFIG) build with the Swift runtime linked in: rebuilding"; \
	  rm -f $(TOOL) && $(MAKE) --no-print-directory tool; \
	fi
	packaging/build-deb $(DEB) $(DEB_STAGE) $(DEB_VERSION) '$(DEB_ARCH)' '$(DEB_MULTIARCH)' \
	  $(TOOL_CONFIG) '$(DEB_MAINTAINER)' $(LIB) $(TOOL) $(BUILD)/tronpay_ffi.h $(DEB_XZ_LEVEL)

# ---- Python wheel: the binding with libtronpay.so.1 in tronpay/_lib/, built by pip with
# setuptools in a virtualenv under build/. Tagged py3-none-linux_<arch>, not manylinux: the
# library needs the system's libsecp256k1, libssl3 and libsqlite3.
WHEEL_PLATFORM := linux_$(shell uname -m)
WHEEL := $(BUILD)/dist/tronpay-$(VERSION)-py3-none-$(WHEEL_PLATFORM).whl
WHEEL_VENV := $(BUILD)/wheel-venv
WHEEL_SRC := $(BUILD)/wheel-src

$(WHEEL_VENV)/.ready:
	rm -rf $(WHEEL_VENV)
	python3 -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/pip install -q 'setuptools>=70.1'
	touch $@

# The package is copied to build/wheel-src, so that the build (egg-info, build/) and the
# library's copy stay out of bindings/python; the copy's setup.cfg gives bdist_wheel the
# platform tag (a pure package would otherwise be tagged "any").
wheel: check-version $(WHEEL)
$(WHEEL): $(LIB) $(WHEEL_VENV)/.ready bindings/python/pyproject.toml bindings/python/README.md \
	  $(wildcard bindings/python/tronpay/*.py) bindings/python/tronpay/py.typed
	rm -rf $(WHEEL_SRC) && mkdir -p $(WHEEL_SRC)/tronpay/_lib $(BUILD)/dist
	cp bindings/python/pyproject.toml bindings/python/README.md $(WHEEL_SRC)/
	cp bindings/python/tronpay/*.py bindings/python/tronpay/py.typed $(WHEEL_SRC)/tronpay/
	strip --remove-section=.comment --remove-section=.note --strip-unneeded \
	  -o $(WHEEL_SRC)/tronpay/_lib/libtronpay.so.1 $(LIB)
	printf '[bdist_wheel]\nplat_name = $(WHEEL_PLATFORM)\n' > $(WHEEL_SRC)/setup.cfg
	rm -f $(BUILD)/dist/tronpay-*.whl
	$(WHEEL_VENV)/bin/pip wheel -q --no-deps --no-build-isolation -w $(BUILD)/dist $(WHEEL_SRC)
	@test -f $@ || { echo "pip wheel did not write $@:"; ls $(BUILD)/dist; exit 1; }
	@printf '%s  %s bytes (%s)\n' $@ "$$(stat -c %s $@)" "$$(du -h $@ | cut -f1)"

# ---- make test-packages: each package installed away from this tree, then used.
# WHEEL_EXTRA_TESTS: HOOK for more pytest files or directories to run in the wheel's virtualenv
# after the binding's suite (e.g. examples/python/shop/test_shop.py), with the pip requirements
# they need in WHEEL_TEST_REQUIREMENTS (e.g. flask).
WHEEL_EXTRA_TESTS ?= examples/python/shop/test_shop.py
WHEEL_TEST_REQUIREMENTS ?= pytest -r $(CURDIR)/examples/python/shop/requirements.txt

test-packages: test-deb test-wheel

test-deb: deb
	packaging/test-deb $(DEB) $(DEB_VERSION) '$(DEB_MULTIARCH)' $(TOOL_CONFIG)

test-wheel: wheel $(TOOL)
	TRONPAY_TOOL=$(CURDIR)/$(TOOL) packaging/test-wheel $(WHEEL) '$(WHEEL_TEST_REQUIREMENTS)' $(WHEEL_EXTRA_TESTS)
