"""Planner mode against the simulated node (issue 16): the engine plans every request, this
host makes it over real HTTP to Tests/sim on 127.0.0.1 and feeds the answers back. Catch-up of
2 000 blocks from a fresh store, then following the head; faults on every path; a reorg; the
lease between two watchers; a dispute look-up; a refund broadcast and confirmed. Each run is
bounded in time. The library is called through ctypes directly (the host loop every binding's
README shows), with no binding in between."""
import ctypes
import json
import os
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from node import SimNode, fake_trc20, trx, usdt  # noqa: E402

LIB = ctypes.CDLL(os.environ.get("TRONPAY_LIBRARY", "build/libtronpay.so.1"))
for name, args in {
    "tronpay_engine_open": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int64],
    "tronpay_sync_next": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64],
    "tronpay_sync_feed": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32,
                          ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int32,
                          ctypes.c_int64],
    "tronpay_invoice_create": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                               ctypes.c_size_t, ctypes.c_int64],
    "tronpay_invoice_get": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64],
    "tronpay_engine_health": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64],
    "tronpay_events_list": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_uint32],
    "tronpay_dispute_lookup": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64],
    "tronpay_refund_create": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                              ctypes.c_size_t, ctypes.c_int64],
    "tronpay_refund_submit": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                              ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int64],
    "tronpay_refund_get": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p],
    "tronpay_digest_sign": [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p],
}.items():
    getattr(LIB, name).argtypes = args
    getattr(LIB, name).restype = ctypes.c_int32
LIB.tronpay_engine_close.argtypes = [ctypes.c_void_p]
LIB.tronpay_free.argtypes = [ctypes.c_void_p]
LIB.tronpay_last_error.restype = ctypes.c_char_p

XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQ"
        "gmv8D45oNUKx6DZMNZBCd")
KEY0 = "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28"  # m/44'/195'/0'/0/0
TRANSPORT = {"timeout": 1, "connect": 2, "reset": 5, "other": 6}


class Engine:
    def __init__(self, config: dict, now: int) -> None:
        self.handle = ctypes.c_void_p()
        text = json.dumps(config).encode()
        self.check(LIB.tronpay_engine_open(ctypes.byref(self.handle), text, len(text), now))

    @staticmethod
    def check(status: int) -> None:
        if status != 0:
            raise RuntimeError(f"status {status}: {LIB.tronpay_last_error().decode()}")

    def call(self, fn, *args) -> dict:
        out = ctypes.c_void_p()
        self.check(getattr(LIB, fn)(self.handle, ctypes.byref(out), *args))
        try:
            return json.loads(ctypes.string_at(out.value).decode())
        finally:
            LIB.tronpay_free(out)

    def close(self) -> None:
        LIB.tronpay_engine_close(self.handle)


def http(plan: dict):
    """Makes the planned request: (status, headers text, body bytes, transport error)."""
    request = urllib.request.Request(plan["url"], data=plan["body"].encode(),
                                     headers=plan["headers"], method=plan["method"])
    try:
        with urllib.request.urlopen(request, timeout=plan["timeout_ms"] / 1000 / 5) as answer:
            headers = "".join(f"{k}: {v}\r\n" for k, v in answer.headers.items())
            try:
                return answer.status, headers, answer.read(), 0
            except Exception:  # a body cut off after its headers
                return answer.status, headers, b"", TRANSPORT["reset"]
    except urllib.error.HTTPError as error:
        headers = "".join(f"{k}: {v}\r\n" for k, v in error.headers.items())
        return error.code, headers, error.read(), 0
    except (socket.timeout, TimeoutError):
        return 0, None, b"", TRANSPORT["timeout"]
    except urllib.error.URLError as error:
        kind = "timeout" if isinstance(error.reason, socket.timeout) else "connect"
        return 0, None, b"", TRANSPORT[kind]
    except Exception:
        return 0, None, b"", TRANSPORT["reset"]


def run(engine: Engine, clock, seconds: float = 60.0, until=None) -> list:
    """The host loop; stops at the head (or when until() holds). Answers the classes seen."""
    classes = []
    deadline = time.monotonic() + seconds
    waited_at_head = False
    while time.monotonic() < deadline:
        plan = engine.call("tronpay_sync_next", clock())
        if plan["kind"] == "http":
            if plan["purpose"] not in ("head", "solid_head"):
                waited_at_head = False
            status, headers, body, transport = http(plan)
            fed = engine.call("tronpay_sync_feed", plan["id"].encode(), status,
                              headers.encode() if headers else None, body, len(body),
                              transport, clock())
            classes.append(fed["class"])
        elif plan["kind"] == "wait":
            # At the head twice in a row, with a fresh head check between: settled.
            if plan["reason"] == "at_head":
                if waited_at_head and (until is None or until()):
                    return classes
                waited_at_head = True
            time.sleep(min(0.05, max(0.0, (plan["until_ms"] - clock()) / 1000)))
            clock.skip_to(plan["until_ms"])
        else:
            classes.append("idle:" + plan["reason"])
            return classes
    raise AssertionError(f"the host loop did not settle in {seconds} s: {classes[-20:]}")


class Clock:
    """The engine's now: the sim's chain time, moved forward by the loop's waits."""
    def __init__(self, sim: SimNode) -> None:
        self.sim = sim
        self.extra = 0

    def __call__(self) -> int:
        return self.sim.clock_ms + 2_000 + self.extra

    def skip_to(self, ms: int) -> None:
        self.extra = max(self.extra, ms - self.sim.clock_ms - 2_000)


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


def test_a_reorg_is_walked_back_and_the_new_branch_credits_once(work):
    with SimNode(initial_blocks=1, max_lifetime=120, solid_lag=10) as sim:
        clock = Clock(sim)
        engine = Engine(config(work, sim, start_block=sim.blocks[0].number), clock())
        address = engine.call("tronpay_invoice_create", *_json({"order_id": "R", "amount": "4"}),
                              clock())["invoice"]["address"]
        sim.mine(20)
        paid = sim.mine_block([usdt(address, 4_000_000)])
        sim.mine(2)
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_invoice_get", b"R", clock())["state"] == "detected"
        # Five blocks replaced by seven; the payment comes back in the new branch.
        sim.reorg(5, length=7, reinclude=[paid.txs[0].txid])
        run(engine, clock, seconds=30)
        assert engine.call("tronpay_engine_health", clock())["cursor"] == sim.blocks[-1].number
        types = [e["type"] for e in engine.call("tronpay_events_list", 0, 100)["events"]]
        assert "payment.reverted" in types
        sim.mine(12)
        run(engine, clock, seconds=30)
        invoice = engine.call("tronpay_invoice_get", b"R", clock())
        assert invoice["state"] == "paid" and invoice["received"] == "4000000"
        assert len(invoice["credits"]) == 1
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
