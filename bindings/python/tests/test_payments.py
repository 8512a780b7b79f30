"""Transfers and payment verdicts on real mainnet records (Tests/vectors/mainnet.json)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import tronpay
from tronpay import errors
from conftest import load_json

MAINNET = load_json("Tests/vectors/mainnet.json")
CASES = {c["name"]: c for c in MAINNET["cases"]}
USDT_OK = CASES["usdt_transfer_success_41_padded_recipient"]
USDT_FAILED = CASES["usdt_transfer_FAILED_out_of_energy"]
TRX_799 = CASES["trx_transfer_with_fee_limit"]


def test_a_usdt_receipt_gives_its_transfer_log():
    transfers = tronpay.parse_transfers(json.dumps(USDT_OK["gettransactioninfobyid"]))
    event = USDT_OK["expected"]["transfer_event"]
    assert len(transfers) == 1 and transfers.skipped == []
    t = transfers[0]
    assert t["txid"] == USDT_OK["expected"]["txID"]
    assert (t["token"], t["from"], t["to"]) == (event["token_contract_base58"],
                                                event["from_base58"], event["to_base58"])
    assert t["amount"] == str(event["amount"]) and t["success"] is True
    assert t["block"] == USDT_OK["expected"]["block_number"] and t["log_index"] == 0
    assert t["source"] == "log"


def test_inputs_may_be_text_bytes_or_parsed():
    receipt = USDT_OK["gettransactioninfobyid"]
    text = json.dumps(receipt)
    assert (tronpay.parse_transfers(text) == tronpay.parse_transfers(text.encode())
            == tronpay.parse_transfers(receipt) == tronpay.parse_transfers([receipt]))


def test_a_trx_transaction_and_a_failed_one():
    [t] = tronpay.parse_transfers(TRX_799["trongrid_v1_account_transaction"])
    assert (t["token"], t["amount"], t["to"]) == ("TRX", "799000000",
                                                  TRX_799["expected"]["to_base58"])
    assert t["source"] == "transfer_contract" and t["success"] is True
    failed = tronpay.parse_transfers(USDT_FAILED["gettransactioninfobyid"])
    assert all(t["success"] is False for t in failed)


def test_every_trc20_indexer_item_agrees_with_the_receipt():
    for case in MAINNET["cases"]:
        if "trongrid_v1_trc20_item" not in case:
            continue
        page = {"data": [case["trongrid_v1_trc20_item"]], "success": True, "meta": {}}
        [t] = tronpay.parse_transfers(page)
        assert t["success"] is None and t["source"] == "indexer"
        assert t["amount"] == str(case["trongrid_v1_trc20_item"]["value"])


def test_malformed_json_raises():
    for bad in ("", "{", '{"a":1,"a":2}', "[1,]", "nonsense"):
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.parse_transfers(bad)
        assert info.value.status == errors.E_JSON, bad
    with pytest.raises(TypeError):
        tronpay.parse_transfers(12)


def invoice(**kw):
    base = {"id": "order-1", "address": USDT_OK["expected"]["transfer_event"]["to_base58"],
            "token": "USDT", "amount_due": "41677389", "created_at_ms": 1738601000000,
            "expires_at_ms": 1738604600000, "tolerance_bps": 0}
    base.update(kw)
    return base


def request(invoices, evidence, solidified=69316600):
    return {"chain": {"head_block": 69316620, "solidified_block": solidified,
                      "now_ms": 1738601600000},
            "invoices": invoices, "evidence": evidence}


def test_a_real_usdt_payment_is_paid_once_final():
    receipt = USDT_OK["gettransactioninfobyid"]
    verdict = tronpay.check_payments(request([invoice()], [receipt]))
    [inv] = verdict["invoices"]
    assert inv["state"] == "paid" and inv["received_final"] == "41677389"
    assert inv["credits"][0]["txid"] == USDT_OK["expected"]["txID"]
    early = tronpay.check_payments(request([invoice()], [receipt], solidified=69316500))
    assert early["invoices"][0]["state"] == "detected"
    assert early["rejected"] == [] or all(r["reason"] == "not_final" for r in early["rejected"])


def test_raw_evidence_text_is_inserted_unchanged_and_duplicates_count_once():
    text = json.dumps(USDT_OK["gettransactioninfobyid"])
    verdict = tronpay.check_payments(request([invoice()], [text, text.encode()]))
    assert verdict["invoices"][0]["received"] == "41677389"
    assert [r["reason"] for r in verdict["rejected"]] == ["duplicate"]


def test_a_failed_transaction_pays_nothing():
    to = USDT_FAILED["expected"]["call"]["to_base58"]
    verdict = tronpay.check_payments(request(
        [invoice(address=to, amount_due="10000", created_at_ms=1687521000000, expires_at_ms=1738604600000)],
        [USDT_FAILED["gettransactioninfobyid"]]))
    assert verdict["invoices"][0]["state"] in ("new", "expired")
    assert verdict["invoices"][0]["received"] == "0"
    # The receipt names no recipient, so the verdict has nothing to reject; the parse lists it.
    assert verdict["rejected"] == []
    parsed = tronpay.parse_transfers(USDT_FAILED["gettransactioninfobyid"])
    assert [(s["reason"], s.get("detail")) for s in parsed.skipped] == [("failed", "OUT_OF_ENERGY")]


def test_results_never_hold_floats():
    verdict = tronpay.check_payments(request([invoice()], [USDT_OK["gettransactioninfobyid"]]))

    def walk(o):
        assert not isinstance(o, float)
        if isinstance(o, dict):
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(verdict)
    assert not isinstance(verdict["invoices"][0]["due"], Decimal)


def test_bad_requests_raise():
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.check_payments(request([invoice(tolerance_bps=5001)], []))
    assert info.value.status == errors.E_JSON
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.check_payments(request([invoice(address="TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T")], []))
    assert info.value.status == errors.E_ADDRESS
