/* A tiny test harness for the C tests: CHECK counts, the summary line is what CI reads. */
#ifndef TRONPAY_CHECK_H
#define TRONPAY_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tronpay.h"

static int check_passed, check_failed;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (cond) {                                                                 \
      check_passed++;                                                           \
    } else {                                                                    \
      check_failed++;                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n", __FILE__,   \
              __LINE__, #cond, tronpay_last_error());                           \
    }                                                                           \
  } while (0)

/* A call must return exactly this status. */
#define CHECK_STATUS(call, expected)                                            \
  do {                                                                          \
    tronpay_status check_s_ = (call);                                           \
    if (check_s_ == (expected)) {                                               \
      check_passed++;                                                           \
    } else {                                                                    \
      check_failed++;                                                           \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: %s)\n",  \
              __FILE__, __LINE__, #call, tronpay_status_str(check_s_),          \
              tronpay_status_str(expected), tronpay_last_error());              \
    }                                                                           \
  } while (0)

static inline int check_summary(const char *name) {
  printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
  return check_failed == 0 ? 0 : 1;
}

/* Decodes lower- or upper-case hex into out; returns the byte count or -1. */
static inline int check_unhex(unsigned char *out, size_t cap, const char *hex) {
  size_t n = strlen(hex);
  if (n % 2 || n / 2 > cap) return -1;
  for (size_t i = 0; i < n / 2; i++) {
    unsigned v;
    if (sscanf(hex + 2 * i, "%2x", &v) != 1) return -1;
    out[i] = (unsigned char)v;
  }
  return (int)(n / 2);
}

static inline void check_hex(char *out, const unsigned char *in, size_t n) {
  for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", in[i]);
  out[2 * n] = 0;
}

#endif
