#!/usr/bin/env python3
"""A shop backend on libtronpay's engine: orders, a payment page, and a webhook that fulfils
each paid order exactly once.

    python3 app.py --config tronpay.json --db shop.db --port 8080 [--webhook-id shop]
                   [--ready-file FILE]

The engine (tronpay.Engine) keeps invoices, deposit addresses and payments in its own store,
named by the same config file `tronpay watch` runs on; `tronpay watch` follows the chain and
POSTs signed events to /webhooks/tronpay. This app never talks to the chain. Its own SQLite
database holds what only the shop knows: orders (sku, price) and their fulfilment.

Endpoints (JSON in and out; 127.0.0.1 only):
  POST /orders                 {"sku", "amount": "12.5", "token": "USDT"|"TRX", "order_id"?}
                               → 201 (200 when that order_id already exists with these terms)
                               {"order_id", "invoice_id", "address", "amount", "token", "state",
                                "expires_at_ms"}
  GET  /orders/<order_id>      an HTML payment page; ?format=json → {"order_id", "sku", "state",
                               "fulfilled", "fulfilled_at", "invoice"} (state: the engine's, live)
  POST /webhooks/tronpay       Standard Webhooks delivery from `tronpay watch`: 401 unless
                               authentic and fresh; 200 once recorded (a redelivery: 200, no-op)
"""

from __future__ import annotations

import argparse
import decimal
import json
import os
import re
import secrets
import signal
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple, cast

try:
    import tronpay
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bindings" / "python"))
    import tronpay
from tronpay import errors
from tronpay.engine import Invoice
from tronpay.webhooks import WebhookVerificationError

from flask import Flask, Response, jsonify, render_template_string, request
from werkzeug.serving import make_server

# Events after which the goods ship. paid and overpaid are the chain's verdicts; marked_paid is
# the merchant's own manual decision (audited in the engine); paid_late is money received in
# full after the invoice expired, which this shop honours (another shop may refund instead).
PAID_LIKE = {"invoice.paid", "invoice.overpaid", "invoice.paid_late", "invoice.marked_paid"}
PAID_STATES = {"paid", "overpaid", "paid_late", "marked_paid"}
TOKENS = {"USDT", "TRX"}
# USDT and TRX both have 6 decimals; 18 digits in all stay exact in Decimal's 28.
AMOUNT = re.compile(r"^[0-9]{1,12}(\.[0-9]{1,6})?$")
ORDER_ID = re.compile(r"^[\x21-\x7e]{1,128}$")  # the engine's rule: 1-128 printable ASCII

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    order_id        TEXT PRIMARY KEY,
    sku             TEXT NOT NULL,
    amount          TEXT NOT NULL,          -- normalised decimal text, e.g. "12.5"
    token           TEXT NOT NULL,
    invoice_id      TEXT UNIQUE,            -- NULL until the engine's invoice exists
    created_at_ms   INTEGER NOT NULL,
    fulfilled_at_ms INTEGER
);
-- One row per fulfilment; the PRIMARY KEY makes a second one for an order impossible, whatever
-- the code does.
CREATE TABLE IF NOT EXISTS fulfilments (
    order_id    TEXT PRIMARY KEY REFERENCES orders(order_id),
    webhook_id  TEXT NOT NULL,
    event_type  TEXT NOT NULL,
    at_ms       INTEGER NOT NULL
);
-- Every authentic delivery processed, by its webhook-id (the engine's event id, the same on a
-- redelivery): the second arrival of an id finds it and changes nothing.
CREATE TABLE IF NOT EXISTS webhooks (
    webhook_id      TEXT PRIMARY KEY,
    event_type      TEXT NOT NULL,
    order_id        TEXT,
    outcome         TEXT NOT NULL,
    received_at_ms  INTEGER NOT NULL
);
"""

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Order {{ order.order_id }}</title>
{% if not order.fulfilled %}<meta http-equiv="refresh" content="5">{% endif %}
<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}code{font-size:1.1em}</style>
</head><body>
<h1>Order {{ order.order_id }}</h1>
<p>Item: {{ order.sku }}</p>
{% if invoice %}
<p>Send exactly <b>{{ invoice.amount_due_text }} {{ invoice.token }}</b> (TRON network) to<br>
<code>{{ invoice.address }}</code></p>
<p>Payment: <b>{{ order.state }}</b>{% if invoice.received != "0" %}
 (received {{ received }} {{ invoice.token }}){% endif %}</p>
{% else %}<p>The invoice is not created yet: retry the order.</p>{% endif %}
<p>{% if order.fulfilled %}Paid, your order ships.{% else %}Waiting for payment; this page
refreshes itself.{% endif %}</p>
</body></html>
"""


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def log(line: str) -> None:
    # One line per decision, flushed at once: a supervisor (and the test) reads it live.
    print(line, flush=True)


class Shop:
    """The shop's own database and the engine handle. One Engine serves every thread (the
    library serialises calls); SQLite gets a connection per request, as connections must not
    cross threads."""

    def __init__(self, engine: tronpay.Engine, db_path: str, secret: str) -> None:
        self.engine = engine
        self.db_path = db_path
        self.secret = secret
        with self.connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: transactions are opened explicitly (BEGIN IMMEDIATE takes the
        # write lock up front, so two deliveries of one id serialise instead of both reading
        # "not seen yet"). synchronous=FULL: a commit is on disk before the 200 goes out.
        db = sqlite3.connect(self.db_path, timeout=10, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    # ---- orders --------------------------------------------------------------------------

    def create_order(self, body: Any) -> Tuple[int, Dict[str, Any]]:
        if not isinstance(body, dict):
            return 400, {"error": "the body must be a JSON object"}
        sku, amount, token = body.get("sku"), body.get("amount"), body.get("token", "USDT")
        order_id = body.get("order_id")
        if not isinstance(sku, str) or not 0 < len(sku) <= 200:
            return 400, {"error": "sku must be a non-empty string"}
        # Amounts are decimal text, never a JSON float (0.1 + 0.2 is not money).
        if not isinstance(amount, str) or not AMOUNT.match(amount):
            return 400, {"error": 'amount must be decimal text such as "12.5"'}
        if token not in TOKENS:
            return 400, {"error": "token must be USDT or TRX"}
        if order_id is None:
            order_id = "ord_" + secrets.token_hex(8)
        elif not isinstance(order_id, str) or not ORDER_ID.match(order_id):
            return 400, {"error": "order_id must be 1-128 printable ASCII characters"}
        amount = format(decimal.Decimal(amount).normalize(), "f")  # "12.50" and "12.5" agree

        # The order row first, then the invoice: if the process dies in between, the client's
        # retry with the same order_id finds the row and the engine's create (idempotent by
        # order_id) completes it; a webhook can never name an order the shop does not have.
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT sku, amount, token FROM orders WHERE order_id = ?",
                             (order_id,)).fetchone()
            if row is None:
                db.execute("INSERT INTO orders (order_id, sku, amount, token, created_at_ms) "
                           "VALUES (?, ?, ?, ?, ?)", (order_id, sku, amount, token, now_ms()))
            db.execute("COMMIT")
        if row is not None and (row["sku"], row["amount"], row["token"]) != (sku, amount, token):
            return 409, {"error": f"order {order_id} exists with other terms"}

        result = self.engine.invoice_create({"order_id": order_id, "token": token,
                                             "amount": amount, "metadata": {"sku": sku}})
        invoice = result["invoice"]
        with self.connect() as db:
            db.execute("UPDATE orders SET invoice_id = ? WHERE order_id = ?",
                       (invoice["id"], order_id))
        return (201 if row is None else 200), {
            "order_id": order_id, "invoice_id": invoice["id"], "address": invoice["address"],
            "amount": invoice["amount_due_text"], "token": invoice["token"],
            "state": invoice["state"], "expires_at_ms": invoice["expires_at_ms"]}

    def order(self, order_id: str) -> Optional[Dict[str, Any]]:
        with self.connect() as db:
            row = db.execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        if row is None:
            return None
        invoice: Optional[Invoice] = None
        if row["invoice_id"] is not None:
            invoice = self.engine.invoice_get(row["invoice_id"])  # read live, as of now
        return {"order_id": row["order_id"], "sku": row["sku"],
                "state": invoice["state"] if invoice else "no_invoice",
                "fulfilled": row["fulfilled_at_ms"] is not None,
                "fulfilled_at": row["fulfilled_at_ms"], "invoice": invoice}

    # ---- webhooks ------------------------------------------------------------------------

    def handle_event(self, webhook_id: str, event: Dict[str, Any]) -> Tuple[str, Optional[str]]:
        """Records one authentic event exactly once; returns (outcome, order_id). Raises on
        failure: the transaction rolls back, the answer is 5xx and the engine retries."""
        event_type = str(event.get("type", ""))
        data = event.get("data")
        event_invoice = data.get("invoice") if isinstance(data, dict) else None
        live: Optional[Invoice] = None
        if event_type in PAID_LIKE and isinstance(event_invoice, dict):
            # The event is a snapshot; the engine's store is the truth. Reading the invoice
            # live (before our transaction: it is another database) means a delivery, however
            # signed, fulfils only an invoice the engine holds as paid now.
            live = self.engine.invoice_get(str(event_invoice.get("id", "")))
        order_id = (live or event_invoice or {}).get("order_id")

        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                seen = db.execute(
                    "INSERT INTO webhooks (webhook_id, event_type, order_id, outcome, "
                    "received_at_ms) VALUES (?, ?, ?, 'processing', ?) ON CONFLICT DO NOTHING",
                    (webhook_id, event_type, order_id, now_ms()))
                if seen.rowcount == 0:
                    db.execute("ROLLBACK")
                    return "duplicate", order_id
                outcome = self._decide(db, webhook_id, event_type, live, order_id)
                db.execute("UPDATE webhooks SET outcome = ? WHERE webhook_id = ?",
                           (outcome, webhook_id))
                db.execute("COMMIT")  # durable before the 200: a crash now means a retry
                return outcome, order_id
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    @staticmethod
    def _decide(db: sqlite3.Connection, webhook_id: str, event_type: str,
                live: Optional[Invoice], order_id: Optional[str]) -> str:
        if event_type not in PAID_LIKE:
            return "recorded"
        if live is None or order_id is None:
            return "recorded (no invoice in the event)"
        if live["state"] not in PAID_STATES:
            return f"not fulfilled: invoice is {live['state']}"
        known = db.execute("SELECT 1 FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        if known is None:
            return "not fulfilled: not a shop order"  # an invoice made elsewhere (the CLI)
        at = now_ms()
        # paid then overpaid are two events with two ids: the order still ships once.
        inserted = db.execute(
            "INSERT INTO fulfilments (order_id, webhook_id, event_type, at_ms) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", (order_id, webhook_id, event_type, at))
        if inserted.rowcount == 0:
            return "already fulfilled"
        db.execute("UPDATE orders SET fulfilled_at_ms = ? WHERE order_id = ?", (at, order_id))
        return "fulfilled"


def engine_error(err: tronpay.TronPayError) -> Tuple[Response, int]:
    """The engine's status as an HTTP answer. E_BUSY is worth a retry; the detail never holds
    secrets (the library's rule), so it is safe to show. Never 410: to the engine's outbox it
    means "disable this webhook"; any other non-2xx makes it retry the delivery."""
    status = {errors.E_NOT_FOUND: 404, errors.E_CONFLICT: 409, errors.E_JSON: 400,
              errors.E_ARG: 400, errors.E_AMOUNT: 400, errors.E_BUSY: 503}.get(err.status, 500)
    response = jsonify({"error": err.name, "detail": err.detail})
    if status == 503:
        response.headers["Retry-After"] = "1"
    return response, status


def create_app(shop: Shop) -> Flask:
    app = Flask(__name__)

    @app.errorhandler(tronpay.TronPayError)
    def _engine_error(err: tronpay.TronPayError) -> Tuple[Response, int]:
        return engine_error(err)

    @app.post("/orders")
    def post_order() -> Tuple[Response, int]:
        status, answer = shop.create_order(request.get_json(force=True, silent=True))
        return jsonify(answer), status

    @app.get("/orders/<order_id>")
    def get_order(order_id: str) -> Any:
        order = shop.order(order_id)
        wants_json = request.args.get("format") == "json"
        if order is None:
            if wants_json:
                return jsonify({"error": f"no order {order_id}"}), 404
            return Response("no such order\n", status=404, mimetype="text/plain")
        if wants_json:
            return jsonify(order)
        invoice = order["invoice"]
        received = (tronpay.from_base_units(int(invoice["received"]), invoice["decimals"])
                    if invoice else "0")
        return render_template_string(PAGE, order=order, invoice=invoice, received=received)

    @app.post("/webhooks/tronpay")
    def webhook() -> Tuple[Response, int]:
        body = request.get_data(cache=False)  # the raw bytes: the signature covers them
        try:
            # werkzeug's Headers is no typing.Mapping, but has the items() verify reads, with
            # every repeated header kept (a repeated webhook-* header is refused).
            tronpay.webhooks.verify(cast(Mapping[str, Any], request.headers), body,
                                    shop.secret)
        except WebhookVerificationError as err:
            log(f"webhook refused: {err.detail}")
            return jsonify({"error": "signature", "reason": err.detail}), 401
        try:
            event = json.loads(body)
        except ValueError:
            return jsonify({"error": "the body is not JSON"}), 400
        if not isinstance(event, dict):
            return jsonify({"error": "the body is not a JSON object"}), 400
        webhook_id = request.headers["webhook-id"]  # signed: part of what verify checked
        outcome, order_id = shop.handle_event(webhook_id, event)
        log(f"webhook {webhook_id} {event.get('type')} order {order_id}: {outcome}")
        return jsonify({"ok": True, "outcome": outcome}), 200

    return app


def webhook_secret(config: Dict[str, Any], webhook_id: str) -> Tuple[Dict[str, Any], str]:
    """The webhook's secret as `tronpay` finds it: TRONPAY_WEBHOOK_<ID>_SECRET (the id
    upper-cased, anything but letters and digits as "_") replaces the config's. Returns the
    config with it merged (the engine opens the same config the tool does) and the secret."""
    name = "TRONPAY_WEBHOOK_" + "".join(c if c.isalnum() else "_"
                                        for c in webhook_id.upper()) + "_SECRET"
    hooks = config.get("webhooks") or []
    entry = next((h for h in hooks if isinstance(h, dict) and h.get("id") == webhook_id), None)
    if entry is None:
        raise SystemExit(f"app.py: the config has no webhook with id {webhook_id!r}")
    if entry.get("scheme", "standard") != "standard":
        raise SystemExit(f"app.py: webhook {webhook_id!r} must use the standard scheme")
    from_env = os.environ.get(name, "")
    if from_env:
        entry["secret"] = from_env
    secret = entry.get("secret")
    if not isinstance(secret, str) or not secret:
        raise SystemExit(f"app.py: no secret for webhook {webhook_id!r} (config or ${name})")
    return config, secret


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="A shop backend on libtronpay's engine.")
    parser.add_argument("--config", required=True, help="the tronpay config (JSON) `tronpay "
                        "watch` runs on")
    parser.add_argument("--db", required=True, help="the shop's own SQLite database")
    parser.add_argument("--port", type=int, required=True, help="0 picks a free port")
    parser.add_argument("--webhook-id", default="shop", help="the config's webhook entry whose "
                        "deliveries this app receives (default: shop)")
    parser.add_argument("--ready-file", help="written with the URL once listening")
    args = parser.parse_args(argv)

    with open(args.config, encoding="utf-8") as f:
        config, secret = webhook_secret(json.load(f), args.webhook_id)
    engine = tronpay.Engine(config)
    try:
        shop = Shop(engine, args.db, secret)
        # werkzeug's server directly (Flask's app.run has no hook after bind): the URL is
        # printed only once the socket listens, so a supervisor can wait for it.
        server = make_server("127.0.0.1", args.port, create_app(shop), threaded=True)
        url = f"http://127.0.0.1:{server.server_port}"

        def stop(signum: int, frame: Optional[FrameType]) -> None:
            raise KeyboardInterrupt  # leaves serve_forever in the main thread

        signal.signal(signal.SIGTERM, stop)
        log(f"shop listening on {url}")
        if args.ready_file:
            tmp = args.ready_file + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(url + "\n")
            os.replace(tmp, args.ready_file)  # atomic: a reader never sees half a URL
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            log("shop stopping")
        finally:
            server.server_close()
    finally:
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
