/* A tiny reader for the flat JSON answers of the engine, so a C host needs no JSON library for
 * the common path: the text or integer of a member, and a walk over the objects of an array.
 * It reads only what libtronpay writes (compact JSON, members in a fixed order); give it
 * nothing else. Strings are returned undecoded, which is exact for ids, states, amounts and
 * addresses (plain ASCII). Everything is static inline, so a program that uses a part of it
 * still compiles under -Wall -Werror (no unused-function warning). */
#ifndef JSON_LITE_H
#define JSON_LITE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The end of the value that starts at p (an object, array, string or scalar). */
static inline const char *json_skip(const char *p) {
  int depth = 0, in_string = 0;
  for (; *p; p++) {
    if (in_string) {
      if (*p == '\\' && p[1]) p++;
      else if (*p == '"') {
        in_string = 0;
        if (depth == 0) return p + 1;
      }
    } else if (*p == '"') {
      in_string = 1;
    } else if (*p == '{' || *p == '[') {
      depth++;
    } else if (*p == '}' || *p == ']') {
      if (depth == 0) return p;
      if (--depth == 0) return p + 1;
    } else if (depth == 0 && (*p == ',')) {
      return p;
    }
  }
  return p;
}

/* The value of member `key` of the object that starts at `object` (not of nested ones). */
static inline const char *json_member(const char *object, const char *key) {
  if (!object || *object != '{') return NULL;
  size_t key_len = strlen(key);
  const char *p = object + 1;
  while (*p == '"') {
    const char *name = p + 1;
    const char *colon = json_skip(p);
    if (*colon != ':') return NULL;
    const char *value = colon + 1;
    if ((size_t)(colon - 1 - name) == key_len && memcmp(name, key, key_len) == 0) return value;
    p = json_skip(value);
    if (*p != ',') return NULL;
    p++;
  }
  return NULL;
}

/* A string member's text into out ("" when missing or not a string). */
static inline const char *json_text(const char *object, const char *key, char *out, size_t size) {
  const char *v = json_member(object, key);
  out[0] = 0;
  if (!v || *v != '"') return out;
  size_t n = 0;
  for (v++; *v && *v != '"' && n + 1 < size; v++) {
    if (*v == '\\' && v[1]) v++;
    out[n++] = *v;
  }
  out[n] = 0;
  return out;
}

static inline long long json_int(const char *object, const char *key, long long missing) {
  const char *v = json_member(object, key);
  return v && (*v == '-' || (*v >= '0' && *v <= '9')) ? strtoll(v, NULL, 10) : missing;
}

/* The first object of the array member `key`, or NULL (missing, not an array, or empty). With
 * json_next, a loop that can stop early (json_each cannot):
 *   for (const char *o = json_first(answer, "events"); o; o = json_next(o)) … */
static inline const char *json_first(const char *object, const char *key) {
  const char *p = json_member(object, key);
  return p && p[0] == '[' && p[1] == '{' ? p + 1 : NULL;
}

/* The object after the array element that starts at `element`, or NULL at the array's end. */
static inline const char *json_next(const char *element) {
  const char *p = json_skip(element);
  return p[0] == ',' && p[1] == '{' ? p + 1 : NULL;
}

/* Calls `each` for every object of the array member `key`, in order. */
static inline void json_each(const char *object, const char *key,
                             void (*each)(const char *, void *), void *context) {
  for (const char *o = json_first(object, key); o; o = json_next(o)) each(o, context);
}

#endif
