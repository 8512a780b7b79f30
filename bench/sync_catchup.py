#!/usr/bin/env python3
"""make bench, planner row (issue 16): catch-up against the simulated node (Tests/sim) with
recorded-shape blocks, the engine's own work measured apart from the HTTP and the sim's serving:
blocks per second of time spent inside tronpay_sync_next/tronpay_sync_feed (target ≥ 100),
the sim's own serving time as it reports it (/sim/stats), and requests per block with
transactions (target 2: the block in a batch of 100, its receipts)."""
import json
import os
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "Tests", "sim"))
from node import SimNode, usdt  # noqa: E402
from planner_host import XPUB, Clock, Engine, http  # noqa: E402

BLOCKS = int(os.environ.get("BENCH_SYNC_BLOCKS", "1000"))

with tempfile.TemporaryDirectory(prefix="tronpay-bench-sync-") as work, \
        SimNode(initial_blocks=1, max_lifetime=600, solid_lag=19) as sim:
    clock = Clock(sim)
    engine = Engine({"store": f"sqlite:{work}/store.db", "wallets": [{"id": "main", "xpub": XPUB}],
                     "providers": [{"id": "sim", "base_url": sim.url, "max_rps": 10000}],
                     "start_block": sim.blocks[0].number}, clock())
    text = json.dumps({"order_id": "B-1", "amount": "1"}).encode()
    address = engine.call("tronpay_invoice_create", text, len(text), clock())["invoice"]["address"]
    for n in range(BLOCKS):
        # Every block carries transactions (a payment to someone else, one in ten to us).
        to = address if n % 10 == 0 else sim.payer_address(1)
        sim.mine_block([usdt(to, 1_000_000)])
    engine_ns = 0
    requests = 0
    started = time.perf_counter_ns()
    at_head = False
    while True:
        t0 = time.perf_counter_ns()
        plan = engine.call("tronpay_sync_next", clock())
        engine_ns += time.perf_counter_ns() - t0
        if plan["kind"] == "wait":
            # The engine's clock is the chain's: a wait (the rate limit, the next slot) is
            # skipped, not slept. At the head twice in a row, the catch-up is over.
            if plan["reason"] == "at_head":
                if at_head:
                    break
                at_head = True
            clock.skip_to(plan["until_ms"])
            continue
        if plan["kind"] != "http":
            break
        if plan["purpose"] not in ("head", "solid_head"):
            at_head = False
        requests += 1
        status, headers, body, transport = http(plan)
        t0 = time.perf_counter_ns()
        engine.call("tronpay_sync_feed", plan["id"].encode(), status,
                    headers.encode() if headers else None, body, len(body), transport, clock())
        engine_ns += time.perf_counter_ns() - t0
    wall_ns = time.perf_counter_ns() - started
    cursor = engine.call("tronpay_engine_health", clock())["cursor"]
    applied = cursor - sim.blocks[0].number + 1
    assert cursor == sim.blocks[-1].number, (cursor, sim.blocks[-1].number)
    serving_s = sim.stats()["total_serve_ms"] / 1000
    engine.close()
    print(f"{'sync catch-up, engine work only':36s} {applied / (engine_ns / 1e9):13.0f} blocks/s"
          f"  (target >= 100)")
    print(f"{'sync catch-up, wall clock':36s} {applied / (wall_ns / 1e9):13.0f} blocks/s"
          f"  (HTTP on 127.0.0.1 and the sim included)")
    print(f"{'sim serving time (its own count)':36s} {serving_s:13.2f} s   of {wall_ns / 1e9:.2f} s")
    print(f"{'requests per block with transactions':36s} {requests / applied:13.2f}      "
          f"(target 2; heads every slot included)")
