"""Messages (TIP-104 signMessageV2) and raw 32-byte digests: signing, recovery, verification."""

from __future__ import annotations

from ctypes import c_char_p, c_int32, c_size_t
from typing import Union

from . import library as sizes
from ._library import as_bytes, check, declare, fixed_out, lib
from ._types import Address
from .errors import E_VERIFY
from .keys import address_bytes, address_to_base58

declare({
    "tronpay_message_sign": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_message_recover": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_message_verify": (c_int32, [c_char_p, c_size_t, c_char_p, c_char_p]),
    "tronpay_message_recover_v1": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_message_verify_v1": (c_int32, [c_char_p, c_size_t, c_char_p, c_char_p]),
    "tronpay_digest_sign": (c_int32, [c_char_p, c_char_p, c_char_p]),
    "tronpay_digest_recover": (c_int32, [c_char_p, c_char_p, c_char_p]),
})


def _message(message: Union[bytes, str]) -> bytes:
    """A message: bytes as they are, text as its UTF-8 bytes (as TronWeb signs a JS string)."""
    if isinstance(message, str):
        return message.encode("utf-8")
    return as_bytes(message, "message")


def sign_message(message: Union[bytes, str], private_key: bytes) -> bytes:
    """The 65-byte signature r‖s‖v (v 27/28) of TronWeb's signMessageV2 over the message."""
    msg = _message(message)
    return fixed_out(lib.tronpay_message_sign, sizes.SIGNATURE_SIZE, msg, len(msg),
                     as_bytes(private_key, "private key", sizes.PRIVKEY_SIZE))


def recover_message_signer(message: Union[bytes, str], signature: bytes) -> str:
    """The address ("T…") whose key made the signature (v 0, 1, 27 or 28)."""
    msg = _message(message)
    raw = fixed_out(lib.tronpay_message_recover, sizes.ADDRESS_SIZE, msg, len(msg),
                    as_bytes(signature, "signature", sizes.SIGNATURE_SIZE))
    return address_to_base58(raw)


def verify_message(message: Union[bytes, str], signature: bytes, address: Address) -> bool:
    """True iff the signature is the address's over the message; False if it is well-formed but
    does not verify; TronPayError for a malformed signature or address."""
    msg = _message(message)
    status = lib.tronpay_message_verify(msg, len(msg),
                                        as_bytes(signature, "signature", sizes.SIGNATURE_SIZE),
                                        address_bytes(address))
    if status == E_VERIFY:
        return False
    check(status)
    return True


def recover_message_signer_v1(message: bytes, signature: bytes) -> str:
    """Legacy v1 (TronWeb trx.sign(hexString)): the signer of the hex-DECODED message bytes."""
    msg = as_bytes(message, "message")
    raw = fixed_out(lib.tronpay_message_recover_v1, sizes.ADDRESS_SIZE, msg, len(msg),
                    as_bytes(signature, "signature", sizes.SIGNATURE_SIZE))
    return address_to_base58(raw)


def verify_message_v1(message: bytes, signature: bytes, address: Address) -> bool:
    """Legacy v1 verification of the hex-DECODED message bytes (see verify_message)."""
    msg = as_bytes(message, "message")
    status = lib.tronpay_message_verify_v1(msg, len(msg),
                                           as_bytes(signature, "signature", sizes.SIGNATURE_SIZE),
                                           address_bytes(address))
    if status == E_VERIFY:
        return False
    check(status)
    return True


def sign_digest(digest: bytes, private_key: bytes) -> bytes:
    """The 65-byte signature r‖s‖v (v 0/1) of a raw 32-byte digest."""
    return fixed_out(lib.tronpay_digest_sign, sizes.SIGNATURE_SIZE, as_bytes(digest, "digest", 32),
                     as_bytes(private_key, "private key", sizes.PRIVKEY_SIZE))


def recover_digest_signer(digest: bytes, signature: bytes) -> str:
    """The address ("T…") whose key signed the 32-byte digest (v 0, 1, 27 or 28)."""
    raw = fixed_out(lib.tronpay_digest_recover, sizes.ADDRESS_SIZE, as_bytes(digest, "digest", 32),
                    as_bytes(signature, "signature", sizes.SIGNATURE_SIZE))
    return address_to_base58(raw)


