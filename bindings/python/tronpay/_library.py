"""Finds and loads libtronpay on first use, declares every C prototype, and turns statuses into
errors.

Nothing is loaded at import: `import tronpay` works on a machine without the library (tools,
type checkers, documentation builders); the first call that needs it loads it, or raises
TronPayLoadError saying what to do.

Search order: $TRONPAY_LIBRARY (alone: an explicit choice is never second-guessed), the copy a
wheel carries (`make wheel`: tronpay/_lib/libtronpay.so.1), a libtronpay.so.1 beside this
package, the checkout's build/ (when imported from a checkout), the system loader's path
(LD_LIBRARY_PATH, ldconfig's cache: the Debian package's /usr/lib/<multiarch>/),
ctypes.util.find_library("tronpay"), then the lib/ directories `make install` uses:
sys.prefix/lib, /usr/local/lib, /usr/lib.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
from ctypes import POINTER, c_char_p, c_int32, c_size_t, c_uint32, c_void_p
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .errors import E_ARG, TronPayError, TronPayLoadError, TronPayTypeError

ABI_VERSION = 1
"""The ABI this binding was written for; the loaded library must report the same."""

_NAMES = ("libtronpay.so.1", "libtronpay.so")
_WHEEL_DIR = "_lib"
"""Where a wheel built by `make wheel` carries its libtronpay.so.1, inside the package."""

Prototypes = Dict[str, Tuple[Any, List[Any]]]

_status = c_int32
_bytes = c_char_p  # uint8_t * and char * alike: bytes in, create_string_buffer out
_out_ptr = POINTER(c_void_p)  # char ** / uint8_t ** outputs, released with tronpay_free

# name: (restype, argtypes) of the base sections; the other sections add theirs (declare()).
# Together: exactly the functions of include/tronpay.h.
PROTOTYPES: Prototypes = {
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


HELP = """Do one of:
  - install it: in a libtronpay checkout run `make && sudo make install && sudo ldconfig`
    (PREFIX=/usr/local by default; PREFIX=$VIRTUAL_ENV installs it for one virtualenv);
  - or install the Debian package (`make deb`) or a wheel that carries it (`make wheel`);
  - or name the file: export TRONPAY_LIBRARY=/path/to/libtronpay.so.1"""


def _install_dirs() -> List[Path]:
    """The lib/ directories of `make install`: the default PREFIX, /usr, and this Python's
    prefix (a virtualenv given as PREFIX)."""
    dirs: List[Path] = []
    for d in (Path(sys.prefix) / "lib", Path("/usr/local/lib"), Path("/usr/lib")):
        if d not in dirs:
            dirs.append(d)
    return dirs


def candidates() -> List[str]:
    """Every file or loader name tried, in order."""
    env = os.environ.get("TRONPAY_LIBRARY")
    if env:
        return [env]
    found: List[str] = []
    here = Path(__file__).resolve().parent
    for d in (here / _WHEEL_DIR, here):
        found += [str(d / n) for n in _NAMES if (d / n).exists()]
    checkout = here.parent.parent.parent
    if (checkout / "include" / "tronpay.h").exists():
        found += [str(checkout / "build" / n) for n in _NAMES
                  if (checkout / "build" / n).exists()]
    found += list(_NAMES)  # the system loader's search path
    name = ctypes.util.find_library("tronpay")
    if name and name not in found:
        found.append(name)
    for d in _install_dirs():
        found += [str(d / n) for n in _NAMES if (d / n).exists()]
    return found


def _open() -> ctypes.CDLL:
    errors = []
    for path in candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            errors.append((path, str(exc)))
    tried = "\n".join(f"  {path}: {error}" for path, error in errors)
    env = os.environ.get("TRONPAY_LIBRARY")
    if env:
        raise TronPayLoadError(f"TRONPAY_LIBRARY={env} cannot be loaded:\n{tried}\n"
                               "Point TRONPAY_LIBRARY at a libtronpay.so.1, or unset it to "
                               "search the usual places.")
    dirs = ", ".join(str(d) for d in _install_dirs())
    message = (f"libtronpay.so.1 was not found.\nTried:\n{tried}\n"
               f"Also looked in {dirs} (where `make install` puts it).\n{HELP}")
    if any(os.path.isabs(path) for path, _ in errors):
        message += ("\nA file above exists but did not load: its error names what is missing "
                    "(Debian: apt-get install libsecp256k1-1 libssl3 libsqlite3-0).")
    raise TronPayLoadError(message)


def _bind(cdll: ctypes.CDLL, prototypes: Prototypes) -> None:
    for name, (restype, argtypes) in prototypes.items():
        try:
            fn = getattr(cdll, name)
        except AttributeError:
            raise TronPayLoadError(f"{cdll._name} lacks {name}: a library older than this "
                                   "binding; install the matching libtronpay") from None
        fn.restype = restype
        fn.argtypes = argtypes


_loaded: Optional[ctypes.CDLL] = None
_lock = threading.Lock()


def load() -> ctypes.CDLL:
    """The library, opened, declared and ABI-checked on the first call (thread-safe)."""
    global _loaded
    with _lock:
        if _loaded is None:
            cdll = _open()
            _bind(cdll, PROTOTYPES)
            abi = int(cdll.tronpay_abi_version())
            if abi != ABI_VERSION:
                raise TronPayLoadError(f"{cdll._name} has ABI {abi}, this binding needs "
                                       f"{ABI_VERSION}: install the matching libtronpay")
            _loaded = cdll
        return _loaded


def declare(prototypes: Prototypes) -> None:
    """Declares a section's prototypes (each section module declares its own at import)."""
    with _lock:
        PROTOTYPES.update(prototypes)
        if _loaded is not None:
            _bind(_loaded, prototypes)


class _Library:
    """Stands for the CDLL until the first attribute is asked for, then loads it; each
    function found is cached on the instance, so later calls go straight to ctypes."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # introspection (copy, pydoc, mocks) must not load it
            raise AttributeError(name)
        fn = getattr(load(), name)
        setattr(self, name, fn)
        return fn


lib = _Library()


def library_path() -> str:
    """The path (or loader name) of the loaded library; loads it."""
    return str(load()._name)


# --- conversions shared by the API modules -------------------------------------------------


def check(status: int) -> None:
    """Raises TronPayError for any status but TRONPAY_OK, with the thread's detail text."""
    if status != 0:
        detail: bytes = lib.tronpay_last_error()  # read before any other call
        name: bytes = lib.tronpay_status_str(status)
        raise TronPayError(status, name.decode(), detail.decode("utf-8", "replace"))


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
