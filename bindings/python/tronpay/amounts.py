"""Amounts: exact conversion between human text ("12.5") and integer base units. Never float."""

from __future__ import annotations

from ._library import alloc_text_out, argument_error, as_text, lib
from ._types import Amount
from .errors import TronPayTypeError


def _decimals(decimals: int) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise TronPayTypeError(f"decimals must be int, not {type(decimals).__name__}")
    if not 0 <= decimals <= 0xFFFFFFFF:
        raise argument_error(f"decimals {decimals} out of range")
    return decimals


def amount_text(value: Amount, what: str = "amount") -> bytes:
    """An int or a decimal str as C text; floats (and bools) are refused, never rounded."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TronPayTypeError(f"{what} must be int or str, never {type(value).__name__}")
    if isinstance(value, int):
        return str(value).encode()  # a negative int stays "-5" for the library to refuse
    return as_text(value, what)


def to_base_units(amount: Amount, decimals: int) -> int:
    """"12.5", 6 → 12500000. The grammar (no signs, exponents, spaces; at most `decimals`
    fraction digits; below 2^256) is the library's; TronPayError E_AMOUNT otherwise."""
    out = alloc_text_out(lib.tronpay_amount_to_base_units, amount_text(amount),
                         _decimals(decimals))
    return int(out)


def from_base_units(base_units: Amount, decimals: int) -> str:
    """12500000, 6 → "12.5" (no trailing zeros, no trailing point)."""
    return alloc_text_out(lib.tronpay_amount_from_base_units,
                          amount_text(base_units, "base units"), _decimals(decimals))
