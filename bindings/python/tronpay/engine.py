"""The stateful payment engine (ENGINE.md): an open store behind one handle.

    with tronpay.Engine({"store": "sqlite:/var/lib/shop/tronpay.db",
                         "wallets": [{"id": "main", "xpub": xpub}]}) as engine:
        invoice = engine.invoice_create({"order_id": "A-1001", "amount": "12.5"})["invoice"]

Each method calls one C function of the header's engine sections and returns its JSON answer
as dicts and lists (amounts stay decimal strings; the TypedDicts below name the members). Every
failure raises TronPayError with the library's status (E_NOT_FOUND, E_CONFLICT, E_STATE, E_BUSY,
E_STORE, …). `now_ms` is the current time in Unix milliseconds; the methods that take one
default to the system clock. One Engine may be used from several threads (the library
serialises its calls; ctypes releases the GIL while one runs); several processes may open one
store.
"""

from __future__ import annotations

import ctypes
import time
from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_uint32, c_void_p
from typing import Any, Dict, List, Literal, Optional, Sequence, TypedDict, Union, cast

from ._json import json_bytes, json_result
from ._library import argument_error, as_bytes, as_text, check, declare, lib, take_text

_out = POINTER(c_void_p)
_engine = c_void_p
_status = c_int32

declare({
    "tronpay_engine_open": (_status, [POINTER(c_void_p), c_char_p, c_size_t, c_int64]),
    "tronpay_engine_close": (None, [_engine]),
    "tronpay_engine_health": (_status, [_engine, _out, c_int64]),
    "tronpay_invoice_create": (_status, [_engine, _out, c_char_p, c_size_t, c_int64]),
    "tronpay_invoice_get": (_status, [_engine, _out, c_char_p, c_int64]),
    "tronpay_invoice_list": (_status, [_engine, _out, c_char_p, c_size_t, c_int64]),
    "tronpay_invoice_cancel": (_status, [_engine, _out, c_char_p, c_char_p, c_char_p, c_int64]),
    "tronpay_invoice_resolve": (_status, [_engine, _out, c_char_p, c_size_t, c_int64]),
    "tronpay_audit_list": (_status, [_engine, _out, c_char_p, c_size_t]),
    "tronpay_chain_tip": (_status, [_engine, _out, c_char_p, c_size_t, c_int64]),
    "tronpay_chain_block": (_status, [_engine, _out, c_char_p, c_size_t, c_char_p, c_size_t,
                                      c_int64]),
    "tronpay_chain_disconnect": (_status, [_engine, _out, c_int64, c_char_p, c_int64]),
    "tronpay_chain_evidence": (_status, [_engine, _out, c_char_p, c_size_t, c_int64]),
    "tronpay_sync_next": (_status, [_engine, _out, c_int64]),
    "tronpay_sync_feed": (_status, [_engine, _out, c_char_p, c_int32, c_char_p, c_char_p,
                                    c_size_t, c_int32, c_int64]),
    "tronpay_events_list": (_status, [_engine, _out, c_int64, c_uint32]),
    "tronpay_outbox_next": (_status, [_engine, _out, c_uint32, c_int64]),
    "tronpay_outbox_ack": (_status, [_engine, c_char_p, c_int32, c_char_p, c_size_t, c_int32,
                                     c_char_p, c_int64]),
    "tronpay_outbox_redeliver": (_status, [_engine, c_char_p, c_char_p, c_int64]),
    "tronpay_dispute_lookup": (_status, [_engine, _out, c_char_p, c_int64]),
    "tronpay_refund_create": (_status, [_engine, _out, c_char_p, c_size_t, c_int64]),
    "tronpay_refund_submit": (_status, [_engine, _out, c_char_p, c_char_p, c_size_t, c_int64]),
    "tronpay_refund_get": (_status, [_engine, _out, c_char_p]),
})

JSONRequest = Union[str, bytes, Dict[str, Any], List[Any]]
"""A JSON input: a dict or list (serialised), or JSON text as str or bytes (passed as is, which
keeps a node's numbers exact)."""

# ---- answers (ENGINE.md's shapes) ------------------------------------------------------------

InvoiceState = Literal["new", "detected", "partial", "paid", "overpaid", "expired", "paid_late",
                       "cancelled", "marked_paid", "invalid"]

Credit = TypedDict("Credit", {
    "txid": str, "ordinal": int, "amount": str, "block": Optional[int],
    "block_id": Optional[str], "final": bool, "source": str,
})

Invoice = TypedDict("Invoice", {
    "id": str, "order_id": str, "token": str, "token_contract": Optional[str], "decimals": int,
    "address": str, "wallet": Optional[str], "derivation_index": Optional[int],
    "amount_due": str, "amount_due_text": str, "state": InvoiceState, "received": str,
    "received_final": str, "refunded": str, "created_at_ms": int, "expires_at_ms": int,
    "monitor_until_ms": int, "updated_at_ms": int, "credits": List[Credit],
    "metadata": Optional[Dict[str, Any]],
})


class CreateResult(TypedDict):
    created: bool
    invoice: Invoice


class InvoicePage(TypedDict):
    invoices: List[Invoice]
    next: Optional[str]


AuditRecord = TypedDict("AuditRecord", {
    "seq": int, "at_ms": int, "actor": str, "action": str, "invoice_id": str, "reason": str,
    "before": Any, "after": Any,
})


class AuditPage(TypedDict):
    records: List[AuditRecord]
    next: Optional[str]


class ChainResult(TypedDict):
    applied: bool
    credits: List[Dict[str, Any]]
    events: int
    cursor: Optional[int]


class Event(TypedDict):
    seq: int
    id: str
    type: str
    created_at_ms: int
    data: Dict[str, Any]


class EventPage(TypedDict):
    events: List[Event]
    last_seq: int


class Delivery(TypedDict):
    id: str
    event_id: str
    webhook: str
    url: str
    headers: Dict[str, str]
    body: str
    attempt: int


class Deliveries(TypedDict):
    deliveries: List[Delivery]


class OutboxHealth(TypedDict):
    pending: int
    failed: int


class Health(TypedDict):
    store: str
    schema_version: int
    network: str
    head: Optional[int]
    solidified: Optional[int]
    cursor: Optional[int]
    lag_blocks: Optional[int]
    stalled: bool
    open_invoices: int
    outbox: OutboxHealth
    providers: List[Dict[str, Any]]
    lease: Dict[str, Any]


DisputeTransfer = TypedDict("DisputeTransfer", {
    "token": str, "from": str, "to": str, "amount": str, "ordinal": int,
    "block": Optional[int], "final": bool, "invoice_id": Optional[str], "outcome": str,
    "reason": Optional[str],
})


Dispute = TypedDict("Dispute", {
    "txid": str, "status": str, "transfers": List[DisputeTransfer], "invoices": List[Invoice],
    "result": Optional[str], "refund": Optional["Refund"], "summary": str,
})


Refund = TypedDict("Refund", {
    "id": str, "invoice_id": str, "state": str, "txid": str, "raw_data_hex": str, "from": str,
    "to": str, "token": str, "amount": str, "created_at_ms": int, "updated_at_ms": int,
})

TRANSPORT_ERRORS = {"none": 0, "timeout": 1, "connect": 2, "dns": 3, "tls": 4, "reset": 5,
                    "other": 6}
"""tronpay_outbox_ack's transport_error codes by name."""


def _now(now_ms: Optional[int]) -> int:
    if now_ms is None:
        return time.time_ns() // 1_000_000
    if isinstance(now_ms, bool) or not isinstance(now_ms, int):
        raise argument_error(f"now_ms must be int milliseconds, not {type(now_ms).__name__}")
    return now_ms


def _int(value: object, what: str, low: int, high: int) -> int:
    """An integer argument that fits its C type (ctypes would silently wrap it)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise argument_error(f"{what} must be int, not {type(value).__name__}")
    if not low <= value <= high:
        raise argument_error(f"{what} is out of range")
    return value


_I64 = (-(1 << 63), (1 << 63) - 1)
_I32 = (-(1 << 31), (1 << 31) - 1)


class Engine:
    """An open engine store (tronpay_engine_open). Close it with close() or a with block;
    a closed Engine raises TronPayError (E_ARG) on every call."""

    def __init__(self, config: JSONRequest, now_ms: Optional[int] = None) -> None:
        self._handle: Optional[int] = None
        self._closed = True
        data = json_bytes(config, "config")
        handle = c_void_p()
        check(lib.tronpay_engine_open(ctypes.byref(handle), data, len(data), _now(now_ms)))
        self._handle = handle.value
        self._closed = False

    # ---- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Closes the store connection (tronpay_engine_close); a second close is a no-op. Later
        calls pass the closed handle on, and the library refuses it (E_ARG, "engine handle is
        closed or unknown")."""
        if not self._closed:
            self._closed = True
            lib.tronpay_engine_close(self._handle)

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    # ---- plumbing ---------------------------------------------------------------------------

    def _json(self, fn: Any, *args: object) -> Any:
        out = c_void_p()
        check(fn(self._handle, ctypes.byref(out), *args))
        return json_result(take_text(out))

    def _with_json(self, fn: Any, value: JSONRequest, what: str, *rest: object) -> Any:
        data = json_bytes(value, what)
        return self._json(fn, data, len(data), *rest)

    # ---- Engine -----------------------------------------------------------------------------

    def health(self, now_ms: Optional[int] = None) -> Health:
        """tronpay_engine_health: chain position, open invoices, outbox, providers, lease."""
        return cast(Health, self._json(lib.tronpay_engine_health, _now(now_ms)))

    # ---- Invoices ---------------------------------------------------------------------------

    def invoice_create(self, request: JSONRequest, now_ms: Optional[int] = None) -> CreateResult:
        """tronpay_invoice_create: {"created": bool, "invoice": Invoice}; idempotent by
        order_id (E_CONFLICT for the same order_id with other terms)."""
        return cast(CreateResult, self._with_json(lib.tronpay_invoice_create, request, "request",
                                                  _now(now_ms)))

    def invoice_get(self, id_or_order_id: str, now_ms: Optional[int] = None) -> Invoice:
        """tronpay_invoice_get: the invoice by id or order_id (E_NOT_FOUND)."""
        return cast(Invoice, self._json(lib.tronpay_invoice_get,
                                        as_text(id_or_order_id, "id_or_order_id"), _now(now_ms)))

    def invoice_list(self, filter: Optional[JSONRequest] = None,
                     now_ms: Optional[int] = None) -> InvoicePage:
        """tronpay_invoice_list: one page {"invoices": [...], "next": cursor or None}; filter
        members: states, updated_after_ms, limit, after."""
        return cast(InvoicePage, self._with_json(lib.tronpay_invoice_list,
                                                 {} if filter is None else filter, "filter",
                                                 _now(now_ms)))

    def invoice_cancel(self, id: str, actor: str, reason: str,
                       now_ms: Optional[int] = None) -> Invoice:
        """tronpay_invoice_cancel: the invoice in "cancelled" (E_STATE once a final credit
        arrived); actor 1–128 printable ASCII, reason 1–1024 bytes, both audited."""
        return cast(Invoice, self._json(lib.tronpay_invoice_cancel, as_text(id, "id"),
                                        as_text(actor, "actor"), as_text(reason, "reason"),
                                        _now(now_ms)))

    def invoice_resolve(self, request: JSONRequest, now_ms: Optional[int] = None) -> Invoice:
        """tronpay_invoice_resolve: mark_paid, mark_invalid or attach, audited."""
        return cast(Invoice, self._with_json(lib.tronpay_invoice_resolve, request, "request",
                                             _now(now_ms)))

    def audit_list(self, filter: Optional[JSONRequest] = None) -> AuditPage:
        """tronpay_audit_list: {"records": [...], "next": cursor or None}."""
        return cast(AuditPage, self._with_json(lib.tronpay_audit_list,
                                               {} if filter is None else filter, "filter"))

    # ---- Chain input ------------------------------------------------------------------------

    def chain_tip(self, tip: JSONRequest, now_ms: Optional[int] = None) -> ChainResult:
        """tronpay_chain_tip: {"head": {"number", "id"?}, "solidified": {"number", "id"?}}."""
        return cast(ChainResult, self._with_json(lib.tronpay_chain_tip, tip, "tip", _now(now_ms)))

    def chain_block(self, block: JSONRequest, infos: JSONRequest,
                    now_ms: Optional[int] = None) -> ChainResult:
        """tronpay_chain_block: a getblockbynum answer and its gettransactioninfobyblocknum
        array (pass the node's text as str or bytes to keep its numbers exact)."""
        block_data = json_bytes(block, "block")
        infos_data = json_bytes(infos, "infos")
        return cast(ChainResult, self._json(lib.tronpay_chain_block, block_data, len(block_data),
                                            infos_data, len(infos_data), _now(now_ms)))

    def chain_disconnect(self, number: int, block_id: str,
                         now_ms: Optional[int] = None) -> ChainResult:
        """tronpay_chain_disconnect: revokes the newest applied block (E_STATE at or below the
        solidified block)."""
        return cast(ChainResult, self._json(lib.tronpay_chain_disconnect,
                                            _int(number, "number", *_I64),
                                            as_text(block_id, "block_id"), _now(now_ms)))

    def chain_evidence(self, evidence: JSONRequest, now_ms: Optional[int] = None) -> ChainResult:
        """tronpay_chain_evidence: any JSON parse_transfers accepts (receipts, TronGrid pages)."""
        return cast(ChainResult, self._with_json(lib.tronpay_chain_evidence, evidence, "evidence",
                                                 _now(now_ms)))

    # ---- Chain input: planner mode ----------------------------------------------------------

    def sync_next(self, now_ms: Optional[int] = None) -> Dict[str, Any]:
        """tronpay_sync_next: what to do next: {"kind": "http", "id", "url", "method",
        "headers", "body", "timeout_ms", …}, {"kind": "wait", "until_ms", "reason"} or
        {"kind": "idle", "reason"}."""
        return cast(Dict[str, Any], self._json(lib.tronpay_sync_next, _now(now_ms)))

    def sync_feed(self, request_id: str, http_status: int, headers: Optional[str] = None,
                  body: bytes = b"", transport_error: Union[int, str] = 0,
                  now_ms: Optional[int] = None) -> Dict[str, Any]:
        """tronpay_sync_feed: the answer to a planned request (headers as "Name: value\r\n"
        lines or None; transport_error 0…6 or a name of TRANSPORT_ERRORS) → {"class", "applied",
        "retry_at_ms", "cursor", "events"}."""
        if isinstance(transport_error, str):
            if transport_error not in TRANSPORT_ERRORS:
                raise argument_error(f"unknown transport_error {transport_error!r}")
            transport_error = TRANSPORT_ERRORS[transport_error]
        data = as_bytes(body, "body")
        return cast(Dict[str, Any], self._json(
            lib.tronpay_sync_feed, as_text(request_id, "request_id"),
            _int(http_status, "http_status", *_I32),
            None if headers is None else as_text(headers, "headers"), data, len(data),
            _int(transport_error, "transport_error", *_I32), _now(now_ms)))

    # ---- Events and webhooks ----------------------------------------------------------------

    def events_list(self, after_seq: int = 0, limit: int = 100) -> EventPage:
        """tronpay_events_list: events with seq > after_seq in commit order (limit clamped to
        1…1000)."""
        return cast(EventPage, self._json(lib.tronpay_events_list,
                                          _int(after_seq, "after_seq", *_I64),
                                          _int(limit, "limit", 0, (1 << 32) - 1)))

    def outbox_next(self, max: int = 100, now_ms: Optional[int] = None) -> Deliveries:
        """tronpay_outbox_next: the deliveries due, signed; POST each body with its headers
        (max clamped to 1…100)."""
        return cast(Deliveries, self._json(lib.tronpay_outbox_next,
                                           _int(max, "max", 0, (1 << 32) - 1), _now(now_ms)))

    def outbox_ack(self, delivery_id: str, http_status: int, body: bytes = b"",
                   transport_error: Union[int, str] = 0, retry_after: Optional[str] = None,
                   now_ms: Optional[int] = None) -> None:
        """tronpay_outbox_ack: the outcome of one attempt. transport_error is 0…6 or a name of
        TRANSPORT_ERRORS ("timeout", "connect", …); retry_after the Retry-After header or None."""
        if isinstance(transport_error, str):
            if transport_error not in TRANSPORT_ERRORS:
                raise argument_error(f"unknown transport_error {transport_error!r}")
            transport_error = TRANSPORT_ERRORS[transport_error]
        data = as_bytes(body, "body")
        check(lib.tronpay_outbox_ack(self._handle, as_text(delivery_id, "delivery_id"),
                                     _int(http_status, "http_status", *_I32), data, len(data),
                                     _int(transport_error, "transport_error", *_I32),
                                     None if retry_after is None
                                     else as_text(retry_after, "retry_after"),
                                     _now(now_ms)))

    def outbox_redeliver(self, event_id: str, webhook_id: str,
                         now_ms: Optional[int] = None) -> None:
        """tronpay_outbox_redeliver: queues one more delivery of an event to a webhook."""
        check(lib.tronpay_outbox_redeliver(self._handle, as_text(event_id, "event_id"),
                                           as_text(webhook_id, "webhook_id"), _now(now_ms)))

    # ---- Disputes and refunds ---------------------------------------------------------------

    def dispute_lookup(self, txid: str, now_ms: Optional[int] = None) -> Dispute:
        """tronpay_dispute_lookup: what the engine knows about a txid (64 hex digits)."""
        return cast(Dispute, self._json(lib.tronpay_dispute_lookup, as_text(txid, "txid"),
                                        _now(now_ms)))

    def refund_create(self, request: JSONRequest, now_ms: Optional[int] = None) -> Refund:
        """tronpay_refund_create: an unsigned refund, recorded; idempotent by refund_id."""
        return cast(Refund, self._with_json(lib.tronpay_refund_create, request, "request",
                                            _now(now_ms)))

    def refund_submit(self, refund_id: str, signatures: Sequence[bytes],
                      now_ms: Optional[int] = None) -> Refund:
        """tronpay_refund_submit: the refund's signatures, 65 bytes each."""
        if isinstance(signatures, (bytes, bytearray, str)):
            raise argument_error("signatures must be a list of 65-byte signatures")
        data = b"".join(as_bytes(s, "signature", 65) for s in signatures)
        return cast(Refund, self._json(lib.tronpay_refund_submit, as_text(refund_id, "refund_id"),
                                       data, len(signatures), _now(now_ms)))

    def refund_get(self, refund_id: str) -> Refund:
        """tronpay_refund_get: one refund (E_NOT_FOUND)."""
        return cast(Refund, self._json(lib.tronpay_refund_get, as_text(refund_id, "refund_id")))
