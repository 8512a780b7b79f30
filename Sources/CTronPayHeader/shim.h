/* include/tronpay.h as a C module for the ABI target (Sources/TronPayABI): Swift reads the C
 * types with C's own layout (tronpay_tx_options), the size constants from the header, and
 * Signatures.swift type-checks every @_cdecl function against the prototype declared here. */
#include "../../include/tronpay.h"

/* malloc_usable_size(), which tronpay_free() uses to wipe a whole allocation; Swift's Glibc
 * module does not include <malloc.h>. */
#include <malloc.h>
