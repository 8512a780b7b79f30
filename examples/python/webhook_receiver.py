#!/usr/bin/env python3
"""A shop's webhook receiver on libtronpay: Standard Webhooks deliveries of payment events.

The receiver verifies every delivery over the raw body (tronpay.webhooks.verify), dedups on
webhook-id in the same SQLite transaction that records the order's new state, and answers 2xx
only after that transaction committed: a crash before the answer makes the sender retry, and
the retry finds the id and changes nothing. A forged, tampered or replayed delivery gets 400.

To run by itself, it starts the receiver on 127.0.0.1 (an ephemeral port), plays the engine's
part (signs deliveries as the engine's outbox will, tronpay.webhooks.sign_headers), posts them
to itself, prints what happened and exits.
Run from a checkout after `make`: python3 examples/python/webhook_receiver.py
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python"))  # use the checkout's package
import tronpay  # noqa: E402
from tronpay.webhooks import WebhookVerificationError  # noqa: E402

# The endpoint's secret, shared with the engine's config ("webhooks":[{"secret":…}]).
SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()

TXID = "0130dfde3bb1fd2b3e4ae4d7c7a2f1c0d5e6f708192a3b4c5d6e7f8091a2b3c4"

SCHEMA = """
CREATE TABLE orders (id TEXT PRIMARY KEY, state TEXT NOT NULL, paid_txid TEXT);
CREATE TABLE processed_webhooks (webhook_id TEXT PRIMARY KEY, type TEXT NOT NULL);
INSERT INTO orders (id, state) VALUES ('A-1001', 'awaiting_payment');
"""


class Shop:
    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self.db.executescript(SCHEMA)
        self.lock = threading.Lock()

    def handle(self, webhook_id: str, event: dict) -> str:
        """Records the event exactly once; returns what happened. Raises on failure (then the
        transaction is rolled back and the sender retries later)."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                seen = self.db.execute("INSERT INTO processed_webhooks VALUES (?, ?) "
                                       "ON CONFLICT DO NOTHING", (webhook_id, event["type"]))
                if seen.rowcount == 0:
                    self.db.execute("ROLLBACK")
                    return "duplicate, nothing changed"
                invoice = event["data"]["invoice"]
                if event["type"] == "invoice.paid":
                    self.db.execute("UPDATE orders SET state = 'paid', paid_txid = ? WHERE id = ?",
                                    (invoice["credits"][0]["txid"], invoice["order_id"]))
                self.db.execute("COMMIT")  # the work is durable before the 2xx goes out
                return f"order {invoice['order_id']} -> {invoice['state']}"
            except BaseException:
                self.db.execute("ROLLBACK")
                raise


class Receiver(BaseHTTPRequestHandler):
    shop: Shop

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        try:
            tronpay.webhooks.verify(self.headers, body, SECRET)  # raw bytes, before parsing
        except WebhookVerificationError as err:
            return self.answer(400, f"rejected: {err.detail}")
        outcome = self.shop.handle(self.headers["webhook-id"], json.loads(body))
        self.answer(200, outcome)

    def answer(self, status: int, text: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass  # quiet: main() prints each exchange


def post(url: str, headers: dict, body: bytes) -> tuple:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def main() -> int:
    shop = Shop()
    Receiver.shop = shop
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hooks/tronpay"
    print(f"receiver listening on {url}")

    # What the engine's outbox sends for an invoice.paid event (see include/tronpay.h, Webhooks).
    event = {"type": "invoice.paid", "timestamp": "2026-01-27T10:15:00Z",
             "data": {"invoice": {"id": "inv_7f3a", "order_id": "A-1001", "state": "paid",
                                  "token": "USDT", "amount_due": "12500000",
                                  "credits": [{"txid": TXID, "ordinal": 0,
                                               "amount": "12500000", "final": True}]}}}
    body = json.dumps(event, separators=(",", ":")).encode()
    headers = tronpay.webhooks.sign_headers(SECRET, "evt_0001", body)

    results = [
        ("delivery", *post(url, headers, body)),
        ("retry of the same delivery", *post(url, headers, body)),
        ("tampered body", *post(url, headers, body.replace(b"12500000", b"99900000"))),
        ("replay signed in 2021", *post(url, tronpay.webhooks.sign_headers(
            SECRET, "evt_0002", body, timestamp=1614265330), body)),
        ("signed with another secret", *post(url, tronpay.webhooks.sign_headers(
            "whsec_" + base64.b64encode(os.urandom(32)).decode(), "evt_0003", body), body)),
    ]
    server.shutdown()
    for what, status, text in results:
        print(f"  {what:28} -> {status} {text}")
    state = shop.db.execute("SELECT state FROM orders WHERE id = 'A-1001'").fetchone()[0]
    processed = shop.db.execute("SELECT COUNT(*) FROM processed_webhooks").fetchone()[0]
    print(f"order A-1001 is {state}; {processed} webhook id(s) processed")
    expected = [200, 200, 400, 400, 400]
    if [status for _, status, _ in results] != expected or state != "paid" or processed != 1:
        print("unexpected outcome", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
