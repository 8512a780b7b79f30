"""Not a test module: code written the way a user writes it, which `make test-python-types`
type-checks with `mypy --strict` (the names are exported, results are TypedDicts, states are
Literals). It runs nothing."""

from __future__ import annotations

from typing import List

import tronpay
from tronpay import (InvoiceState, PaymentCheckResult, PaymentRequest, Transfer, Transfers,
                     VerifyReport, check_payments, parse_transfers, to_base_units)


def paid_invoice_ids(request: PaymentRequest) -> List[str]:
    verdict: PaymentCheckResult = check_payments(request)
    done: List[InvoiceState] = ["paid", "overpaid", "paid_late"]
    return [invoice["id"] for invoice in verdict["invoices"] if invoice["state"] in done]


def request_for(address: str) -> PaymentRequest:
    return {"chain": {"head_block": 100, "solidified_block": 80, "now_ms": 1_700_000_000_000},
            "invoices": [{"id": "o-1", "address": address, "token": "USDT",
                          "amount_due": to_base_units("12.5", 6)}]}


def senders(evidence: str) -> List[str]:
    transfers: Transfers = parse_transfers(evidence)
    first: List[Transfer] = list(transfers)
    reasons = [skip["reason"] for skip in transfers.skipped]
    return [t["from"] for t in first if t["source"] == "log"] + list(reasons)


def signed_by_owner(transaction_json: str) -> bool:
    report: VerifyReport = tronpay.verify_transaction(transaction_json)
    return report["valid"] and report["owner_signed"]


def sizes() -> int:
    return tronpay.PRIVKEY_SIZE + tronpay.webhooks.EPUSDT_SIGNATURE_SIZE + len(tronpay.library_path)


def shop(xpub: str) -> int:
    from tronpay.engine import CreateResult, EventPage, Health, Invoice as EngineInvoice

    with tronpay.Engine({"store": "sqlite::memory:", "wallets": [{"id": "main", "xpub": xpub}]}
                        ) as engine:
        created: CreateResult = engine.invoice_create({"order_id": "A-1", "amount": "1"})
        invoice: EngineInvoice = engine.invoice_get(created["invoice"]["id"])
        page: EventPage = engine.events_list(0, 100)
        for delivery in engine.outbox_next(10)["deliveries"]:
            engine.outbox_ack(delivery["id"], 200, transport_error="none")
        health: Health = engine.health()
        engine.invoice_cancel(invoice["id"], "ops", "asked")
        return page["last_seq"] + health["open_invoices"]
