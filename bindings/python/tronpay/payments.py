"""Transfers and payment checks: what recorded chain JSON says was paid, and the verdict on
invoices. The library reads the JSON; these functions only convert to and from Python."""

from __future__ import annotations

from ctypes import POINTER, c_char_p, c_int32, c_size_t, c_void_p
from typing import Any, Dict, List, Union, cast

from ._json import JSONInput, json_bytes, json_result
from ._library import alloc_text_out, declare, lib
from ._types import PaymentCheckResult, PaymentRequest, Skipped, Transfer, TransfersResult

declare({
    "tronpay_transfers_parse": (c_int32, [POINTER(c_void_p), c_char_p, c_size_t]),
    "tronpay_payment_check": (c_int32, [POINTER(c_void_p), c_char_p, c_size_t]),
})


def _request_bytes(request: Any) -> bytes:
    """A payment-check request; evidence items given as str/bytes are JSON text fetched from a
    node, and are inserted verbatim rather than quoted."""
    if not isinstance(request, dict) or not isinstance(request.get("evidence"), list):
        return json_bytes(request, "request")
    rest = {k: v for k, v in request.items() if k != "evidence"}
    items = b",".join(json_bytes(item, "evidence item") for item in request["evidence"])
    head = json_bytes(rest, "request")
    return head[:-1] + (b"," if rest else b"") + b'"evidence":[' + items + b"]}"


class Transfers(List[Transfer]):
    """The transfers found (a list of dicts), with .skipped: what was malformed, and why."""

    skipped: List[Skipped]


def parse_transfers(evidence: JSONInput) -> Transfers:
    """Every TRX and TRC-20 transfer in node, TronGrid or JSON-RPC JSON, as dicts
    {txid, log_index, block, timestamp_ms, token, from, to, amount (decimal str), success,
    source}; anything unusable is listed in .skipped with a reason."""
    data = json_bytes(evidence, "evidence")
    result = cast(TransfersResult,
                  json_result(alloc_text_out(lib.tronpay_transfers_parse, data, len(data))))
    transfers = Transfers(result["transfers"])
    transfers.skipped = result["skipped"]
    return transfers


def check_payments(request: Union[PaymentRequest, Dict[str, Any], str, bytes]
                   ) -> PaymentCheckResult:
    """The verdict on invoices from recorded evidence: {invoices: [{id, state, due, received,
    received_final, credits}], rejected, unmatched}. See tronpay_payment_check. Evidence items
    may be dicts or the JSON text a node returned (inserted unchanged)."""
    data = _request_bytes(request)
    return cast(PaymentCheckResult,
                json_result(alloc_text_out(lib.tronpay_payment_check, data, len(data))))
