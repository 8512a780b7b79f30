#!/usr/bin/env python3
"""End-to-end test of the `tronpay` tool: `watch` against the simulated TRON node
(Tests/sim/node.py) and a local webhook receiver, both on 127.0.0.1 only, then the other
commands and their exit codes. Every child process runs under a timeout; the nodes stop by
themselves. Usage: test_cli.py PATH/TO/tronpay"""

import base64
import hashlib
import hmac
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
sys.path.insert(0, os.environ.get("TRONPAY_SIM_DIR", os.path.join(ROOT, "Tests", "sim")))
from node import SimNode, trx, usdt  # noqa: E402
from checks import Checks, free_port  # noqa: E402

TOOL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "tronpay"
# m/44'/195'/0' of the BIP39 "abandon … about" seed (Tests/vectors/hd.json).
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHG"
        "oaQgmv8D45oNUKx6DZMNZBCd")
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
API_KEY = "test-api-key-must-never-be-printed"
TIMEOUT = 60
check = Checks()
failures = check.failures


def run(*args, config=None, timeout=TIMEOUT, env=None, stdin=None):
    command = [TOOL] + (["--config", config] if config else []) + list(args)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          env=env or ENV, input=stdin)


class Receiver:
    """The merchant's webhook endpoint: records every delivery, answers 200."""

    def __init__(self):
        self.deliveries = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.deliveries.append(({k.lower(): v for k, v in self.headers.items()},
                                            body))
                try:
                    self.send_response(200)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender was killed mid-delivery (the kill -9 runs)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def standard_signature_ok(headers, body):
    """Standard Webhooks v1, computed here independently of the library."""
    key = base64.b64decode(SECRET[len("whsec_"):])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s) for s in headers["webhook-signature"].split())


tmp = tempfile.mkdtemp(prefix="tronpay-cli-")
ENV = dict(os.environ)
ENV.pop("TRONPAY_CONFIG", None)
ENV["TRONPAY_PROVIDER_SIM_API_KEY"] = API_KEY

sim = SimNode(initial_blocks=30, solid_lag=3, max_lifetime=600)
sim.start()
receiver = Receiver()
config_path = os.path.join(tmp, "tronpay.json")
config = {
    "store": "sqlite:" + os.path.join(tmp, "tronpay.db"),
    "network": "mainnet",
    "wallets": [{"id": "main", "xpub": XPUB}],
    "providers": [{"id": "sim", "kind": "fullnode",
                   "base_url": sim.url}],
    "webhooks": [{"id": "shop", "url": f"http://127.0.0.1:{receiver.server.server_port}/hook",
                  "secret": SECRET, "scheme": "standard"}],
    "start_block": sim.first_block,
    # One name for every run: the engine keeps a stopped process's scanner lease until it
    # expires (30 s), and a restart under the same name takes it over at once.
    "worker_id": "cli-test",
}
with open(config_path, "w") as f:
    json.dump(config, f)

# --- Invoices, then a chain that pays one of them.
created = run("--json", "invoice", "create", "--order-id", "A-1", "--amount", "1.5",
              config=config_path)
check(created.returncode == 0, f"invoice create exits 0 ({created.stderr.strip()})")
invoice = json.loads(created.stdout)["invoice"]
check(invoice["state"] == "new" and invoice["amount_due"] == "1500000", "invoice is new, 1.5 USDT")
unpaid = run("--json", "invoice", "create", "--order-id", "A-2", "--token", "TRX",
             "--amount", "2", config=config_path)
check(unpaid.returncode == 0, "second invoice created")
again = run("invoice", "create", "--order-id", "A-1", "--amount", "1.5", config=config_path)
check(again.returncode == 0 and "exists" in again.stdout, "same order, same terms: exists")

# The paying block is stamped in the first slot after the invoice's creation (the engine dates a
# payment by its block and refuses one from before the invoice).
sim.set_clock(invoice["created_at_ms"])
paid_txid = sim.mine_block([usdt(invoice["address"], 1_500_000)]).txs[0].txid
sim.mine(4)
# Faults on the way, which the host loop must ride out: a 429 with Retry-After on the
# catch-up and a connection closed without an answer on a receipt list.
sim.fault("/wallet/getblockbylimitnext", "status", status=429, retry_after=1)
sim.fault("/wallet/gettransactioninfobyblocknum", "close")

# --- watch --until-idle: catch up, credit, deliver, exit.
t0 = time.time()
watch = run("watch", "--until-idle", config=config_path)
watch_seconds = time.time() - t0
check(watch.returncode == 0, f"watch --until-idle exits 0 in {watch_seconds:.1f} s")
check(API_KEY not in watch.stderr + watch.stdout, "the API key is never printed")
check("at head" in watch.stderr, "watch logs reaching the head")
check("invoice.paid" in watch.stderr, "watch logs the invoice.paid event")
check("rate_limited" in watch.stderr and "transport error" in watch.stderr,
      "watch logs the 429 and the closed connection, and goes on")
keys = {r.get("headers", {}).get("tron-pro-api-key") for r in list(sim.requests)}
check(keys == {API_KEY}, "the API key from the environment is sent with every node request")
print("     --- watch log ---\n     " + "\n     ".join(watch.stderr.strip().splitlines()[:20]))

got = json.loads(run("--json", "invoice", "get", "A-1", config=config_path).stdout)
check(got["state"] == "paid", f"invoice A-1 is paid (state {got['state']})")
check(len(got["credits"]) == 1 and got["credits"][0]["final"], "one final credit")
other = json.loads(run("--json", "invoice", "get", "A-2", config=config_path).stdout)
check(other["state"] == "new", "invoice A-2 still new")


def paid_events():
    listed = run("--json", "events", "--limit", "1000", config=config_path)
    events = json.loads(listed.stdout)["events"]
    return [e for e in events if e["type"] == "invoice.paid"
            and e["data"]["invoice"]["id"] == invoice["id"]]


check(len(paid_events()) == 1, "exactly one invoice.paid event")

# A second run over the same store adds nothing.
rerun = run("watch", "--until-idle", config=config_path)
check(rerun.returncode == 0 and len(paid_events()) == 1, "a second watch pays nothing twice")

# --- Webhooks: signed, verifiable, the paid one delivered once.
bodies = [(h, b) for h, b in receiver.deliveries]
types = [json.loads(b)["type"] for _, b in bodies]
check("invoice.paid" in types, f"the receiver got invoice.paid ({types})")
check(all(standard_signature_ok(h, b) for h, b in bodies),
      f"all {len(bodies)} deliveries carry a valid Standard Webhooks signature")
paid_ids = {h["webhook-id"] for h, b in bodies if json.loads(b)["type"] == "invoice.paid"}
check(len(paid_ids) == 1, "invoice.paid delivered under one webhook-id")
headers, body = next((h, b) for h, b in bodies if json.loads(b)["type"] == "invoice.paid")
headers_file = os.path.join(tmp, "headers.txt")
body_file = os.path.join(tmp, "body.json")
with open(headers_file, "w") as f:
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        f.write(f"{name}: {headers[name]}\r\n")
with open(body_file, "wb") as f:
    f.write(body)
verified = run("webhook", "verify", "--webhook", "shop", "--headers", headers_file, "--body",
               body_file, config=config_path)
check(verified.returncode == 0 and "verified" in verified.stdout,
      "tronpay webhook verify accepts the delivery")
with open(body_file, "wb") as f:
    f.write(body.replace(b"paid", b"PAID"))
tampered = run("webhook", "verify", "--webhook", "shop", "--headers", headers_file, "--body",
               body_file, config=config_path)
check(tampered.returncode == 6, f"a tampered body does not verify (exit {tampered.returncode})")
check(SECRET not in verified.stdout + verified.stderr + tampered.stderr, "the secret is not printed")

# The Standard Webhooks test vector (ENGINE.md), secret from the environment.
vector_body = os.path.join(tmp, "vector.json")
with open(vector_body, "w") as f:
    f.write('{"test": 2432232314}')
vector_args = ["--json", "webhook", "verify", "--id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
               "--timestamp", "1614265330", "--signature",
               "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "--body", vector_body]
vector_env = dict(ENV, TRONPAY_WEBHOOK_SECRET=SECRET)
vector = run(*vector_args, "--now", "1614265330", env=vector_env)
check(vector.returncode == 0 and json.loads(vector.stdout) == {"verified": True},
      "the Standard Webhooks test vector verifies")
stale = run(*vector_args, env=vector_env)
check(stale.returncode == 6 and json.loads(stale.stdout)["verified"] is False,
      "the same delivery years later: too old, exit 6")

# Redelivery on request: the same event again, under the same webhook-id.
paid_event = paid_events()[0]["id"]
before = len(receiver.deliveries)
queued = run("webhook", "redeliver", paid_event, config=config_path)
check(queued.returncode == 0, "webhook redeliver queues a delivery")
run("watch", "--until-idle", config=config_path)
again = [h["webhook-id"] for h, _ in receiver.deliveries[before:]]
check(again == [paid_event], f"redelivered once under the event's id ({again})")

# Refunds: built unsigned from the deposit address back to the payer, idempotent by id.
refund_args = ["refund", "create", "--refund-id", "R-1", "--invoice", invoice["id"],
               "--from", invoice["address"], "--to", sim.payer_address(0),
               "--amount-base-units", "500000", "--fee-limit-sun", "30000000"]
refund = run("--json", *refund_args, config=config_path)
check(refund.returncode == 0 and json.loads(refund.stdout)["state"] == "built",
      f"refund create builds an unsigned refund ({refund.stderr.strip()})")
check(run("--json", *refund_args, config=config_path).stdout == refund.stdout,
      "refund create again: the same refund")
other_terms = [a if a != "500000" else "400000" for a in refund_args]
check(run(*other_terms, config=config_path).returncode == 4, "refund id reused: 4")
shown = run("refund", "get", "R-1", config=config_path)
check(shown.returncode == 0 and "built" in shown.stdout, "refund get")
check(run("refund", "get", "R-404", config=config_path).returncode == 3, "unknown refund: 3")
check(run("refund", "submit", "R-1", "--signature", "00", config=config_path).returncode == 64,
      "a malformed signature: 64")
run("watch", "--until-idle", config=config_path)  # delivers refund.created

# --- explain, health, list.
explained = run("--json", "explain", paid_txid, config=config_path)
check(explained.returncode == 0 and json.loads(explained.stdout)["status"] == "credited",
      "explain TXID says credited")
text = run("explain", paid_txid, config=config_path)
check(text.returncode == 0 and "credited" in text.stdout, "explain prints a sentence")
health = json.loads(run("--json", "health", config=config_path).stdout)
check(health["lag_blocks"] == 0 and health["outbox"]["pending"] == 0,
      f"health: at the head, outbox empty ({health['lag_blocks']}, {health['outbox']})")
listed = run("invoice", "list", "--state", "paid", config=config_path)
check(listed.returncode == 0 and "A-1" in listed.stdout and "A-2" not in listed.stdout,
      "invoice list --state paid")

# --- Exit codes.
check(run("health", config=os.path.join(tmp, "missing.json")).returncode == 66,
      "missing config: 66")
bad_path = os.path.join(tmp, "bad.json")
with open(bad_path, "w") as f:
    json.dump(dict(config, stroe="typo"), f)
bad = run("health", config=bad_path)
check(bad.returncode == 65 and "stroe" in bad.stderr, f"a config key typo: 65 naming it ({bad.stderr.strip()})")
check(run("invoice", "frobnicate", config=config_path).returncode == 64, "unknown command: 64")
check(run("invoice", "create", "--order-id", "X", config=config_path).returncode == 64,
      "no amount: 64")
check(run("invoice", "get", "nope", config=config_path).returncode == 3, "unknown invoice: 3")
conflict = run("invoice", "create", "--order-id", "A-1", "--amount", "9",
               config=config_path)
check(conflict.returncode == 4, f"order id reused with other terms: 4 ({conflict.returncode})")
help_text = run("--help").stdout
check("64" in help_text and "74" in help_text and "not found" in help_text,
      "tronpay --help documents the exit codes")

# An unreachable provider: --until-idle gives up with 69 and says why.
dead = dict(config, store="sqlite:" + os.path.join(tmp, "dead.db"),
            providers=[{"id": "down", "kind": "fullnode",
                        "base_url": f"http://127.0.0.1:{free_port()}"}])
dead_path = os.path.join(tmp, "dead.json")
with open(dead_path, "w") as f:
    json.dump(dead, f)
created = run("invoice", "create", "--order-id", "D-1", "--token", "TRX", "--amount", "1",
              config=dead_path)
check(created.returncode == 0, "an invoice to watch on the dead provider's store")
t0 = time.time()
down = run("watch", "--until-idle", "--max-failures", "3", config=dead_path, timeout=120)
check(down.returncode == 69 and "transport error 2" in down.stderr,
      f"unreachable provider: 69 after {time.time() - t0:.1f} s")

# --- SIGTERM: a running watch stops cleanly after the request in flight.
sim.mine(3)
proc = subprocess.Popen([TOOL, "--config", config_path, "watch"], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True, env=ENV)
deadline = time.time() + 20
lines = []
while time.time() < deadline:
    line = proc.stderr.readline()
    if not line:
        break
    lines.append(line)
    if "at head" in line:
        break
time.sleep(0.5)
t0 = time.time()
proc.send_signal(signal.SIGTERM)
try:
    out, err = proc.communicate(timeout=15)
    rc = proc.returncode
except subprocess.TimeoutExpired:
    proc.kill()
    out, err = proc.communicate()
    rc = None
check(any("at head" in line for line in lines), "the daemon reached the head")
check(rc == 0 and "stopped by signal" in err,
      f"SIGTERM: exit {rc} in {time.time() - t0:.2f} s, 'stopped by signal' logged")

# --- Two watches on one store: one scans, the other idles; kill -9 the scanner and the other
# takes over once the lease expires (30 s).
def start_watch(worker):
    return subprocess.Popen([TOOL, "--config", config_path, "watch", "--worker-id", worker],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)


def wait_for(proc, text, seconds):
    end = time.time() + seconds
    seen = []
    while time.time() < end:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return True, seen
    return False, seen


first = start_watch("scanner-a")
ok_a, _ = wait_for(first, "at head", 20)
second = start_watch("scanner-b")
ok_b, _ = wait_for(second, "another process holds the scanner lease", 20)
check(ok_a and ok_b, "a second watch on the store idles while the first holds the lease")
first.kill()
first.wait(timeout=10)
sim.mine(2)
t0 = time.time()
took_over, _ = wait_for(second, "catching up", 60)
check(took_over, f"after kill -9 of the scanner, the other takes over ({time.time() - t0:.1f} s)")
second.send_signal(signal.SIGTERM)
check(second.wait(timeout=15) == 0, "the second watch stops cleanly on SIGTERM")

# --- kill -9 at random points (seeded), restarted each time: nothing lost, nothing doubled,
# each paid event delivered at least once and deduplicable by its webhook-id. Each run is the
# `watch` daemon, which never stops by itself, so every run ends in a kill -9: KILLS of them.
KILLS = int(os.environ.get("TRONPAY_TEST_KILLS", "50"))
SEED = int(os.environ.get("TRONPAY_TEST_SEED", "16"))
print(f"     kill -9 loop: seed {SEED}, {KILLS} kills (TRONPAY_TEST_SEED, TRONPAY_TEST_KILLS)")
rng = random.Random(SEED)
kill_receiver = Receiver()
kill_config = dict(config, store="sqlite:" + os.path.join(tmp, "kill.db"),
                   webhooks=[dict(config["webhooks"][0],
                                  url=f"http://127.0.0.1:{kill_receiver.server.server_port}/h")])
# Enough chain that many runs are killed while catching up: a run starts in ~0.1 s and then
# applies about 1 500 empty blocks a second here, and each reveals about 150 more.
BLOCKS = max(600, 150 * KILLS)
kill_sim = SimNode(initial_blocks=BLOCKS, solid_lag=3, max_lifetime=600)
kill_sim.start()
kill_config["providers"] = [{"id": "sim", "kind": "fullnode", "max_rps": 1000,
                             "base_url": kill_sim.url}]
kill_config["start_block"] = kill_sim.first_block
kill_path = os.path.join(tmp, "kill.json")
with open(kill_path, "w") as f:
    json.dump(kill_config, f)
kill_invoices = []
for k in range(5):
    made = run("--json", "invoice", "create", "--order-id", f"K-{k}", "--amount", str(k + 1),
               *(["--token", "TRX"] if k % 2 else []), config=kill_path)
    kill_invoices.append(json.loads(made.stdout)["invoice"])
# Payments are stamped in the slots right after the invoices (the engine trusts no block time
# more than a minute ahead), so the whole chain is built now and revealed a part per run
# (the node's provider lag): each run has new blocks to catch up on when it is killed, and the
# last runs also have the payments and their deliveries.
kill_sim.set_clock(max(i["created_at_ms"] for i in kill_invoices))
for i in kill_invoices:
    kill_sim.mine_block([(trx if i["token"] == "TRX" else usdt)(i["address"],
                                                                int(i["amount_due"]))])
kill_sim.mine(4)
total = kill_sim.head_number - kill_sim.first_block + 1
step = -(-total // max(1, KILLS - 3))
kills = 0
busy = 0  # kills that found the run behind the blocks it could see (mid catch-up)
t0 = time.time()
for run_index in range(KILLS):
    lag = max(0, total - (run_index + 1) * step)
    kill_sim.set_provider_lag("main", lag)
    proc = subprocess.Popen([TOOL, "--config", kill_path, "watch"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    time.sleep(rng.uniform(0.05, 0.4))
    if proc.poll() is None:
        proc.kill()
        kills += 1
    proc.wait(timeout=10)
    with sqlite3.connect(os.path.join(tmp, "kill.db"), timeout=10) as db:
        cursor = db.execute("SELECT number FROM chain WHERE name = 'cursor'").fetchone()
    busy += cursor is None or cursor[0] is None or cursor[0] < kill_sim.head_number - lag
reached = json.loads(run("--json", "health", config=kill_path).stdout)["cursor"]
paid_before_final = sum(e["type"] == "invoice.paid" for e in json.loads(run(
    "--json", "events", "--limit", "1000", config=kill_path).stdout)["events"])
check(kills == KILLS, f"kill -9 loop: {kills} kills of {KILLS} runs (seed {SEED}), {busy} of "
      f"them mid catch-up; the killed runs reached block {reached} of {kill_sim.head_number}, "
      f"paid {paid_before_final} of 5 invoices, made {len(kill_receiver.deliveries)} deliveries")
final = run("watch", "--until-idle", config=kill_path)
check(final.returncode == 0, f"{kills} kill -9, then a clean run "
      f"({time.time() - t0:.1f} s, seed {SEED})")
events = json.loads(run("--json", "events", "--limit", "1000", config=kill_path).stdout)["events"]
for i in kill_invoices:
    got = json.loads(run("--json", "invoice", "get", i["id"], config=kill_path).stdout)
    paid = [e for e in events
            if e["type"] == "invoice.paid" and e["data"]["invoice"]["id"] == i["id"]]
    check(got["state"] == "paid" and len(got["credits"]) == 1 and len(paid) == 1,
          f"{i['order_id']}: paid, one credit, one invoice.paid event")


def received():
    seen = {}
    for h, b in kill_receiver.deliveries:
        seen.setdefault(h["webhook-id"], []).append(json.loads(b)["type"])
    return seen


# A delivery claimed by a killed process waits out its claim (60 s); the operator's way round
# is `webhook redeliver`. The event id is the delivery's webhook-id.
missing = {e["id"] for e in events} - set(received())
pending = json.loads(run("--json", "health", config=kill_path).stdout)["outbox"]["pending"]
check(len(missing) <= pending, f"every event delivered or pending behind a killed claim "
      f"({len(missing)} missing, {pending} pending)")
for event_id in sorted(missing):
    queued = run("webhook", "redeliver", event_id, config=kill_path)
    check(queued.returncode == 0, f"webhook redeliver {event_id}")
check(run("watch", "--until-idle", config=kill_path).returncode == 0, "the redeliveries sent")
seen = received()
paid_delivered = [i for i, types in seen.items() if types[0] == "invoice.paid"]
check(len(paid_delivered) == 5 and all(standard_signature_ok(h, b)
                                       for h, b in kill_receiver.deliveries),
      f"5 invoice.paid events delivered, all signed ({len(kill_receiver.deliveries)} "
      f"deliveries for {len(seen)} events; repeats share their webhook-id)")
check({e["id"] for e in events} == set(seen), "every event reached the receiver")
by_id = {}
for h, b in kill_receiver.deliveries:
    by_id.setdefault(h["webhook-id"], set()).add(b)
check(all(len(bodies) == 1 for bodies in by_id.values()),
      f"repeats of a webhook-id carry the same body ({sum(len(v) > 1 for v in by_id.values())} "
      f"differ): a receiver deduplicates by webhook-id")
with sqlite3.connect(os.path.join(tmp, "kill.db")) as db:
    credits = db.execute("SELECT count(*), count(DISTINCT invoice_id) FROM credits").fetchone()
    per_invoice = db.execute("SELECT invoice_id, type, count(*) FROM events GROUP BY invoice_id, "
                             "type HAVING count(*) > 1").fetchall()
    gave_up = db.execute("SELECT count(*) FROM deliveries WHERE state IN ('failed', "
                         "'disabled')").fetchone()[0]
check(credits == (5, 5) and per_invoice == [],
      f"the store: 5 credits for 5 invoices, no event type twice for an invoice "
      f"({credits}, {per_invoice})")
check(gave_up == 0, f"the store: no delivery failed or disabled ({gave_up})")
kill_sim.stop()
kill_receiver.server.shutdown()

sim.stop()
receiver.server.shutdown()
check.exit()
