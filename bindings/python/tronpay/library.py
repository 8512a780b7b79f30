"""Library: versions, status names, sizes, wiping."""

from __future__ import annotations

import ctypes

from typing import Optional, Union

from ._library import lib
from .errors import TronPayTypeError

# The sizes are the library's answers (tronpay_size_*), asked on first use so that importing
# loads nothing; declared here for type checkers, provided by __getattr__ below.
PRIVKEY_SIZE: int
PUBKEY_SIZE: int
ADDRESS_SIZE: int
ADDRESS_TEXT_SIZE: int
ADDRESS_HEX_SIZE: int
SIGNATURE_SIZE: int
TXID_SIZE: int
SEED_SIZE: int
XKEY_TEXT_SIZE: int

SIZE_FUNCTIONS = {
    "PRIVKEY_SIZE": "tronpay_size_privkey",
    "PUBKEY_SIZE": "tronpay_size_pubkey",
    "ADDRESS_SIZE": "tronpay_size_address",
    "ADDRESS_TEXT_SIZE": "tronpay_size_address_text",
    "ADDRESS_HEX_SIZE": "tronpay_size_address_hex",
    "SIGNATURE_SIZE": "tronpay_size_signature",
    "TXID_SIZE": "tronpay_size_txid",
    "SEED_SIZE": "tronpay_size_seed",
    "XKEY_TEXT_SIZE": "tronpay_size_xkey_text",
}


def __getattr__(name: str) -> int:
    function = SIZE_FUNCTIONS.get(name)
    if function is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = int(getattr(lib, function)())
    globals()[name] = value  # asked once
    return value


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    text: bytes = lib.tronpay_version()
    return text.decode()


def abi_version() -> int:
    """The loaded library's ABI version (checked against this binding's at import)."""
    return int(lib.tronpay_abi_version())


def status_name(status: int) -> str:
    """The name of a status code, e.g. "TRONPAY_E_ADDRESS"; "unknown status" otherwise."""
    name: bytes = lib.tronpay_status_str(status)
    return name.decode()


def last_error() -> str:
    """This thread's detail text of its last failed call ("" if none)."""
    detail: bytes = lib.tronpay_last_error()
    return detail.decode("utf-8", "replace")


def memzero(buffer: Union[bytearray, memoryview]) -> None:
    """Wipes a writable buffer (your copy of a key or seed). bytes objects are immutable and
    cannot be wiped: keep secrets you mean to wipe in a bytearray."""
    view = memoryview(buffer)
    if view.readonly:
        raise TronPayTypeError("memzero needs a writable buffer (bytearray), not read-only bytes")
    if view.nbytes:
        c_buf = (ctypes.c_char * view.nbytes).from_buffer(view.cast("B"))
        lib.tronpay_memzero(c_buf, view.nbytes)


def free(pointer: Union[int, ctypes.c_void_p, None]) -> None:
    """tronpay_free, for callers using the raw `tronpay.native` handle; the pythonic functions
    free everything they receive themselves."""
    lib.tronpay_free(pointer)
