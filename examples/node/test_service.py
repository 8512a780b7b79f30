#!/usr/bin/env python3
"""End-to-end test of examples/node/service.js: the simulated TRON node (Tests/sim), `tronpay
watch` following it and delivering signed webhooks to the service, the service granting items
into its state file. Real processes on 127.0.0.1; every wait bounded; everything started is
stopped at the end, also on failure.

Environment: TRONPAY_TOOL (default build/tronpay), TRONPAY_LIBRARY (the binding's library),
SERVICE_TEST_KILLS (8), SERVICE_TEST_SEED (18)."""

import base64
import hashlib
import hmac
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "sim"))
from node import SimNode, fake_trc20, usdt  # noqa: E402
from checks import Checks, free_port  # noqa: E402

SERVICE = os.path.join(ROOT, "examples", "node", "service.js")
TOOL = os.environ.get("TRONPAY_TOOL") or os.path.join(ROOT, "build", "tronpay")
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHG"
        "oaQgmv8D45oNUKx6DZMNZBCd")
# A test-only secret, made here; never printed.
SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()
TIMEOUT = 60
KILLS = int(os.environ.get("SERVICE_TEST_KILLS", "8"))
SEED = int(os.environ.get("SERVICE_TEST_SEED", "18"))

check = Checks()
failures = check.failures
children = []


def tool(*args, timeout=TIMEOUT):
    return subprocess.run([TOOL, "--config", CONFIG] + list(args), capture_output=True,
                          text=True, timeout=timeout)


def watch():
    r = tool("watch", "--until-idle")
    check(r.returncode == 0, "tronpay watch --until-idle exits 0" +
          ("" if r.returncode == 0 else f" ({r.stderr.strip()[-400:]})"))


def request(method, path, body=None, headers=None):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers=dict({"content-type": "application/json"},
                                              **(headers or {})))
    try:
        with urllib.request.urlopen(req, timeout=20) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def start_service(log_name):
    if os.path.exists(READY):
        os.unlink(READY)
    log = open(os.path.join(tmp, log_name), "w")
    proc = subprocess.Popen(["node", SERVICE, "--config", CONFIG, "--port", str(PORT), "--state",
                             STATE, "--webhook-id", "game", "--ready-file", READY],
                            stdout=log, stderr=subprocess.STDOUT)
    log.close()
    children.append(proc)
    deadline = time.time() + 30
    while not os.path.exists(READY):
        if proc.poll() is not None or time.time() > deadline:
            raise SystemExit(f"the service did not start (see {log_name})")
        time.sleep(0.02)
    return proc


def stop(proc, sig=signal.SIGKILL):
    if proc.poll() is None:
        proc.send_signal(sig)
    return proc.wait(timeout=15)


def state():
    with open(STATE) as f:
        return json.load(f)


def items(player):
    status, body = request("GET", f"/players/{player}")
    return body["items"] if status == 200 else None


def buy(player, item, amount, purchase_id=None):
    body = {"player": player, "item": item, "amount": amount}
    if purchase_id:
        body["purchase_id"] = purchase_id
    status, answer = request("POST", "/purchases", body)
    check(status == 201 and answer["address"].startswith("T"),
          f"POST /purchases {player} {item} {amount}: 201, pay {answer.get('amount')} to "
          f"{answer.get('address')}")
    answer.update(player=player, item=item)
    return answer


def created_at(order):
    return json.loads(tool("--json", "invoice", "get", order["invoice_id"]).stdout)["created_at_ms"]


def events():
    return json.loads(tool("--json", "events", "--limit", "1000").stdout)["events"]


def sign(msg_id, timestamp, body, secret=SECRET):
    key = base64.b64decode(secret[len("whsec_"):])
    mac = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


tmp = tempfile.mkdtemp(prefix="tronpay-game-node-")
CONFIG = os.path.join(tmp, "tronpay.json")
STATE = os.path.join(tmp, "state.json")
READY = os.path.join(tmp, "ready")
PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
sim = SimNode(initial_blocks=30, solid_lag=1, max_lifetime=600)
service = None
try:
    sim.start()
    with open(CONFIG, "w") as f:
        json.dump({"store": "sqlite:" + os.path.join(tmp, "tronpay.db"), "network": "mainnet",
                   "wallets": [{"id": "main", "xpub": XPUB}],
                   "providers": [{"id": "sim", "kind": "fullnode", "base_url": sim.url,
                                  "max_rps": 1000}],
                   "webhooks": [{"id": "game", "url": f"{BASE}/webhooks/tronpay",
                                 "secret": SECRET, "scheme": "standard"}],
                   "start_block": sim.first_block, "worker_id": "game-node-test"}, f)
    service = start_service("service-0.log")

    # --- Purchases: paid in full, paid short, paid with a fake token.
    alice = buy("alice", "sword", "1.5", purchase_id="a-1")
    bob = buy("bob", "shield", "2")
    carol = buy("carol", "bow", "3")
    status, again = request("POST", "/purchases",
                            {"player": "alice", "item": "sword", "amount": "1.5",
                             "purchase_id": "a-1"})
    check(status == 200 and again["invoice_id"] == alice["invoice_id"],
          "the same purchase_id again: 200, the same invoice")
    status, _ = request("POST", "/purchases", {"player": "al/ice", "item": "x", "amount": "1"})
    check(status == 400, "a bad player name: 400")
    status, _ = request("POST", "/purchases", {"player": "alice", "item": "x",
                                               "amount": "1.2345678"})
    check(status == 400, "an amount with 7 decimals (the library refuses it): 400")
    check(alice["amount_base_units"] == "1500000" and alice["token"] == "USDT",
          "alice pays 1.5 USDT (1500000 base units)")

    sim.set_clock(max(created_at(o) for o in (alice, bob, carol)))
    sim.mine_block([usdt(alice["address"], 1_500_000), usdt(bob["address"], 1_000_000),
                    fake_trc20(carol["address"], 3_000_000)])
    sim.mine(2)
    watch()
    check(items("alice") == ["sword"], f"alice has her sword ({items('alice')})")
    check(items("bob") == [] and items("carol") == [],
          "nothing for the short payment nor for the fake token")
    check(list(state()["invoices"]) == [alice["invoice_id"]], "the state file holds one grant")

    # --- Forged deliveries: 401, nothing recorded.
    body = json.dumps({"type": "invoice.paid", "data": {"invoice": {"id": bob["invoice_id"],
                                                                    "order_id": "game-bob-x"}}}
                      ).encode()
    ts = str(int(time.time()))
    before = state()
    status, _ = request("POST", "/webhooks/tronpay", body,
                        {"webhook-id": "evt_forged", "webhook-timestamp": ts,
                         "webhook-signature": sign("evt_forged", ts, body,
                                                   "whsec_" + base64.b64encode(b"x" * 32).decode())})
    check(status == 401, "a delivery signed with another secret: 401")
    status, _ = request("POST", "/webhooks/tronpay", body, {"webhook-id": "evt_forged"})
    check(status == 401, "a delivery without signature headers: 401")
    good = sign("evt_forged", ts, body)
    status, _ = request("POST", "/webhooks/tronpay", body.replace(b"bob", b"bop"),
                        {"webhook-id": "evt_forged", "webhook-timestamp": ts,
                         "webhook-signature": good})
    check(status == 401, "a tampered body: 401")
    check(state() == before and items("bob") == [], "the forgeries changed nothing")

    # --- A redelivery of the paid event: delivered again, granted nothing.
    paid = [e for e in events() if e["type"] == "invoice.paid"
            and e["data"]["invoice"]["id"] == alice["invoice_id"]]
    check(len(paid) == 1 and state()["events"].get(paid[0]["id"]) == "granted",
          "the invoice.paid event was handled under its webhook-id")
    r = tool("webhook", "redeliver", paid[0]["id"], "--webhook", "game")
    check(r.returncode == 0, f"tronpay webhook redeliver ({r.stderr.strip()})")
    watch()
    health = json.loads(tool("--json", "health").stdout)
    check(health["outbox"]["pending"] == 0 and health["outbox"]["failed"] == 0,
          "the redelivery went out and was answered 2xx")
    check(items("alice") == ["sword"] and len(state()["invoices"]) == 1,
          "the redelivery granted nothing twice")

    # More money to the paid invoice: overpaid (a second paid-like event), no second sword.
    sim.mine_block([usdt(alice["address"], 500_000)])
    sim.mine(2)
    watch()
    kinds = [e["type"] for e in events() if e["data"].get("invoice", {}).get("id") ==
             alice["invoice_id"]]
    check("invoice.overpaid" in kinds and items("alice") == ["sword"],
          f"invoice.overpaid after invoice.paid grants nothing more ({kinds})")

    # --- kill -9 of the service at random points (seeded) while `tronpay watch` delivers, and a
    # restart each time. Payments are revealed one more per run (the node's provider lag).
    rng = random.Random(SEED)
    orders = [buy(f"p{k}", "gem", str(k + 1)) for k in range(KILLS)]
    sim.set_clock(max(created_at(o) for o in orders))
    for o in orders:
        sim.mine_block([usdt(o["address"], int(o["amount_base_units"]))])
    sim.mine(2)
    new_blocks = len(orders) + 2
    kills = 0
    t0 = time.time()
    for k in range(KILLS):
        sim.set_provider_lag("main", new_blocks - 1 - k)  # one more payment block per run
        watch_log = os.path.join(tmp, f"watch-{k}.log")
        with open(watch_log, "w") as log:
            watcher = subprocess.Popen([TOOL, "--config", CONFIG, "watch", "--until-idle"],
                                       stdout=log, stderr=subprocess.STDOUT)
        children.append(watcher)
        # The kill lands among the deliveries: they start once the watch is at the head.
        deadline = time.time() + 20
        while time.time() < deadline and watcher.poll() is None:
            with open(watch_log) as f:
                if "at head" in f.read():
                    break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.08))
        kills += stop(service) == -signal.SIGKILL
        # Back at once: deliveries refused meanwhile are retried 5 s later, by this watch.
        service = start_service(f"service-{k + 1}.log")
        try:
            rc = watcher.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            rc = None
        check(rc == 0, f"run {k}: watch --until-idle exits 0 (rc {rc}, watch-{k}.log)")
        if rc is None:
            raise SystemExit("stuck")
    sim.set_provider_lag("main", 0)
    watch()
    # Deliveries refused while the service was down wait for their retry (5 s, then 5 min);
    # the operator's way round is a redelivery. Every event not yet handled is queued again;
    # those already in flight arrive twice, under one webhook-id.
    handled = state()["events"]
    missing = [e["id"] for e in events() if e["id"] not in handled]
    for event_id in missing:
        tool("webhook", "redeliver", event_id, "--webhook", "game")
    watch()
    deadline = time.time() + 30
    while time.time() < deadline and any(e["id"] not in state()["events"] for e in events()):
        time.sleep(1)  # a retry due in 5 s
        watch()
    check(all(e["id"] in state()["events"] for e in events()),
          f"every event handled after {kills} kill -9 of {KILLS} runs and {len(missing)} "
          f"redeliveries (seed {SEED}, {time.time() - t0:.1f} s)")
    s = state()
    expected = {alice["invoice_id"]} | {o["invoice_id"] for o in orders}
    check(set(s["invoices"]) == expected, f"every paid order granted ({len(s['invoices'])} "
          f"grants for {len(expected)} orders)")
    check(all(items(o["player"]) == ["gem"] for o in orders) and items("alice") == ["sword"],
          "each item granted exactly once (players' item lists)")
    check(items("bob") == [] and items("carol") == [], "still nothing for bob and carol")
    lines = []
    for name in sorted(os.listdir(tmp)):
        if name.startswith("service-"):
            with open(os.path.join(tmp, name)) as f:
                lines += [line for line in f if line.startswith("granted ")]
    # A line is printed after its grant is on disk, so a kill in between loses the line (not
    # the grant); a grant made twice would print twice.
    check(len(lines) == len(set(lines)) and len(lines) <= len(expected),
          f"no 'granted' line twice across all runs ({len(lines)} lines, {len(expected)} grants)")
    cut = 0
    for name in os.listdir(tmp):
        if name.startswith("watch-"):
            with open(os.path.join(tmp, name)) as f:
                cut += f.read().count("not delivered")
    print(f"     ({cut} deliveries refused or cut off by the kills, then retried)")

    t0 = time.time()
    check(stop(service, signal.SIGTERM) == 0, f"SIGTERM: the service exits 0 "
          f"({time.time() - t0:.2f} s)")
    log = open(os.path.join(tmp, "service-0.log")).read()
    check(SECRET not in log, "the secret is never printed")
finally:
    for proc in children:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    sim.stop()
    # TRONPAY_TEST_KEEP=1 keeps the logs and databases of a passing run too.
    if not failures and sys.exc_info()[0] is None and not os.environ.get("TRONPAY_TEST_KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)

check.exit(kept=tmp)
