"""Library: versions, status names, sizes, wiping."""

from __future__ import annotations

import ctypes

from ._library import lib
from .errors import TronPayTypeError

PRIVKEY_SIZE: int = lib.tronpay_size_privkey()
PUBKEY_SIZE: int = lib.tronpay_size_pubkey()
ADDRESS_SIZE: int = lib.tronpay_size_address()
ADDRESS_TEXT_SIZE: int = lib.tronpay_size_address_text()
ADDRESS_HEX_SIZE: int = lib.tronpay_size_address_hex()
SIGNATURE_SIZE: int = lib.tronpay_size_signature()
TXID_SIZE: int = lib.tronpay_size_txid()
SEED_SIZE: int = lib.tronpay_size_seed()
XKEY_TEXT_SIZE: int = lib.tronpay_size_xkey_text()


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return lib.tronpay_version().decode()


def abi_version() -> int:
    """The loaded library's ABI version (checked against this binding's at import)."""
    return int(lib.tronpay_abi_version())


def status_name(status: int) -> str:
    """The name of a status code, e.g. "TRONPAY_E_ADDRESS"; "unknown status" otherwise."""
    return lib.tronpay_status_str(status).decode()


def last_error() -> str:
    """This thread's detail text of its last failed call ("" if none)."""
    return lib.tronpay_last_error().decode("utf-8", "replace")


def memzero(buffer: "bytearray | memoryview") -> None:
    """Wipes a writable buffer (your copy of a key or seed). bytes objects are immutable and
    cannot be wiped: keep secrets you mean to wipe in a bytearray."""
    view = memoryview(buffer)
    if view.readonly:
        raise TronPayTypeError("memzero needs a writable buffer (bytearray), not read-only bytes")
    if view.nbytes:
        c_buf = (ctypes.c_char * view.nbytes).from_buffer(view.cast("B"))
        lib.tronpay_memzero(c_buf, view.nbytes)


def free(pointer: "int | ctypes.c_void_p | None") -> None:
    """tronpay_free, for callers using the raw `tronpay.native` handle; the pythonic functions
    free everything they receive themselves."""
    lib.tronpay_free(pointer)
