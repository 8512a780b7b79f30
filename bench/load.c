/* Library load and first call, in a fresh process (run by bench, never linked to the library).
 *   load ours LIBPATH   dlopen(libtronpay) + tronpay_address_from_privkey twice
 *   load raw            dlopen(libsecp256k1, libcrypto) + context create/randomize + pubkey
 * Prints: "<load_ns> <first_call_ns> <second_call_ns>". */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <secp256k1.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

typedef int32_t (*address_fn)(uint8_t *, const uint8_t *);
typedef void *(*create_fn)(unsigned);
typedef int (*randomize_fn)(void *, const unsigned char *);
typedef int (*pubkey_fn)(void *, void *, const unsigned char *);

int main(int argc, char **argv) {
  uint8_t key[32], out[64 + 21];
  for (int i = 0; i < 32; i++) key[i] = (uint8_t)(i + 1);
  if (argc > 2 && strcmp(argv[1], "ours") == 0) {
    double t0 = now_ns();
    void *lib = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
    double t1 = now_ns();
    if (!lib) return fprintf(stderr, "%s\n", dlerror()), 1;
    address_fn address = (address_fn)dlsym(lib, "tronpay_address_from_privkey");
    if (!address) return 1;
    double t2 = now_ns();
    int s = address(out, key);
    double t3 = now_ns();
    s |= address(out, key);
    double t4 = now_ns();
    printf("%.0f %.0f %.0f\n", t1 - t0, t3 - t2, t4 - t3);
    return s != 0;
  }
  double t0 = now_ns();
  void *crypto = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
  void *secp = dlopen("libsecp256k1.so.1", RTLD_NOW | RTLD_LOCAL);
  double t1 = now_ns();
  if (!crypto || !secp) return fprintf(stderr, "%s\n", dlerror()), 1;
  create_fn create = (create_fn)dlsym(secp, "secp256k1_context_create");
  randomize_fn randomize = (randomize_fn)dlsym(secp, "secp256k1_context_randomize");
  pubkey_fn pubkey = (pubkey_fn)dlsym(secp, "secp256k1_ec_pubkey_create");
  if (!create || !randomize || !pubkey) return 1;
  double t2 = now_ns();
  void *ctx = create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
  int ok = ctx && randomize(ctx, key) && pubkey(ctx, out, key);
  double t3 = now_ns();
  ok = ok && pubkey(ctx, out, key);
  double t4 = now_ns();
  printf("%.0f %.0f %.0f\n", t1 - t0, t3 - t2, t4 - t3);
  return !ok;
}
