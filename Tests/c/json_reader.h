/* A tiny JSON member reader for the C tests (no JSON library): it trusts that the text is the
 * library's own valid JSON and only walks it. jget(json, "invoice.credits.0.txid") finds a
 * value by a path of member names and array indexes; the helpers below read what it found.
 * Strings are compared and copied raw (without unescaping): the values the tests look at are
 * plain ASCII. */
#ifndef TRONPAY_JSON_READER_H
#define TRONPAY_JSON_READER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *jr_ws(const char *p) {
  while (p && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
  return p;
}

/* The end of the value at p (just past it), or NULL. */
static const char *jr_skip(const char *p) {
  p = jr_ws(p);
  if (!p || !*p) return NULL;
  if (*p == '"') {
    for (p++; *p && *p != '"'; p++)
      if (*p == '\\' && !*++p) return NULL;
    return *p ? p + 1 : NULL;
  }
  if (*p == '{' || *p == '[') {
    int depth = 0;
    for (; *p; p++) {
      if (*p == '"') {
        p = jr_skip(p);
        if (!p) return NULL;
        p--;
      } else if (*p == '{' || *p == '[') {
        depth++;
      } else if (*p == '}' || *p == ']') {
        if (--depth == 0) return p + 1;
      }
    }
    return NULL;
  }
  while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n') p++;
  return p;
}

/* The value of member `key` (key_len bytes) of the object at p, or NULL. */
static const char *jr_member(const char *p, const char *key, size_t key_len) {
  p = jr_ws(p);
  if (!p || *p != '{') return NULL;
  p = jr_ws(p + 1);
  while (p && *p == '"') {
    const char *name = p + 1, *end = jr_skip(p);
    if (!end) return NULL;
    const char *value = jr_ws(end);
    if (*value != ':') return NULL;
    value = jr_ws(value + 1);
    if ((size_t)(end - 1 - name) == key_len && !memcmp(name, key, key_len)) return value;
    p = jr_ws(jr_skip(value));
    if (!p || *p != ',') return NULL;
    p = jr_ws(p + 1);
  }
  return NULL;
}

/* Element `index` of the array at p, or NULL. */
static const char *jr_element(const char *p, long index) {
  p = jr_ws(p);
  if (!p || *p != '[') return NULL;
  p = jr_ws(p + 1);
  if (*p == ']') return NULL;
  for (long i = 0; p; i++) {
    if (i == index) return p;
    p = jr_ws(jr_skip(p));
    if (!p || *p != ',') return NULL;
    p = jr_ws(p + 1);
  }
  return NULL;
}

/* The value at a dotted path ("a.b.0.c"; numbers index arrays), or NULL. */
static const char *jget(const char *json, const char *path) {
  const char *p = jr_ws(json);
  while (p && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (*p == '[') {
      char digits[24] = {0};
      if (n == 0 || n >= sizeof digits) return NULL;
      memcpy(digits, path, n);
      p = jr_element(p, strtol(digits, NULL, 10));
    } else {
      p = jr_member(p, path, n);
    }
    path += n + (dot ? 1 : 0);
  }
  return p;
}

/* Is the value at path the string `expected`? */
static int jstr_is(const char *json, const char *path, const char *expected) {
  const char *v = jget(json, path);
  size_t n = strlen(expected);
  return v && *v == '"' && !strncmp(v + 1, expected, n) && v[1 + n] == '"';
}

/* Copies the string at path (raw, without quotes) into out; 1 if it is a string that fits. */
static int jstr(const char *json, const char *path, char *out, size_t cap) {
  const char *v = jget(json, path);
  if (!v || *v != '"') return 0;
  const char *end = jr_skip(v);
  if (!end || (size_t)(end - v - 2) >= cap) return 0;
  memcpy(out, v + 1, (size_t)(end - v - 2));
  out[end - v - 2] = 0;
  return 1;
}

/* The integer at path into *out; 1 if it is a JSON integer. */
static int jint(const char *json, const char *path, int64_t *out) {
  const char *v = jget(json, path);
  if (!v || !(*v == '-' || (*v >= '0' && *v <= '9'))) return 0;
  char *end;
  long long x = strtoll(v, &end, 10);
  if (*end == '.' || *end == 'e' || *end == 'E') return 0;
  *out = (int64_t)x;
  return 1;
}

static int jis(const char *json, const char *path, const char *literal) {
  const char *v = jget(json, path);
  size_t n = strlen(literal);
  return v && !strncmp(v, literal, n) && (jr_skip(v) == v + n);
}

/* Elements of the array at path, or -1. */
static long jcount(const char *json, const char *path) {
  const char *v = jr_ws(jget(json, path));
  if (!v || *v != '[') return -1;
  if (*jr_ws(v + 1) == ']') return 0;
  long n = 0;
  while (jr_element(v, n)) n++;
  return n;
}

#endif
