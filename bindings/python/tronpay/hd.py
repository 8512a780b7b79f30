"""HD wallets: BIP39 mnemonics and seeds, BIP32/BIP44 derivation (TRON coin type 195), and
watch-only address derivation from an xpub."""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_int32, c_size_t, c_uint32, c_void_p
from typing import List, Optional

from . import library as sizes
from ._library import (alloc_text_out, argument_error, as_bytes, as_text, check, declare,
                       fixed_secret_out, lib, text_out)
from .errors import E_MNEMONIC, TronPayTypeError
from .keys import address_to_base58

declare({
    "tronpay_mnemonic_generate": (c_int32, [POINTER(c_void_p), c_uint32, c_char_p]),
    "tronpay_mnemonic_validate": (c_int32, [c_char_p]),
    "tronpay_mnemonic_to_seed": (c_int32, [c_char_p, c_char_p, c_char_p]),
    "tronpay_hd_privkey": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_hd_xpub": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_hd_xprv": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_xpub_derive_addresses": (c_int32, [c_char_p, c_char_p, c_uint32, c_uint32,
                                                c_uint32]),
})


MAX_DERIVE = 1_000_000
"""The most addresses one tronpay_xpub_derive_addresses call derives."""


def _u32(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TronPayTypeError(f"{what} must be int, not {type(value).__name__}")
    if not 0 <= value <= 0xFFFFFFFF:
        raise argument_error(f"{what} {value} is outside 0 … 2^32-1")
    return value


def generate_mnemonic(word_count: int = 24, language: Optional[str] = None) -> str:
    """A fresh mnemonic of 12, 15, 18, 21 or 24 words from the OS CSPRNG; language None is
    "english", else a BIP39 list name ("japanese", "chinese_simplified", …)."""
    lang = None if language is None else as_text(language, "language")
    return alloc_text_out(lib.tronpay_mnemonic_generate, _u32(word_count, "word_count"), lang)


def is_valid_mnemonic(mnemonic: str) -> bool:
    """True iff every word is in one BIP39 list and the checksum holds."""
    status = lib.tronpay_mnemonic_validate(as_text(mnemonic, "mnemonic"))
    if status == E_MNEMONIC:
        return False
    check(status)
    return True


def mnemonic_to_seed(mnemonic: str, passphrase: Optional[str] = None) -> bytes:
    """The 64-byte BIP39 seed (the mnemonic is validated first: TronPayError E_MNEMONIC)."""
    return fixed_secret_out(lib.tronpay_mnemonic_to_seed, sizes.SEED_SIZE,
                            as_text(mnemonic, "mnemonic"),
                            None if passphrase is None else as_text(passphrase, "passphrase"))


def _seed(seed: bytes) -> bytes:
    return as_bytes(seed, "seed")


def hd_private_key(seed: bytes, path: str) -> bytes:
    """The 32-byte private key at a path like "m/44'/195'/0'/0/7"."""
    data = _seed(seed)
    return fixed_secret_out(lib.tronpay_hd_privkey, sizes.PRIVKEY_SIZE, data, len(data),
                            as_text(path, "path"))


def hd_xpub(seed: bytes, path: str) -> str:
    """The extended public key ("xpub…") at a path, e.g. the account "m/44'/195'/0'"."""
    data = _seed(seed)
    return text_out(lib.tronpay_hd_xpub, sizes.XKEY_TEXT_SIZE, data, len(data),
                    as_text(path, "path"))


def hd_xprv(seed: bytes, path: str) -> str:
    """The extended private key ("xprv…") at a path. It is a secret."""
    data = _seed(seed)
    buf = ctypes.create_string_buffer(sizes.XKEY_TEXT_SIZE)
    try:
        check(lib.tronpay_hd_xprv(buf, data, len(data), as_text(path, "path")))
        text: str = buf.value.decode("ascii")
        return text
    finally:
        lib.tronpay_memzero(buf, sizes.XKEY_TEXT_SIZE)


def xpub_derive_addresses(xpub: str, change: int = 0, first_index: int = 0,
                          count: int = 1) -> List[str]:
    """Watch-only: the addresses ("T…") at xpub/change/i for i in [first_index,
    first_index + count). Every index must stay below 2^31 (TronPayError E_PATH)."""
    count = _u32(count, "count")
    if count > MAX_DERIVE:  # the library refuses it too; checked first so as not to allocate
        raise argument_error(f"count {count} is above {MAX_DERIVE}")
    buf = ctypes.create_string_buffer(sizes.ADDRESS_SIZE * count)
    check(lib.tronpay_xpub_derive_addresses(buf, as_text(xpub, "xpub"), _u32(change, "change"),
                                            _u32(first_index, "first_index"), count))
    raw = buf.raw
    size = sizes.ADDRESS_SIZE
    return [address_to_base58(raw[i:i + size]) for i in range(0, len(raw), size)]
