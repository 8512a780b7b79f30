"""Transactions: offline building (TRX, TRC-20, any contract call), txID, signing, the node's JSON
form, and verification of a signed transaction's JSON."""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_uint32, c_void_p
from typing import Any, List, Sequence, Tuple, Union, cast

from . import library as sizes
from ._library import (alloc_text_out, argument_error, as_bytes, check, declare, fixed_out,
                       joined, lib, take_bytes, take_text)
from .amounts import amount_text
from .errors import E_VERIFY, TronPayTypeError
from .keys import address_bytes
from ._json import JSONInput, json_bytes, json_result
from ._types import Address, Amount, VerifyReport


class TxOptions(ctypes.Structure):
    """tronpay_tx_options; struct_size tells the library which fields the caller knows."""

    _fields_ = [
        ("struct_size", c_uint32),
        ("ref_block_id", c_char_p),
        ("timestamp_ms", c_int64),
        ("expiration_ms", c_int64),
        ("fee_limit_sun", c_int64),
        ("memo", c_char_p),
        ("memo_len", c_size_t),
        ("permission_id", c_int32),
    ]


_out = POINTER(c_void_p)
_opts = POINTER(TxOptions)

declare({
    "tronpay_tx_build_transfer": (c_int32, [_out, POINTER(c_size_t), c_char_p, c_char_p,
                                            c_int64, _opts]),
    "tronpay_tx_build_trc20_transfer": (c_int32, [_out, POINTER(c_size_t), c_char_p, c_char_p,
                                                  c_char_p, c_char_p, _opts]),
    "tronpay_tx_build_trigger": (c_int32, [_out, POINTER(c_size_t), c_char_p, c_char_p, c_int64,
                                           c_char_p, c_size_t, _opts]),
    "tronpay_tx_id": (c_int32, [c_char_p, c_char_p, c_size_t]),
    "tronpay_tx_sign": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_tx_to_json": (c_int32, [_out, c_char_p, c_size_t, c_char_p, c_size_t]),
    "tronpay_tx_serialize": (c_int32, [_out, POINTER(c_size_t), c_char_p, c_size_t, c_char_p,
                                       c_size_t]),
    "tronpay_tx_from_json": (c_int32, [_out, POINTER(c_size_t), _out, POINTER(c_size_t),
                                       c_char_p, c_size_t]),
    "tronpay_tx_verify": (c_int32, [_out, c_char_p, c_size_t, c_int64]),
})

_INT64 = (-(2**63), 2**63 - 1)


def _int64(value: int, what: str) -> int:
    """An exact int within int64; floats and bools are refused, never rounded."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TronPayTypeError(f"{what} must be int, not {type(value).__name__}")
    if not _INT64[0] <= value <= _INT64[1]:
        raise argument_error(f"{what} {value} does not fit in int64")
    return value


def _sun(value: Amount, what: str) -> int:
    """TRX in sun: int, or a decimal str of digits."""
    if isinstance(value, str):
        if not value.isascii() or not value.lstrip("-").isdigit():
            raise argument_error(f"{what} {value!r} is not a whole number of sun")
        value = int(value)
    return _int64(value, what)


def _options(ref_block_id: bytes, expiration_ms: int, timestamp_ms: int, fee_limit_sun: Amount,
             memo: Union[bytes, str], permission_id: int) -> Tuple[TxOptions, List[bytes]]:
    if isinstance(permission_id, int) and not -(2**31) <= permission_id < 2**31:
        raise argument_error(f"permission_id {permission_id} does not fit in int32")
    memo_bytes = memo.encode("utf-8") if isinstance(memo, str) else as_bytes(memo, "memo")
    ref = as_bytes(ref_block_id, "ref_block_id", 32)
    opts = TxOptions(ctypes.sizeof(TxOptions), ref, _int64(timestamp_ms, "timestamp_ms"),
                     _int64(expiration_ms, "expiration_ms"), _sun(fee_limit_sun, "fee_limit_sun"),
                     memo_bytes or None, len(memo_bytes), _int64(permission_id, "permission_id"))
    return opts, [ref, memo_bytes]  # keep the buffers alive during the call


def _built(fn: Any, *args: Any) -> bytes:
    out, length = c_void_p(), c_size_t()
    check(fn(ctypes.byref(out), ctypes.byref(length), *args))
    return take_bytes(out, length.value)


def build_transfer(owner: Address, to: Address, amount_sun: Amount, *,
                   ref_block_id: bytes, expiration_ms: int, timestamp_ms: int = 0,
                   fee_limit_sun: Amount = 0, memo: Union[bytes, str] = b"",
                   permission_id: int = 0) -> bytes:
    """raw_data bytes of a TRX TransferContract (amount_sun > 0, owner ≠ to)."""
    opts, _keep = _options(ref_block_id, expiration_ms, timestamp_ms, fee_limit_sun, memo,
                           permission_id)
    return _built(lib.tronpay_tx_build_transfer, address_bytes(owner), address_bytes(to),
                  _sun(amount_sun, "amount_sun"), ctypes.byref(opts))


def build_trc20_transfer(owner: Address, token: Address, to: Address,
                         amount: Amount, *, ref_block_id: bytes, expiration_ms: int,
                         fee_limit_sun: Amount, timestamp_ms: int = 0,
                         memo: Union[bytes, str] = b"", permission_id: int = 0) -> bytes:
    """raw_data bytes of a TriggerSmartContract calling token.transfer(to, amount); amount in
    base units (int or decimal str)."""
    opts, _keep = _options(ref_block_id, expiration_ms, timestamp_ms, fee_limit_sun, memo,
                           permission_id)
    return _built(lib.tronpay_tx_build_trc20_transfer, address_bytes(owner), address_bytes(token),
                  address_bytes(to), amount_text(amount), ctypes.byref(opts))


def build_trigger(owner: Address, contract: Address, call_value_sun: Amount,
                  data: bytes, *, ref_block_id: bytes, expiration_ms: int,
                  fee_limit_sun: Amount, timestamp_ms: int = 0, memo: Union[bytes, str] = b"",
                  permission_id: int = 0) -> bytes:
    """raw_data bytes of a TriggerSmartContract with your own call data (approve, …)."""
    opts, _keep = _options(ref_block_id, expiration_ms, timestamp_ms, fee_limit_sun, memo,
                           permission_id)
    call = as_bytes(data, "data")
    return _built(lib.tronpay_tx_build_trigger, address_bytes(owner), address_bytes(contract),
                  _sun(call_value_sun, "call_value_sun"), call, len(call), ctypes.byref(opts))


def transaction_id(raw: bytes) -> bytes:
    """The 32-byte txID: SHA-256 of raw_data (TronPayError E_TX if it does not decode)."""
    data = as_bytes(raw, "raw")
    return fixed_out(lib.tronpay_tx_id, sizes.TXID_SIZE, data, len(data))


def sign_transaction(raw: bytes, private_key: bytes) -> bytes:
    """The 65-byte signature r‖s‖v (v 0/1, RFC 6979, low-s) of the transaction's txID."""
    data = as_bytes(raw, "raw")
    return fixed_out(lib.tronpay_tx_sign, sizes.SIGNATURE_SIZE, data, len(data),
                     as_bytes(private_key, "private key", sizes.PRIVKEY_SIZE))


def transaction_to_json(raw: bytes, signatures: Sequence[bytes] = ()) -> str:
    """The node's JSON text {txID, raw_data, raw_data_hex, signature, visible}, ready to send
    to /wallet/broadcasttransaction as it is."""
    data = as_bytes(raw, "raw")
    sigs = joined(list(signatures), sizes.SIGNATURE_SIZE, "signature")
    return alloc_text_out(lib.tronpay_tx_to_json, data, len(data), sigs or None, len(signatures))


def serialize_transaction(raw: bytes, signatures: Sequence[bytes] = ()) -> bytes:
    """The whole Transaction protobuf (raw_data and signatures): what /wallet/broadcasthex takes
    as hex; the node then never rebuilds the bytes from JSON."""
    data = as_bytes(raw, "raw")
    sigs = joined(list(signatures), sizes.SIGNATURE_SIZE, "signature")
    return _built(lib.tronpay_tx_serialize, data, len(data), sigs or None, len(signatures))


def transaction_from_json(transaction: JSONInput) -> Tuple[bytes, List[bytes]]:
    """(raw_data bytes, signatures) of a node's transaction JSON, after the library checked that
    txID, raw_data_hex and raw_data agree (TronPayError E_TX otherwise)."""
    text = json_bytes(transaction, "transaction")
    raw, raw_len = c_void_p(), c_size_t()
    sigs, sig_count = c_void_p(), c_size_t()
    check(lib.tronpay_tx_from_json(ctypes.byref(raw), ctypes.byref(raw_len), ctypes.byref(sigs),
                                   ctypes.byref(sig_count), text, len(text)))
    raw_bytes = take_bytes(raw, raw_len.value)
    all_sigs = take_bytes(sigs, sig_count.value * sizes.SIGNATURE_SIZE)
    return raw_bytes, [all_sigs[i:i + sizes.SIGNATURE_SIZE]
                       for i in range(0, len(all_sigs), sizes.SIGNATURE_SIZE)]


def verify_transaction(transaction: JSONInput, now_ms: int = 0) -> VerifyReport:
    """The library's verification report {valid, txid, txid_matches, raw_data_matches, signers,
    owner, owner_signed, expired, contract, problems}; report["valid"] is False for a
    well-formed transaction that does not verify. now_ms 0 skips the expiry check."""
    text = json_bytes(transaction, "transaction")
    out = c_void_p()
    status = lib.tronpay_tx_verify(ctypes.byref(out), text, len(text), _int64(now_ms, "now_ms"))
    if status != E_VERIFY:  # E_VERIFY still writes the report: it says why
        check(status)
    return cast(VerifyReport, json_result(take_text(out)))
