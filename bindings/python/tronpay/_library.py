"""Finds and loads libtronpay, declares every C prototype, and turns statuses into errors.

Search order: $TRONPAY_LIBRARY, a libtronpay.so.1 beside this package, the repository's
build/ directory (when imported from a checkout), then the system's loader path.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, c_char_p, c_int32, c_size_t, c_uint32, c_void_p
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .errors import E_ARG, TronPayError, TronPayTypeError

ABI_VERSION = 1
"""The ABI this binding was written for; the loaded library must report the same."""

_NAMES = ("libtronpay.so.1", "libtronpay.so")


_status = c_int32
_bytes = c_char_p  # uint8_t * and char * alike: bytes in, create_string_buffer out
_out_ptr = POINTER(c_void_p)  # char ** / uint8_t ** outputs, released with tronpay_free

# name: (restype, argtypes) of the base sections; the other sections add theirs (declare()).
# Together: exactly the functions of include/tronpay.h.
PROTOTYPES: Dict[str, Tuple[object, List[object]]] = {
    # Sizes
    "tronpay_size_privkey": (c_size_t, []),
    "tronpay_size_pubkey": (c_size_t, []),
    "tronpay_size_address": (c_size_t, []),
    "tronpay_size_address_text": (c_size_t, []),
    "tronpay_size_address_hex": (c_size_t, []),
    "tronpay_size_signature": (c_size_t, []),
    "tronpay_size_txid": (c_size_t, []),
    "tronpay_size_seed": (c_size_t, []),
    "tronpay_size_xkey_text": (c_size_t, []),
    # Library
    "tronpay_version": (c_char_p, []),
    "tronpay_abi_version": (c_uint32, []),
    "tronpay_status_str": (c_char_p, [c_int32]),
    "tronpay_last_error": (c_char_p, []),
    "tronpay_free": (None, [c_void_p]),
    "tronpay_memzero": (None, [c_void_p, c_size_t]),
    # Hashes, keys, addresses
    "tronpay_keccak256": (_status, [_bytes, _bytes, c_size_t]),
    "tronpay_sha256": (_status, [_bytes, _bytes, c_size_t]),
    "tronpay_privkey_generate": (_status, [_bytes]),
    "tronpay_privkey_verify": (_status, [_bytes]),
    "tronpay_pubkey_from_privkey": (_status, [_bytes, _bytes]),
    "tronpay_address_from_pubkey": (_status, [_bytes, _bytes, c_size_t]),
    "tronpay_address_from_privkey": (_status, [_bytes, _bytes]),
    "tronpay_address_to_base58": (_status, [_bytes, _bytes]),
    "tronpay_address_to_hex": (_status, [_bytes, _bytes]),
    "tronpay_address_parse": (_status, [_bytes, c_char_p]),
    # Amounts
    "tronpay_amount_to_base_units": (_status, [_out_ptr, c_char_p, c_uint32]),
    "tronpay_amount_from_base_units": (_status, [_out_ptr, c_char_p, c_uint32]),
}


def _candidates() -> List[str]:
    found: List[str] = []
    env = os.environ.get("TRONPAY_LIBRARY")
    if env:
        return [env]  # an explicit choice is never second-guessed
    here = Path(__file__).resolve().parent
    found += [str(here / n) for n in _NAMES if (here / n).exists()]
    build = here.parent.parent.parent / "build"
    found += [str(build / n) for n in _NAMES if (build / n).exists()]
    found += list(_NAMES)  # the system loader's search path
    return found


def _open() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            errors.append(f"{path}: {exc}")
    raise ImportError("libtronpay not found (set TRONPAY_LIBRARY): " + "; ".join(errors))


def _bind(lib: ctypes.CDLL, prototypes: Dict[str, Tuple[object, List[object]]]) -> None:
    for name, (restype, argtypes) in prototypes.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise ImportError(f"{lib._name} lacks {name}: a library older than this binding")
        fn.restype = restype
        fn.argtypes = argtypes


def declare(prototypes: Dict[str, Tuple[object, List[object]]]) -> None:
    """Declares a section's prototypes (each section module declares its own at import)."""
    _bind(lib, prototypes)
    PROTOTYPES.update(prototypes)


lib = _open()
_bind(lib, PROTOTYPES)
_loaded_abi = lib.tronpay_abi_version()
if _loaded_abi != ABI_VERSION:
    raise ImportError(f"{lib._name} has ABI {_loaded_abi}, this binding needs {ABI_VERSION}")
path: str = lib._name


# --- conversions shared by the API modules -------------------------------------------------


def check(status: int) -> None:
    """Raises TronPayError for any status but TRONPAY_OK, with the thread's detail text."""
    if status != 0:
        detail = lib.tronpay_last_error().decode("utf-8", "replace")  # read before any call
        raise TronPayError(status, lib.tronpay_status_str(status).decode(), detail)


def argument_error(detail: str) -> TronPayError:
    """The error the library itself gives for a bad length or value: TRONPAY_E_ARG."""
    return TronPayError(E_ARG, "TRONPAY_E_ARG", detail)


def as_bytes(value: object, what: str, size: Optional[int] = None) -> bytes:
    """Bytes-like → bytes; a fixed-size C input must have exactly its size (C cannot check)."""
    if isinstance(value, str) or not isinstance(value, (bytes, bytearray, memoryview)):
        raise TronPayTypeError(f"{what} must be bytes, not {type(value).__name__}")
    data = bytes(value)
    if size is not None and len(data) != size:
        raise argument_error(f"{what} must be {size} bytes, got {len(data)}")
    return data


def as_text(value: object, what: str) -> bytes:
    """str → NUL-terminated UTF-8; an embedded NUL would silently cut the text, so refuse it."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8")
    if not isinstance(value, str):
        raise TronPayTypeError(f"{what} must be str, not {type(value).__name__}")
    if "\0" in value:
        raise argument_error(f"{what} contains a NUL character")
    return value.encode("utf-8")


def take_text(out: c_void_p) -> str:
    """Copies a library-allocated NUL-terminated string, then frees it."""
    try:
        return ctypes.string_at(out.value).decode("utf-8") if out.value else ""
    finally:
        lib.tronpay_free(out)


def take_bytes(out: c_void_p, length: int) -> bytes:
    """Copies `length` library-allocated bytes, then frees them."""
    try:
        return ctypes.string_at(out.value, length) if out.value and length else b""
    finally:
        lib.tronpay_free(out)


def fixed_out(fn: Callable[..., int], size: int, *args: object) -> bytes:
    """Calls fn(out[size], *args) and returns the written bytes."""
    buf = ctypes.create_string_buffer(size)
    check(fn(buf, *args))
    return buf.raw


def fixed_secret_out(fn: Callable[..., int], size: int, *args: object) -> bytes:
    """As fixed_out, and wipes the C buffer once its copy is made."""
    buf = ctypes.create_string_buffer(size)
    try:
        check(fn(buf, *args))
        return buf.raw
    finally:
        lib.tronpay_memzero(buf, size)


def text_out(fn: Callable[..., int], size: int, *args: object) -> str:
    """Calls fn(char out[size], *args) and returns the NUL-terminated text."""
    buf = ctypes.create_string_buffer(size)
    check(fn(buf, *args))
    return buf.value.decode("utf-8")


def alloc_text_out(fn: Callable[..., int], *args: object) -> str:
    """Calls fn(char **out, *args) and returns the text, freed with tronpay_free."""
    out = c_void_p()
    check(fn(ctypes.byref(out), *args))
    return take_text(out)


def joined(items: Sequence[bytes], size: int, what: str) -> bytes:
    """A list of fixed-size byte strings → one contiguous C array."""
    return b"".join(as_bytes(item, what, size) for item in items)
