# ---- The PHP checkout example (issue 18, point 1): examples/php/checkout on Debian's
# php-fpm8.2 (run.sh starts and stops it on a Unix socket in a temp directory), the simulated
# node and `tronpay watch --until-idle` on one SQLite store; orders and claims go through
# FastCGI (request.sh, cgi-fcgi). 127.0.0.1 and Unix sockets only, every wait bounded.
.PHONY: test-example-php
test-example-php: lib $(TOOL)
	$(BINDING_ENV) TRONPAY_FFI_HEADER=$(CURDIR)/$(BUILD)/tronpay_ffi.h \
	  TRONPAY_TOOL=$(CURDIR)/$(TOOL) PHP_FPM=$(PHP_FPM) \
	  timeout 300 python3 examples/php/checkout/test_checkout.py
