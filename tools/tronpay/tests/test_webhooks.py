#!/usr/bin/env python3
"""The webhook outbox as `tronpay watch` runs it (ENGINE.md, "Events and webhooks"): a local
receiver on 127.0.0.1 that refuses the connection, answers too late, answers 410, or answers
500 and then 200, each driven through `tronpay watch --until-idle`, with the retry schedule,
the attempt numbers and the final states read back from the real SQLite store and from
`tronpay --json health`.

The schedule spans 75 hours. Each run of the tool gets its clock moved ahead with
TRONPAY_CLOCK_OFFSET_MS (the engine's now_ms only; sleeps and timeouts stay real). libfaketime
does not do for this tool (measured with Debian's 0.9.10 and Swift 6.3): it shifts the
absolute deadlines of CLOCK_MONOTONIC/BOOTTIME timerfds by the fake offset even with
DONT_FAKE_MONOTONIC=1, so every Task.sleep of the tool hangs for good once the offset exceeds
the machine's uptime (the deadline turns negative: EINVAL), and busy-waits below that; and
LD_PRELOAD without its `faketime` wrapper leaves the Swift runtime without command-line
arguments. The simulated node stamps its blocks with the real time, so a tool 75 hours ahead
sees them as old blocks and must still sync to the head. Usage: test_webhooks.py PATH/TO/tronpay"""

import base64
import hashlib
import hmac
import json
import math
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
sys.path.insert(0, os.environ.get("TRONPAY_SIM_DIR", os.path.join(ROOT, "Tests", "sim")))
from node import SimNode  # noqa: E402
from checks import Checks  # noqa: E402

TOOL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "tronpay"
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHG"
        "oaQgmv8D45oNUKx6DZMNZBCd")
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
# ENGINE.md: a failed attempt is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
# 24 h; the 10th failure is final ("failed").
SCHEDULE_S = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600, 20 * 3600,
              24 * 3600]
ATTEMPTS = len(SCHEDULE_S) + 1
WEBHOOK_TIMEOUT_MS = 400
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
TIMEOUT = 60
check = Checks()
failures = check.failures


ENV = dict(os.environ)
for name in ("TRONPAY_CONFIG", "TRONPAY_CLOCK_OFFSET_MS"):
    ENV.pop(name, None)


def run(*args, config=None, skew=0, timeout=TIMEOUT, offset=None):
    """The tool with its clock `skew` milliseconds ahead of the real time."""
    command = [TOOL] + (["--config", config] if config else []) + list(args)
    env = dict(ENV, TRONPAY_CLOCK_OFFSET_MS=str(int(skew)) if offset is None else offset)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


def skew_for(at_ms, margin_ms=1000):
    """The offset that puts the tool's clock `margin_ms` past `at_ms` (before, if negative)."""
    return max(0, math.ceil(at_ms - time.time() * 1000) + margin_ms)


class Receiver:
    """The merchant's endpoint, 127.0.0.1 only. `script` lists what to do with the 1st, 2nd, …
    POST (the last entry repeats): an HTTP status to answer, or ("sleep", s) to answer 200 only
    after s seconds, past the tool's webhook timeout."""

    def __init__(self, script):
        self.script = list(script)
        self.requests = []  # (headers, body, time received)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                index = len(receiver.requests)
                receiver.requests.append(
                    ({k.lower(): v for k, v in self.headers.items()}, body, time.time()))
                action = receiver.script[min(index, len(receiver.script) - 1)]
                if isinstance(action, tuple):
                    time.sleep(action[1])
                    action = 200
                try:
                    self.send_response(action)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the tool gave up waiting and closed the connection

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def signature_ok(headers, body):
    """Standard Webhooks v1, computed here independently of the library."""
    key = base64.b64decode(SECRET[len("whsec_"):])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s) for s in headers["webhook-signature"].split())


tmp = tempfile.mkdtemp(prefix="tronpay-webhooks-")
sim = SimNode(initial_blocks=30, solid_lag=3, max_lifetime=600)
sim.start()


class Store:
    """One store, one webhook (`hook`, only invoice.created events), its own config."""

    def __init__(self, name, url):
        self.db = os.path.join(tmp, name + ".db")
        self.config = os.path.join(tmp, name + ".json")
        with open(self.config, "w") as f:
            json.dump({
                "store": "sqlite:" + self.db, "network": "mainnet",
                "wallets": [{"id": "main", "xpub": XPUB}],
                "providers": [{"id": "sim", "kind": "fullnode", "base_url": sim.url,
                               "max_rps": 1000}],
                "webhooks": [{"id": "hook", "url": url, "secret": SECRET,
                              "events": ["invoice.created"]}],
                "start_block": sim.first_block, "worker_id": name,
            }, f)

    def invoice(self, order_id, skew=0):
        made = run("--json", "invoice", "create", "--order-id", order_id, "--token", "TRX",
                   "--amount", "1", config=self.config, skew=skew)
        assert made.returncode == 0, made.stderr
        events = json.loads(run("--json", "events", "--limit", "1000", config=self.config,
                                skew=skew).stdout)["events"]
        invoice_id = json.loads(made.stdout)["invoice"]["id"]
        return next(e["id"] for e in events
                    if e["type"] == "invoice.created" and e["data"]["invoice"]["id"] == invoice_id)

    def watch(self, skew):
        return run("watch", "--until-idle", "--webhook-timeout-ms", str(WEBHOOK_TIMEOUT_MS),
                   config=self.config, skew=skew)

    def query(self, sql, *params):
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(sql, params).fetchall()

    def deliveries(self, event_id):
        rows = self.query("SELECT attempt, state, next_at_ms, last_status, last_error, "
                          "updated_at_ms FROM deliveries WHERE event_id = ? ORDER BY attempt",
                          event_id)
        keys = ("attempt", "state", "next_at_ms", "last_status", "last_error", "updated_at_ms")
        return [dict(zip(keys, row)) for row in rows]

    def enabled(self):
        return self.query("SELECT enabled FROM webhooks WHERE id = 'hook'")[0][0]

    def health(self, skew):
        return json.loads(run("--json", "health", config=self.config, skew=skew).stdout)


def attempt_lines(stderr):
    return [line.split("webhook hook ", 1)[1] for line in stderr.splitlines()
            if "webhook hook (attempt" in line]


# --- The clock moves: TRONPAY_CLOCK_OFFSET_MS reaches the engine's now_ms (an invoice is
# stamped with it); a malformed offset is a usage error, not the wall clock.
probe = Store("probe", "http://127.0.0.1:9/unused")
made = run("--json", "invoice", "create", "--order-id", "P-1", "--amount", "1",
           config=probe.config, skew=HOUR_MS * 10)
stamped = json.loads(made.stdout)["invoice"]["created_at_ms"] if made.returncode == 0 else 0
ahead = stamped - time.time() * 1000
check(abs(ahead - HOUR_MS * 10) < 60_000, f"TRONPAY_CLOCK_OFFSET_MS=36000000 moves the engine's "
      f"clock: an invoice is stamped {ahead / HOUR_MS:.3f} h ahead")
for bad in ("1h", "99999999999999999999", "0x10"):
    refused_offset = run("health", config=probe.config, offset=bad)
    check(refused_offset.returncode == 64 and "TRONPAY_CLOCK_OFFSET_MS" in refused_offset.stderr,
          f"TRONPAY_CLOCK_OFFSET_MS={bad}: exit 64, naming the variable")


def human(seconds):
    return (f"{seconds // 3600} h" if seconds >= 3600 else
            f"{seconds // 60} min" if seconds >= 60 else f"{seconds} s")


def walk_schedule(name, store, event_id, expect_error, receiver=None):
    """Runs `watch` once per attempt, each time with the clock just past the attempt's due
    time, and checks the whole schedule: attempt k fails and is 'retried', attempt k+1 is due
    exactly SCHEDULE_S[k-1] after the failure was acknowledged, a run 2 s before that time
    sends nothing, and attempt 10 ends 'failed'. Returns the last clock offset and, per
    attempt, how long the tool waited between the receiver getting the POST and the ack."""
    skew = 0
    schedule_ok = logs_ok = early_ok = True
    waits = []
    for attempt in range(1, ATTEMPTS + 1):
        before = len(receiver.requests) if receiver else 0
        watched = store.watch(skew)
        rows = store.deliveries(event_id)
        lines = attempt_lines(watched.stderr)
        this = rows[attempt - 1] if len(rows) >= attempt else {}
        seen = (len(receiver.requests) == before + 1) if receiver else True
        logs_ok &= (watched.returncode == 0 and seen and len(lines) == 1
                    and lines[0].startswith(f"(attempt {attempt}): {event_id} not delivered"))
        if receiver and seen and this:
            waits.append(this["updated_at_ms"] - receiver.requests[-1][2] * 1000 - skew)
        if attempt < ATTEMPTS:
            nxt = rows[attempt] if len(rows) > attempt else {}
            ok = (len(rows) == attempt + 1 and this.get("state") == "retried"
                  and this.get("last_status") == 0 and this.get("last_error") == expect_error
                  and nxt.get("attempt") == attempt + 1 and nxt.get("state") == "pending"
                  and nxt.get("next_at_ms", 0) - this.get("updated_at_ms", 0)
                  == SCHEDULE_S[attempt - 1] * 1000)
            due = nxt.get("next_at_ms", 0)
            if attempt <= 3:
                count = len(receiver.requests) if receiver else 0
                early = store.watch(skew_for(due, margin_ms=-2000))
                early_ok &= (early.returncode == 0 and not attempt_lines(early.stderr)
                             and count == (len(receiver.requests) if receiver else 0)
                             and store.deliveries(event_id) == rows)
            skew = skew_for(due)
        else:
            ok = (len(rows) == ATTEMPTS and this.get("state") == "failed"
                  and this.get("last_status") == 0 and this.get("last_error") == expect_error)
        if not ok:
            print(f"     {name} attempt {attempt}: {rows}")
        schedule_ok &= ok
    check(logs_ok, f"{name}: {ATTEMPTS} watch runs log attempts 1…{ATTEMPTS}, one each, "
          f"not delivered ({expect_error})" + (", each POST reached the receiver" if receiver
                                                else ""))
    check(schedule_ok, f"{name}: attempts 1…{ATTEMPTS - 1} 'retried', each next attempt due "
          f"exactly {', '.join(human(s) for s in SCHEDULE_S)} after the failure's ack; attempt "
          f"{ATTEMPTS} 'failed'")
    check(early_ok, f"{name}: a watch 2 s before attempts 2, 3 and 4 are due sends and "
          "changes nothing")
    return skew, waits


# --- (a) Connection refused: a port bound but not listening (held for the whole walk, so
# nothing else takes it); ten attempts over 75 h, then `failed`.
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
refused = Store("refused", f"http://127.0.0.1:{closed.getsockname()[1]}/hook")
event = refused.invoice("R-1")
health = refused.health(0)
check(health["outbox"] == {"pending": 1, "failed": 0},
      f"refused: one delivery pending before the first watch ({health['outbox']})")
t0 = time.time()
end_skew, _ = walk_schedule("refused", refused, event, "transport error 2")
health = refused.health(end_skew)
check(health["outbox"] == {"pending": 0, "failed": 1},
      f"refused: tronpay health after the walk: pending 0, failed 1 ({health['outbox']}; "
      f"{time.time() - t0:.1f} s, clock {end_skew / HOUR_MS:.1f} h ahead)")
check(sum(SCHEDULE_S) * 1000 < end_skew < (sum(SCHEDULE_S) + 600) * 1000,
      f"refused: the walk covered the schedule's {sum(SCHEDULE_S) / 3600:.1f} h")
late = refused.watch(end_skew + 30 * DAY_MS)
check(late.returncode == 0 and not attempt_lines(late.stderr)
      and len(refused.deliveries(event)) == ATTEMPTS,
      "refused: 30 days later a watch sends nothing more ('failed' is final)")

# A refused connection is reported at once, not held to the delivery's timeout (10 s by
# default): retrying is the outbox schedule's job, and deliveries go out one at a time, so a
# dead receiver must not hold up the others.
prompt = Store("refused-prompt", f"http://127.0.0.1:{closed.getsockname()[1]}/hook")
prompt.invoice("RP-1")
t0 = time.time()
quick = run("watch", "--until-idle", config=prompt.config)
took = time.time() - t0
check(quick.returncode == 0 and "transport error 2" in quick.stderr and took < 3,
      f"refused: reported in {took:.1f} s with the default 10 s webhook timeout")

# A clock 75 h ahead still follows a chain whose blocks carry the real time (75 h old to it):
# an invoice opened now gives the scanner something to watch (the first one has expired), then
# three new blocks.
refused.invoice("R-2", skew=end_skew)
sim.mine(3)
synced = refused.watch(end_skew)
if synced.returncode != 0 or "at head" not in synced.stderr:
    print("     " + "\n     ".join(synced.stderr.strip().splitlines()[-8:]))
health = refused.health(end_skew)
check(synced.returncode == 0 and "at head" in synced.stderr and health["lag_blocks"] == 0
      and health["head"] == sim.head_number,
      f"refused: with the clock {end_skew / HOUR_MS:.1f} h ahead, 3 new real-time blocks are "
      f"synced to the head {sim.head_number} (health: head {health['head']}, lag "
      f"{health['lag_blocks']})")
closed.close()

# --- (b) Timeout: the receiver answers only 3 s after the POST, past --webhook-timeout-ms.
SLOW_S = WEBHOOK_TIMEOUT_MS / 1000 + 3
slow = Receiver([("sleep", SLOW_S)])
timeouts = Store("timeout", slow.url)
event = timeouts.invoice("T-1")
_, waits = walk_schedule("timeout", timeouts, event, "transport error 1", slow)
check(len(waits) == ATTEMPTS and all(WEBHOOK_TIMEOUT_MS - 50 <= w < SLOW_S * 1000 - 500
                                     for w in waits),
      f"timeout: each attempt is acked {WEBHOOK_TIMEOUT_MS} ms after the POST arrived, not "
      f"when the receiver answers ({SLOW_S:.1f} s): {[int(w) for w in waits]} ms")
check(len({h["webhook-id"] for h, _, _ in slow.requests}) == 1
      and all(signature_ok(h, b) for h, b, _ in slow.requests),
      f"timeout: all {len(slow.requests)} attempts signed, under one webhook-id")
slow.stop()

# --- (c) 410 Gone: the webhook is disabled, with its pending deliveries; nothing more is sent
# until `webhook redeliver` enables it again.
gone = Receiver([410, 200])
store = Store("gone", gone.url)
events = [store.invoice(f"G-{k}") for k in range(3)]
watched = store.watch(0)
lines = attempt_lines(watched.stderr)
check(watched.returncode == 0 and lines == [f"(attempt 1): {events[0]} refused (HTTP 410)"],
      f"410: watch sends the first event once and stops ({lines})")
check(len(gone.requests) == 1 and gone.requests[0][0]["webhook-id"] == events[0],
      "410: the receiver got exactly one POST")
first = store.deliveries(events[0])
others = [store.deliveries(e) for e in events[1:]]
check([(r["attempt"], r["state"], r["last_status"], r["last_error"]) for r in first]
      == [(1, "disabled", 410, "HTTP 410: webhook disabled")],
      f"410: the delivery is 'disabled' with HTTP 410, no retry queued ({first})")
check(all([(r["attempt"], r["state"], r["last_status"]) for r in rows]
          == [(1, "disabled", None)] for rows in others),
      f"410: the 2 other pending deliveries are 'disabled', never sent ({others})")
check(store.enabled() == 0, "410: the webhook is disabled in the store")
health = store.health(0)
check(health["outbox"] == {"pending": 0, "failed": 0},
      f"410: health: nothing pending, nothing failed ({health['outbox']})")
later = store.watch(2 * DAY_MS)
new_event = store.invoice("G-3", skew=2 * DAY_MS)
after_new = store.watch(2 * DAY_MS)
check(later.returncode == 0 and after_new.returncode == 0 and len(gone.requests) == 1
      and store.deliveries(new_event) == [],
      "410: two days later nothing is sent, and a new event queues no delivery while disabled")
queued = run("webhook", "redeliver", events[0], config=store.config, skew=2 * DAY_MS)
check(queued.returncode == 0 and store.enabled() == 1,
      f"410: webhook redeliver enables the webhook again ({queued.stdout.strip()})")
watched = store.watch(2 * DAY_MS)
lines = attempt_lines(watched.stderr)
rows = store.deliveries(events[0])
check(lines == [f"(attempt 2): {events[0]} delivered (HTTP 200)"]
      and [(r["attempt"], r["state"], r["last_status"]) for r in rows]
      == [(1, "disabled", 410), (2, "delivered", 200)],
      f"410: the redelivered event is sent as attempt 2 and delivered ({lines})")
check(len(gone.requests) == 2 and gone.requests[1][0]["webhook-id"] == events[0]
      and gone.requests[1][1] == gone.requests[0][1]
      and all(signature_ok(h, b) for h, b, _ in gone.requests),
      "410: the receiver got it under the same webhook-id and body, signed")
check(all([r["state"] for r in store.deliveries(e)] == ["disabled"] for e in events[1:]),
      "410: the deliveries disabled with the webhook stay unsent (redeliver is per event)")
fresh = store.invoice("G-4", skew=2 * DAY_MS)
store.watch(2 * DAY_MS)
check([(r["attempt"], r["state"]) for r in store.deliveries(fresh)] == [(1, "delivered")]
      and gone.requests[-1][0]["webhook-id"] == fresh,
      "410: after redeliver, a new event is delivered again")
gone.stop()

# --- (d) 500, then 200: retried once, delivered on attempt 2 under the same webhook-id.
flaky = Receiver([500, 200])
store = Store("flaky", flaky.url)
event = store.invoice("F-1")
watched = store.watch(0)
rows = store.deliveries(event)
check(attempt_lines(watched.stderr) == [f"(attempt 1): {event} refused (HTTP 500)"]
      and [(r["attempt"], r["state"], r["last_status"], r["last_error"]) for r in rows]
      == [(1, "retried", 500, "HTTP 500"), (2, "pending", None, None)]
      and rows[1]["next_at_ms"] - rows[0]["updated_at_ms"] == 5000,
      f"500: attempt 1 'retried' (HTTP 500), attempt 2 due 5 s after the ack ({rows})")
early = store.watch(skew_for(rows[1]["next_at_ms"], margin_ms=-2000))
check(early.returncode == 0 and len(flaky.requests) == 1 and store.deliveries(event) == rows,
      "500: a watch 2 s before attempt 2 is due sends nothing")
watched = store.watch(skew_for(rows[1]["next_at_ms"]))
rows = store.deliveries(event)
check(attempt_lines(watched.stderr) == [f"(attempt 2): {event} delivered (HTTP 200)"]
      and [(r["attempt"], r["state"], r["last_status"]) for r in rows]
      == [(1, "retried", 500), (2, "delivered", 200)],
      f"500 then 200: delivered on attempt 2 ({[(r['attempt'], r['state']) for r in rows]})")
ids = [h["webhook-id"] for h, _, _ in flaky.requests]
stamps = [int(h["webhook-timestamp"]) for h, _, _ in flaky.requests]
check(ids == [event, event] and flaky.requests[0][1] == flaky.requests[1][1]
      and all(signature_ok(h, b) for h, b, _ in flaky.requests) and stamps[1] - stamps[0] >= 5,
      f"500 then 200: both POSTs carry webhook-id {event}, the same body, valid signatures, "
      f"timestamps {stamps[1] - stamps[0]} s apart")
health = store.health(skew_for(rows[1]["next_at_ms"]))
check(health["outbox"] == {"pending": 0, "failed": 0},
      f"500 then 200: health: outbox empty ({health['outbox']})")
flaky.stop()

sim.stop()
check.exit()
