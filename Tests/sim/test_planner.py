"""Planner mode against the simulated node (issue 16): the engine plans every request, this
host makes it over real HTTP to Tests/sim on 127.0.0.1 and feeds the answers back. Catch-up of
2 000 blocks from a fresh store, then following the head; faults on every path; a reorg; the
lease between two watchers; a dispute look-up; a refund broadcast and confirmed. Each run is
bounded in time. The library is called through ctypes directly (the host loop every binding's
README shows), with no binding in between."""
import ctypes
import json
import os
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from node import SimNode, fake_trc20, trx, usdt  # noqa: E402

from planner_host import KEY0, LIB, XPUB, Clock, Engine, http, run  # noqa: E402


def config(work: str, sim: SimNode, **extra) -> dict:
    base = {
        "store": f"sqlite:{work}/store.db",
        "wallets": [{"id": "main", "xpub": XPUB}],
        "providers": [{"id": "sim", "kind": "fullnode", "base_url": sim.url, "max_rps": 10_000}],
        "policy": {"expiry_ms": 86_400_000},
    }
    base.update(extra)
    return base


@pytest.fixture
def work():
    with tempfile.TemporaryDirectory(prefix="tronpay-planner-") as directory:
        yield directory


def test_catch_up_2000_blocks_then_follow_the_head(work):
    with SimNode(initial_blocks=1, max_lifetime=240, solid_lag=19) as sim:
        clock = Clock(sim)
        engine = Engine(config(work, sim, start_block=sim.blocks[0].number), clock())
        addresses = []
        for k in range(6):
            answer = engine.call("tronpay_invoice_create",
                                 *_json({"order_id": f"C-{k}", "amount": "3"}), clock())
            addresses.append(answer["invoice"]["address"])
        for n in range(2000):
            if n % 400 == 17:
                sim.mine_block([usdt(addresses[n // 400], 3_000_000),
                                fake_trc20(addresses[n // 400], 3_000_000)])
            else:
                sim.mine(1)
        started = time.monotonic()
        classes = run(engine, clock, seconds=180)
        elapsed = time.monotonic() - started
        health = engine.call("tronpay_engine_health", clock())
        assert health["cursor"] == sim.blocks[-1].number
        assert set(classes) <= {"ok"}
        for k in range(5):
            invoice = engine.call("tronpay_invoice_get", f"C-{k}".encode(), clock())
            assert invoice["state"] == "paid", invoice
            assert invoice["received"] == "3000000" and len(invoice["credits"]) == 1
        paths = [r["path"] for r in sim.requests]
        assert paths.count("/wallet/getblockbylimitnext") <= 25
        print(f"catch-up: 2001 blocks in {elapsed:.1f} s ({2001 / elapsed:.0f} blocks/s), "
              f"{len(paths)} requests")
        # Following the head: a payment two blocks later is seen, final once solidified.
        sim.mine(2)
        sim.mine_block([usdt(addresses[5], 3_000_000)])
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_invoice_get", b"C-5", clock())["state"] == "detected"
        sim.mine(19)
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_invoice_get", b"C-5", clock())["state"] == "paid"
        events = engine.call("tronpay_events_list", 0, 1000)["events"]
        paid = [e for e in events if e["type"] == "invoice.paid"]
        assert len(paid) == 6
        engine.close()


def _json(value: dict):
    text = json.dumps(value).encode()
    return text, len(text)


def test_faults_skip_no_block_and_apply_none_twice(work):
    with SimNode(initial_blocks=1, max_lifetime=240, solid_lag=5) as sim:
        clock = Clock(sim)
        engine = Engine(config(work, sim, start_block=sim.blocks[0].number), clock())
        address = engine.call("tronpay_invoice_create", *_json({"order_id": "F", "amount": "2"}),
                              clock())["invoice"]["address"]
        for n in range(60):
            sim.mine_block([usdt(address, 100_000)] if n % 6 == 0 else [])
        sim.fault("/wallet/getnowblock", "status", status=429, retry_after=2)
        sim.fault("/walletsolidity/getnowblock", "status", status=503)
        sim.fault("/wallet/getblockbylimitnext", "status", status=403)
        sim.fault("/wallet/getblockbylimitnext", "truncate")
        sim.fault("/wallet/getblockbylimitnext", "error")
        sim.fault("/wallet/gettransactioninfobyblocknum", "short_receipts")
        sim.fault("/wallet/gettransactioninfobyblocknum", "empty")
        sim.fault("/wallet/gettransactioninfobyblocknum", "close")
        sim.fault("/wallet/gettransactioninfobyblocknum", "delay", seconds=3)
        classes = run(engine, clock, seconds=120)
        assert {"rate_limited", "transient", "persistent", "inconsistent"} <= set(classes), classes
        health = engine.call("tronpay_engine_health", clock())
        assert health["cursor"] == sim.blocks[-1].number
        invoice = engine.call("tronpay_invoice_get", b"F", clock())
        assert invoice["received"] == "1000000", invoice
        assert len(invoice["credits"]) == 10
        # The connection refused: back-off shows in health, then it recovers.
        sim.suspend()
        sim.mine(3)
        plan = engine.call("tronpay_sync_next", clock() + 3_000)
        assert plan["kind"] == "http"
        status, headers, body, transport = http(plan)
        fed = engine.call("tronpay_sync_feed", plan["id"].encode(), status, None, body, len(body),
                          transport, clock() + 3_000)
        assert fed["class"] == "transient" and fed["retry_at_ms"]
        providers = engine.call("tronpay_engine_health", clock() + 3_000)["providers"]
        assert providers[0]["state"] == "backoff" and providers[0]["last_error"]
        sim.resume()
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_engine_health", clock())["cursor"] == sim.blocks[-1].number
        engine.close()


@pytest.mark.parametrize("depth", [1, 5, 19])
def test_a_reorg_is_walked_back_and_the_new_branch_credits_once(work, depth):
    with SimNode(initial_blocks=1, max_lifetime=120, solid_lag=25) as sim:
        clock = Clock(sim)
        engine = Engine(config(work, sim, start_block=sim.blocks[0].number), clock())
        kept = engine.call("tronpay_invoice_create", *_json({"order_id": "K", "amount": "4"}),
                           clock())["invoice"]["address"]
        moved = engine.call("tronpay_invoice_create", *_json({"order_id": "R", "amount": "4"}),
                            clock())["invoice"]["address"]
        lost = engine.call("tronpay_invoice_create", *_json({"order_id": "L", "amount": "4"}),
                           clock())["invoice"]["address"]
        sim.mine(30)
        # The first orphaned block pays two invoices; only one payment comes back.
        paid = sim.mine_block([usdt(moved, 4_000_000), usdt(lost, 4_000_000)])
        sim.mine(depth - 1)
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_invoice_get", b"R", clock())["state"] == "detected"
        assert engine.call("tronpay_invoice_get", b"L", clock())["state"] == "detected"
        sim.reorg(depth, length=depth + 2, reinclude=[paid.txs[0].txid],
                  payments=[[usdt(kept, 4_000_000)]] + [[] for _ in range(depth + 1)])
        run(engine, clock, seconds=60)
        assert engine.call("tronpay_engine_health", clock())["cursor"] == sim.blocks[-1].number
        events = engine.call("tronpay_events_list", 0, 200)["events"]
        lost_id = engine.call("tronpay_invoice_get", b"L", clock())["id"]
        lost_types = [e["type"] for e in events if (e["data"].get("invoice") or {}).get("id") == lost_id]
        assert lost_types == ["invoice.created", "invoice.detected", "payment.reverted"], lost_types
        assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
        sim.mine(26)
        run(engine, clock, seconds=30)
        for order, state in ((b"K", "paid"), (b"R", "paid"), (b"L", "new")):
            invoice = engine.call("tronpay_invoice_get", order, clock())
            assert invoice["state"] == state, (order, invoice)
            assert len(invoice["credits"]) == (0 if state == "new" else 1)
        engine.close()


def test_a_stalled_solidified_head_keeps_credits_detected(work):
    with SimNode(initial_blocks=1, max_lifetime=120, solid_lag=5) as sim:
        clock = Clock(sim)
        engine = Engine(config(work, sim, start_block=sim.blocks[0].number), clock())
        address = engine.call("tronpay_invoice_create", *_json({"order_id": "S", "amount": "1"}),
                              clock())["invoice"]["address"]
        sim.mine(10)
        run(engine, clock, seconds=30)
        sim.stall_solid(True)
        sim.mine_block([usdt(address, 1_000_000)])
        sim.mine(60)
        run(engine, clock, seconds=30)
        health = engine.call("tronpay_engine_health", clock())
        assert health["stalled"] is True and health["cursor"] == sim.blocks[-1].number
        assert engine.call("tronpay_invoice_get", b"S", clock())["state"] == "detected"
        sim.stall_solid(False)
        sim.mine(1)
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_engine_health", clock())["stalled"] is False
        assert engine.call("tronpay_invoice_get", b"S", clock())["state"] == "paid"
        engine.close()


def test_two_watchers_one_scanner(work):
    with SimNode(initial_blocks=1, max_lifetime=120) as sim:
        clock = Clock(sim)
        first = Engine(config(work, sim, worker_id="watch-a"), clock())
        second = Engine(config(work, sim, worker_id="watch-b"), clock())
        first.call("tronpay_invoice_create", *_json({"order_id": "L", "amount": "1"}), clock())
        assert first.call("tronpay_sync_next", clock())["kind"] == "http"
        plan = second.call("tronpay_sync_next", clock())
        assert plan == {"kind": "idle", "reason": "lease_held"}
        assert first.call("tronpay_engine_health", clock())["lease"]["holder"] == "watch-a"
        # The holder stops calling: after the lease the other one scans.
        assert second.call("tronpay_sync_next", clock() + 31_000)["kind"] == "http"
        first.close()
        second.close()


def test_a_disputed_txid_is_looked_up_and_a_refund_is_broadcast_and_confirmed(work):
    with SimNode(initial_blocks=1, max_lifetime=120, solid_lag=3) as sim:
        clock = Clock(sim)
        engine = Engine(config(work, sim, start_block=sim.blocks[0].number), clock())
        address = engine.call("tronpay_invoice_create",
                              *_json({"order_id": "D", "amount": "5", "token": "TRX"}),
                              clock())["invoice"]["address"]
        block = sim.mine_block([trx(address, 7_000_000)])
        sim.mine(5)
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_invoice_get", b"D", clock())["state"] == "overpaid"
        # A txid the engine never scanned (a failed call) is fetched by the planner.
        failed = sim.mine_block([usdt(address, 1, result="OUT_OF_ENERGY")])
        txid = failed.txs[0].txid
        lookup = engine.call("tronpay_dispute_lookup", txid.encode(), clock())
        assert lookup["status"] in ("lookup_scheduled", "rejected")
        run(engine, clock, seconds=30)
        answer = engine.call("tronpay_dispute_lookup", txid.encode(), clock())
        assert answer["status"] == "rejected" and answer["result"] == "OUT_OF_ENERGY", answer
        # The overpayment is refunded: built, signed by the deposit key, broadcast, confirmed.
        payer = sim.payer_address(0)
        refund = engine.call("tronpay_refund_create", *_json({
            "refund_id": "RF", "invoice_id": "D", "from": address, "to": payer,
            "overpaid": True}), clock())
        signature = ctypes.create_string_buffer(65)
        Engine.check(LIB.tronpay_digest_sign(signature, bytes.fromhex(refund["txid"]),
                                             bytes.fromhex(KEY0)))
        engine.call("tronpay_refund_submit", b"RF", signature.raw, 1, clock())
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_refund_get", b"RF")["state"] == "broadcast"
        sim.mine(1)
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_refund_get", b"RF")["state"] == "confirmed"
        types = [e["type"] for e in engine.call("tronpay_events_list", 0, 100)["events"]]
        assert "refund.broadcast" in types and "refund.confirmed" in types
        assert block.txs[0].txid in [c["txid"] for c in
                                     engine.call("tronpay_invoice_get", b"D", clock())["credits"]]
        engine.close()
