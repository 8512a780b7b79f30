"""Hashes, keys, addresses. Addresses come out as base58 text ("T…"); they go in as any of the
three forms tronpay_address_parse accepts, or as 21 raw bytes."""

from __future__ import annotations

from . import library as sizes
from ._library import as_bytes, as_text, check, fixed_out, fixed_secret_out, lib, text_out
from ._types import Address
from .errors import E_KEY, TronPayError


def keccak256(data: bytes) -> bytes:
    """Keccak-256 with the original 0x01 padding (not SHA3-256)."""
    data = as_bytes(data, "data")
    return fixed_out(lib.tronpay_keccak256, 32, data, len(data))


def sha256(data: bytes) -> bytes:
    """SHA-256."""
    data = as_bytes(data, "data")
    return fixed_out(lib.tronpay_sha256, 32, data, len(data))


def generate_private_key() -> bytes:
    """A fresh 32-byte private key from the OS CSPRNG."""
    return fixed_secret_out(lib.tronpay_privkey_generate, sizes.PRIVKEY_SIZE)


def is_valid_private_key(key: bytes) -> bool:
    """True iff 1 <= key < n. Raises TronPayError (E_ARG) for a length other than 32."""
    status = lib.tronpay_privkey_verify(as_bytes(key, "private key", sizes.PRIVKEY_SIZE))
    if status == E_KEY:
        return False
    check(status)
    return True


def public_key_from_private_key(key: bytes) -> bytes:
    """The uncompressed public key 04 || X || Y (65 bytes)."""
    return fixed_out(lib.tronpay_pubkey_from_privkey, sizes.PUBKEY_SIZE,
                     as_bytes(key, "private key", sizes.PRIVKEY_SIZE))


def address_from_public_key(public_key: bytes) -> str:
    """The address ("T…") of a 33-byte compressed or 65-byte uncompressed public key."""
    pub = as_bytes(public_key, "public key")
    return address_to_base58(fixed_out(lib.tronpay_address_from_pubkey, sizes.ADDRESS_SIZE, pub,
                                       len(pub)))


def address_from_private_key(key: bytes) -> str:
    """The address ("T…") of a private key."""
    raw = fixed_out(lib.tronpay_address_from_privkey, sizes.ADDRESS_SIZE,
                    as_bytes(key, "private key", sizes.PRIVKEY_SIZE))
    return address_to_base58(raw)


def parse_address(text: str) -> bytes:
    """The 21 bytes of an address in base58check, "41…" hex or "0x…" EVM form; nothing is
    repaired (TronPayError E_ADDRESS otherwise)."""
    return fixed_out(lib.tronpay_address_parse, sizes.ADDRESS_SIZE, as_text(text, "address"))


def address_bytes(address: Address) -> bytes:
    """21 address bytes from text (parsed) or from bytes (length-checked)."""
    if isinstance(address, str):
        return parse_address(address)
    return as_bytes(address, "address", sizes.ADDRESS_SIZE)


def address_to_base58(address: Address) -> str:
    """The base58check text "T…" of an address."""
    return text_out(lib.tronpay_address_to_base58, sizes.ADDRESS_TEXT_SIZE, address_bytes(address))


def address_to_hex(address: Address) -> str:
    """The hex text "41…" (lower case) of an address."""
    return text_out(lib.tronpay_address_to_hex, sizes.ADDRESS_HEX_SIZE, address_bytes(address))


__all__ = ["keccak256", "sha256", "generate_private_key", "is_valid_private_key",
           "public_key_from_private_key", "address_from_public_key", "address_from_private_key",
           "parse_address", "address_to_base58", "address_to_hex", "TronPayError", "Address"]
