/* A host that unloads the library while a thread that used it is still alive: the thread's
 * exit runs the destructors of the library's thread-local keys (the per-thread SHA-256 context,
 * the last-error text). The library is linked with -z nodelete, so dlclose keeps its code
 * mapped and the exit is clean; without it this program dies with SIGSEGV.
 * Usage: unload_thread path/to/libtronpay.so.1 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* Not Tests/c/check.h: that one calls the library directly, and this program must not be
 * linked with it (a linked library is never unloaded). */
static int passed, failed;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (cond) {                                                       \
      passed++;                                                       \
    } else {                                                          \
      failed++;                                                       \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

static int check_summary(const char *name) {
  printf("%s: %d passed, %d failed\n", name, passed, failed);
  return failed == 0 ? 0 : 1;
}

typedef int (*to_base58_fn)(char *, const unsigned char *);
typedef int (*parse_fn)(unsigned char *, const char *);

static to_base58_fn to_base58;
static parse_fn parse;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int phase;
static int worker_status[2];

static void *worker(void *arg) {
  (void)arg;
  unsigned char address[21] = {0x41};
  char text[35];
  worker_status[0] = to_base58(text, address); /* a hash: the thread's digest context */
  worker_status[1] = parse(address, "not an address"); /* an error: the last-error text */
  pthread_mutex_lock(&lock);
  phase = 1;
  pthread_cond_broadcast(&changed);
  while (phase < 2) pthread_cond_wait(&changed, &lock);
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2);
  if (argc != 2) return check_summary("unload_thread");
  void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  CHECK(library != NULL);
  if (!library) return check_summary("unload_thread");
  to_base58 = (to_base58_fn)(size_t)dlsym(library, "tronpay_address_to_base58");
  parse = (parse_fn)(size_t)dlsym(library, "tronpay_address_parse");
  CHECK(to_base58 != NULL && parse != NULL);
  if (!to_base58 || !parse) return check_summary("unload_thread");

  pthread_t thread;
  CHECK(pthread_create(&thread, NULL, worker, NULL) == 0);
  pthread_mutex_lock(&lock);
  while (phase < 1) pthread_cond_wait(&changed, &lock);
  pthread_mutex_unlock(&lock);
  CHECK(worker_status[0] == 0);
  CHECK(worker_status[1] != 0);

  CHECK(dlclose(library) == 0);
  pthread_mutex_lock(&lock);
  phase = 2;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&lock);
  CHECK(pthread_join(thread, NULL) == 0); /* the thread's exit ran the destructors */
  return check_summary("unload_thread");
}
