"""Typed shapes of the library's JSON: what the functions return (TypedDicts, states and reasons
as Literals) and the payment-check request. Types only: the library defines the values; a
value the library adds later still arrives, these names just do not list it yet."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

JSONInput = Union[str, bytes, Dict[str, Any], List[Any]]
"""JSON text (str/bytes, passed unchanged) or a dict/list (serialised)."""

Address = Union[str, bytes]
"""An address: text in any form tronpay_address_parse accepts, or its 21 bytes."""

Amount = Union[int, str]
"""An exact amount: int, or a decimal str (never float)."""

TransferSource = Literal["log", "transfer_contract", "internal", "indexer"]

SkipReason = Literal["malformed", "removed", "rejected", "trc10", "unsupported", "failed",
                     "inconsistent"]

InvoiceState = Literal["paid", "overpaid", "paid_late", "detected", "partial", "expired", "new"]

RejectReason = Literal["foreign_token", "failed", "inconsistent", "not_final", "undated", "late",
                       "early", "below_minimum", "duplicate", "malformed", "ambiguous", "removed",
                       "unsupported"]

# "from" is a keyword: the functional form.
Transfer = TypedDict("Transfer", {
    "txid": str,
    "log_index": Optional[int],
    "ordinal": int,
    "block": Optional[int],
    "timestamp_ms": Optional[int],
    "token": str,  # "TRX" or the token contract "T…"
    "from": str,
    "to": str,
    "amount": str,  # decimal base units
    "success": Optional[bool],
    "source": TransferSource,
})
"""One transfer of tronpay_transfers_parse (and of a payment check's "unmatched")."""


class _SkippedBase(TypedDict):
    txid: str
    log_index: Optional[int]
    reason: SkipReason


class Skipped(_SkippedBase, total=False):
    """A record tronpay_transfers_parse could not use, and why."""

    detail: str


class TransfersResult(TypedDict):
    """tronpay_transfers_parse's whole answer."""

    transfers: List[Transfer]
    skipped: List[Skipped]


class Credit(TypedDict):
    txid: str
    log_index: Optional[int]
    ordinal: int
    amount: str
    block: Optional[int]
    final: bool


class InvoiceResult(TypedDict):
    id: str
    state: InvoiceState
    due: str
    received: str
    received_final: str
    credits: List[Credit]


class Rejection(TypedDict):
    txid: str
    log_index: Optional[int]
    reason: RejectReason


class PaymentCheckResult(TypedDict):
    """tronpay_payment_check's verdict."""

    invoices: List[InvoiceResult]
    rejected: List[Rejection]
    unmatched: List[Transfer]


# --- the request of check_payments (for callers who want their request checked too) ---

class ChainState(TypedDict):
    head_block: int
    solidified_block: int
    now_ms: int


class Policy(TypedDict, total=False):
    min_amount: Amount
    confirmations: Union[Literal["solidified"], int]


class _InvoiceBase(TypedDict):
    id: str
    address: str
    amount_due: Amount


class Invoice(_InvoiceBase, total=False):
    token: str  # "TRX", a pinned symbol ("USDT", the default) or a contract address
    created_at_ms: int
    expires_at_ms: int
    tolerance_bps: int


class _PaymentRequestBase(TypedDict):
    chain: ChainState
    invoices: List[Invoice]


class PaymentRequest(_PaymentRequestBase, total=False):
    tokens: Dict[str, str]
    policy: Policy
    evidence: List[Union[str, bytes, Dict[str, Any], List[Any]]]


class VerifyReport(TypedDict):
    """tronpay_tx_verify's report."""

    valid: bool
    txid: str
    txid_matches: bool
    raw_data_matches: Optional[bool]
    signers: List[str]
    owner: Optional[str]
    owner_signed: bool
    expired: bool
    contract: Dict[str, Any]  # {"type": …, …}: its members depend on the type
    expiration_ms: int
    timestamp_ms: Optional[int]
    fee_limit_sun: int
    memo_hex: str
    problems: List[str]

