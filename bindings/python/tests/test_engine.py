"""The Engine class against a real SQLite store in a temporary directory (ENGINE.md's shapes)."""

from __future__ import annotations

import threading

import pytest

import tronpay
from tronpay import errors

NOW = 1767225600000  # 2026-01-01T00:00:00Z
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
XPUB = tronpay.hd_xpub(bytes([0x42]) * 64, "m/44'/195'/0'")
OTHER_XPUB = tronpay.hd_xpub(bytes([0x43]) * 64, "m/44'/195'/0'")


def config(path, network="mainnet", xpub=XPUB, **extra):
    c = {"store": f"sqlite:{path}", "network": network,
         "wallets": [{"id": "main", "xpub": xpub}],
         "webhooks": [{"id": "shop", "url": "https://shop.example/hook", "secret": SECRET,
                       "scheme": "standard", "events": ["invoice.*"]}]}
    c.update(extra)
    return c


@pytest.fixture
def store(tmp_path):
    return tmp_path / "tronpay.db"


@pytest.fixture
def engine(store):
    with tronpay.Engine(config(store), now_ms=NOW) as e:
        yield e


def test_create_answers_the_invoice_shape_and_the_first_derived_address(engine):
    result = engine.invoice_create({"order_id": "A-1001", "amount": "12.5"}, now_ms=NOW)
    assert result["created"] is True
    inv = result["invoice"]
    assert inv["id"].startswith("inv_")
    assert inv["order_id"] == "A-1001"
    assert inv["token"] == "USDT" and inv["decimals"] == 6
    assert inv["token_contract"] == "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    assert inv["address"] == tronpay.xpub_derive_addresses(XPUB, 0, 0, 1)[0]
    assert inv["wallet"] == "main" and inv["derivation_index"] == 0
    assert (inv["amount_due"], inv["amount_due_text"]) == ("12500000", "12.5")
    assert inv["state"] == "new"
    assert inv["received"] == inv["received_final"] == inv["refunded"] == "0"
    assert inv["created_at_ms"] == NOW and inv["expires_at_ms"] == NOW + 900000
    assert inv["monitor_until_ms"] == inv["expires_at_ms"] + 86400000
    assert inv["credits"] == []


def test_create_is_idempotent_by_order_id_and_refuses_other_terms(engine):
    first = engine.invoice_create({"order_id": "A-1", "amount": "1"}, now_ms=NOW)["invoice"]
    again = engine.invoice_create('{"order_id":"A-1","amount":"1"}', now_ms=NOW + 60000)
    assert again["created"] is False
    assert again["invoice"]["id"] == first["id"]
    assert again["invoice"]["expires_at_ms"] == first["expires_at_ms"]
    with pytest.raises(tronpay.TronPayError) as info:
        engine.invoice_create({"order_id": "A-1", "amount": "2"}, now_ms=NOW)
    assert info.value.status == errors.E_CONFLICT


def test_requests_are_strict(engine):
    for bad in ({"order_id": "X", "amount": "1", "expiry": 5}, {"amount": "1"},
                {"order_id": "X", "amount": "1", "amount_base_units": "1"}, "{", "[]"):
        with pytest.raises(tronpay.TronPayError) as info:
            engine.invoice_create(bad, now_ms=NOW)
        assert info.value.status == errors.E_JSON, bad
    with pytest.raises(tronpay.TronPayError) as info:
        engine.invoice_list({"limt": 1})
    assert info.value.status == errors.E_JSON


def test_get_list_and_expiry_as_of_now(engine):
    a = engine.invoice_create({"order_id": "A", "amount": "1"}, now_ms=NOW)["invoice"]
    b = engine.invoice_create({"order_id": "B", "amount_base_units": "5"}, now_ms=NOW)["invoice"]
    assert b["derivation_index"] == 1 and b["address"] != a["address"]
    assert engine.invoice_get(a["id"], now_ms=NOW)["order_id"] == "A"
    assert engine.invoice_get("B", now_ms=NOW)["id"] == b["id"]
    assert engine.invoice_get("A", now_ms=NOW + 900001)["state"] == "expired"
    with pytest.raises(tronpay.TronPayError) as info:
        engine.invoice_get("nope")
    assert info.value.status == errors.E_NOT_FOUND
    page = engine.invoice_list(now_ms=NOW)
    assert {i["id"] for i in page["invoices"]} == {a["id"], b["id"]} and page["next"] is None
    one = engine.invoice_list({"limit": 1}, now_ms=NOW)
    assert len(one["invoices"]) == 1 and one["next"] is not None
    rest = engine.invoice_list({"limit": 1, "after": one["next"]}, now_ms=NOW)
    assert rest["invoices"][0]["id"] != one["invoices"][0]["id"]


def test_events_outbox_and_signed_deliveries(engine):
    inv = engine.invoice_create({"order_id": "E-1", "amount": "1"}, now_ms=NOW)["invoice"]
    page = engine.events_list(0, 10)
    assert [e["type"] for e in page["events"]] == ["invoice.created"]
    assert page["events"][0]["data"]["invoice"]["id"] == inv["id"]
    assert page["last_seq"] == page["events"][0]["seq"]
    assert engine.events_list(page["last_seq"])["events"] == []
    due = engine.outbox_next(10, now_ms=NOW + 5000)["deliveries"]
    assert len(due) == 1
    d = due[0]
    assert d["webhook"] == "shop" and d["url"] == "https://shop.example/hook"
    assert d["attempt"] == 1
    tronpay.webhooks.verify(d["headers"], d["body"].encode(), SECRET, now=(NOW + 5000) // 1000)
    engine.outbox_ack(d["id"], 200, b"", now_ms=NOW + 5000)
    assert engine.outbox_next(10, now_ms=NOW + 6000)["deliveries"] == []
    with pytest.raises(tronpay.TronPayError) as info:
        engine.outbox_ack("dlv_nope", 500, transport_error="timeout")
    assert info.value.status == errors.E_NOT_FOUND
    with pytest.raises(tronpay.TronPayError):
        engine.outbox_ack("dlv_nope", 500, transport_error="carrier pigeon")


def test_health_cancel_audit(engine):
    health = engine.health(now_ms=NOW)
    assert health["store"] == "sqlite" and health["network"] == "mainnet"
    assert health["schema_version"] >= 1 and health["open_invoices"] == 0
    assert health["cursor"] is None and health["stalled"] is False
    engine.invoice_create({"order_id": "C-1", "amount": "1"}, now_ms=NOW)
    assert engine.health(now_ms=NOW)["open_invoices"] == 1
    cancelled = engine.invoice_cancel("C-1", "alice", "asked", now_ms=NOW + 1)
    assert cancelled["state"] == "cancelled"
    records = engine.audit_list()["records"]
    assert len(records) == 1 and records[0]["actor"] == "alice"
    assert records[0]["reason"] == "asked"


def test_disputes_and_refunds_without_payments(engine):
    txid = "ab" * 32
    answer = engine.dispute_lookup(txid, now_ms=NOW)
    assert answer["txid"] == txid and answer["transfers"] == []
    assert answer["status"] in ("unknown", "lookup_scheduled")
    with pytest.raises(tronpay.TronPayError) as info:
        engine.dispute_lookup("zz")
    assert info.value.status == errors.E_HEX
    with pytest.raises(tronpay.TronPayError) as info:
        engine.refund_get("R-none")
    assert info.value.status == errors.E_NOT_FOUND
    with pytest.raises(tronpay.TronPayError) as info:
        engine.refund_submit("R-none", [bytes(65)])
    assert info.value.status in (errors.E_NOT_FOUND, errors.E_SIGNATURE)
    with pytest.raises(tronpay.TronPayError):
        engine.refund_submit("R-none", [])


def test_close_reopen_persists_and_a_closed_engine_refuses(store):
    e = tronpay.Engine(config(store), now_ms=NOW)
    inv = e.invoice_create({"order_id": "P-1", "amount": "1"}, now_ms=NOW)["invoice"]
    e.close()
    assert e.closed
    with pytest.raises(tronpay.TronPayError) as info:
        e.invoice_get("P-1")
    assert info.value.status == errors.E_ARG and "closed" in info.value.detail
    e.close()  # a no-op
    with tronpay.Engine(config(store), now_ms=NOW) as again:
        assert again.invoice_get("P-1", now_ms=NOW)["id"] == inv["id"]
        nxt = again.invoice_create({"order_id": "P-2", "amount": "1"}, now_ms=NOW)["invoice"]
        assert nxt["derivation_index"] == 1
    for bad in (config(store, network="nile"), config(store, xpub=OTHER_XPUB)):
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.Engine(bad, now_ms=NOW)
        assert info.value.status == errors.E_CONFLICT


def test_config_errors(tmp_path):
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.Engine(config(tmp_path / "a.db", polcy={}))
    assert info.value.status == errors.E_JSON
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 32)
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.Engine(config(garbage))
    assert info.value.status == errors.E_STORE
    with pytest.raises(tronpay.TronPayTypeError):
        tronpay.Engine(42)  # type: ignore[arg-type]


def test_one_engine_from_several_threads(engine):
    failures = []

    def work(n):
        try:
            for i in range(10):
                engine.invoice_create({"order_id": f"T-{n}-{i}", "amount": "1"}, now_ms=NOW)
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    indexes = sorted(i["derivation_index"] for i in
                     engine.invoice_list({"limit": 1000}, now_ms=NOW)["invoices"])
    assert indexes == list(range(40))


def test_python_checks_before_the_library():
    with pytest.raises(tronpay.TronPayError):
        tronpay.Engine({"store": "sqlite::memory:"}, now_ms=1.5)  # type: ignore[arg-type]


def test_planner_mode_plans_a_request_and_takes_its_answer(tmp_path):
    cfg = config(tmp_path / "p.db",
                 providers=[{"id": "tg", "kind": "fullnode", "base_url": "http://127.0.0.1:1"}])
    with tronpay.Engine(cfg, now_ms=NOW) as engine:
        assert engine.sync_next(now_ms=NOW) == {"kind": "idle", "reason": "nothing_to_watch"}
        engine.invoice_create({"order_id": "S-1", "amount": "1"}, now_ms=NOW)
        plan = engine.sync_next(now_ms=NOW)
        assert plan["kind"] == "http" and plan["url"].startswith("http://127.0.0.1:1/wallet/")
        fed = engine.sync_feed(plan["id"], 503, "Retry-After: 30\r\n", b"busy", now_ms=NOW + 1)
        assert fed["class"] == "rate_limited" and fed["applied"] is False
        with pytest.raises(tronpay.TronPayError) as info:
            engine.sync_feed("r_nope", 200, None, b"{}", "timeout", now_ms=NOW)
        assert info.value.status == errors.E_NOT_FOUND
    with tronpay.Engine(config(tmp_path / "q.db"), now_ms=NOW) as push_only:
        with pytest.raises(tronpay.TronPayError) as info:
            push_only.sync_next(now_ms=NOW)
        assert info.value.status == errors.E_STATE
