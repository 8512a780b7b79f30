#!/usr/bin/env python3
"""End-to-end test of the PHP-FPM checkout (examples/php/checkout): the simulated TRON node
(Tests/sim), `tronpay watch --until-idle` on the same config, and Debian's php-fpm8.2 started by
run.sh with the checkout's pool, every request sent over FastCGI by request.sh (cgi-fcgi).

Orders are created through FPM; the sim pays one in full, one with a failed (OUT_OF_ENERGY)
transfer, one with the fake token, sends one payment to an address that is no invoice's, and pays
one late enough that it is not final yet. The customer's claims must come back as the exact
sentences of Answers.php. Python standard library only; 127.0.0.1 and Unix sockets only; every
wait is bounded and every process is stopped at the end, also on failure.

Environment: TRONPAY_TOOL (default <repo>/build/tronpay), TRONPAY_LIBRARY (default
<repo>/build/libtronpay.so.1), TRONPAY_FFI_HEADER, PHP_FPM (passed on to run.sh)."""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "sim"))
from node import SimNode, fake_trc20, usdt  # noqa: E402
from checks import Checks  # noqa: E402

TOOL = os.environ.get("TRONPAY_TOOL") or os.path.join(ROOT, "build", "tronpay")
# m/44'/195'/0' of the BIP39 "abandon … about" seed (Tests/vectors/hd.json).
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHG"
        "oaQgmv8D45oNUKx6DZMNZBCd")
TIMEOUT = 60
check = Checks()
failures = check.failures


class Response:
    def __init__(self, raw):
        head, _, self.body = raw.partition("\n\n")
        self.headers = {}
        for line in head.splitlines():
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()
        self.status = int(self.headers["status"].split()[0])

    def json(self):
        return json.loads(self.body)


def request(sock, method, uri, form=None, as_json=True):
    """One FastCGI request through request.sh (what the demo uses too)."""
    body = urllib.parse.urlencode(form) if form is not None else ""
    args = [os.path.join(HERE, "request.sh"), "-i"] + (["-j"] if as_json else []) + \
        [sock, method, uri] + ([body] if body else [])
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0:
        raise RuntimeError(f"request.sh {method} {uri} exited {done.returncode}: {done.stderr}")
    return Response(done.stdout)


def short(txid):
    return txid[:10] + "…"


def stop_on_signal(signum, _frame):
    # make's `timeout` sends SIGTERM: leave through the finally below, which stops FPM and the sim.
    raise SystemExit(f"stopped by signal {signum}")


signal.signal(signal.SIGTERM, stop_on_signal)
tmp = tempfile.mkdtemp(prefix="tronpay-checkout-test-")
sim = None
fpm = None
daemon_sock = ""
try:
    sim = SimNode(initial_blocks=30, solid_lag=3, max_lifetime=300)
    sim.start()
    config_path = os.path.join(tmp, "tronpay.json")
    with open(config_path, "w") as f:
        json.dump({
            "store": "sqlite:" + os.path.join(tmp, "tronpay.db"),
            "network": "mainnet",
            "wallets": [{"id": "main", "xpub": XPUB}],
            "providers": [{"id": "sim", "kind": "fullnode", "base_url": sim.url}],
            "start_block": sim.first_block,
            "worker_id": "checkout-test",
        }, f)

    def watch():
        done = subprocess.run([TOOL, "--config", config_path, "watch", "--until-idle"],
                              capture_output=True, text=True, timeout=TIMEOUT)
        check(done.returncode == 0, "tronpay watch --until-idle exits 0", done.stderr[-2000:])

    # --- PHP-FPM with the checkout's pool (run.sh in the foreground, stopped by SIGTERM).
    # Its own session, so that a last-resort SIGKILL reaches run.sh, timeout and php-fpm; and a
    # lifetime of its own, should even that be skipped.
    fpm = subprocess.Popen([os.path.join(HERE, "run.sh"), config_path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, start_new_session=True,
                           env=dict(os.environ, CHECKOUT_MAX_LIFETIME="300"))
    ready, _, _ = select.select([fpm.stdout], [], [], 30)
    sock = fpm.stdout.readline().strip() if ready else ""
    if not sock.endswith(".sock"):
        fpm.kill()
        raise RuntimeError("run.sh did not print a socket: " + fpm.stderr.read())
    print(f"     php-fpm listens on {sock}")

    home = request(sock, "GET", "/", as_json=False)
    check(home.status == 200 and 'action="/orders"' in home.body, "GET / shows the order form")

    # --- Orders through FPM.
    orders = {}
    for name in ["paid", "other", "failed", "fake", "elsewhere", "pending"]:
        made = request(sock, "POST", "/orders", {"amount": "1.5", "order_id": "T-" + name})
        check(made.status == 201, f"POST /orders T-{name}: 201", made.body)
        orders[name] = made.json()
    paid = orders["paid"]
    check(paid["state"] == "new" and paid["amount"] == "1.5" and paid["token"] == "USDT"
          and paid["address"].startswith("T"), "the order's invoice: new, 1.5 USDT, an address")
    deadline = time.strftime("%Y-%m-%d %H:%M", time.gmtime(paid["expires_at_ms"] // 1000))
    check(paid["instruction"] == f"Send exactly 1.5 USDT (TRC-20) on TRON mainnet to "
          f"{paid['address']} before {deadline} UTC. Payments in other tokens or on other "
          "networks cannot be credited.", "the payment instruction", paid["instruction"])
    check(len({o["address"] for o in orders.values()}) == len(orders),
          "every order has its own deposit address")
    again = request(sock, "POST", "/orders", {"amount": "1.5", "order_id": "T-paid"})
    check(again.status == 200 and again.json()["address"] == paid["address"]
          and again.json()["created"] is False, "the same order again: 200, the same invoice")
    conflict = request(sock, "POST", "/orders", {"amount": "2", "order_id": "T-paid"})
    check(conflict.status == 409, "the same order id with another amount: 409", conflict.body)
    bad_amount = request(sock, "POST", "/orders", {"amount": "1,5"})
    check(bad_amount.status == 400 and bad_amount.json().get("field") == "amount",
          "a malformed amount: 400 naming the field", bad_amount.body)
    generated = request(sock, "POST", "/orders", {"amount": "0.25"})
    check(generated.status == 201 and generated.json()["order_id"].startswith("A-"),
          "an order without an order id gets one", generated.body)

    # --- The chain: the paying block is stamped after the invoices' creation (the engine
    # refuses a payment from before its invoice).
    sim.set_clock(max(o["created_at_ms"] for o in orders.values()))
    block = sim.mine_block([
        usdt(orders["paid"]["address"], 1_500_000),
        usdt(orders["failed"]["address"], 1_500_000, result="OUT_OF_ENERGY"),
        fake_trc20(orders["fake"]["address"], 1_500_000),
        usdt(sim.payer_address(2), 1_500_000),      # an address no invoice has
    ])
    tx_paid, tx_failed, tx_fake, tx_elsewhere = [t.txid for t in block.txs]
    sim.mine(5)  # solidified lags 3 blocks: the block above is final
    watch()

    def claim(order, txid, as_json=True):
        return request(sock, "POST", f"/orders/{order['order_id']}/claim", {"txid": txid},
                       as_json=as_json)

    def says(order, txid, kind, message, what):
        answer = claim(order, txid)
        got = answer.json() if answer.status == 200 else answer.body
        check(answer.status == 200 and got.get("kind") == kind and got.get("message") == message,
              what, got)
        return got

    says(paid, tx_paid, "credited",
         f"Thank you: transaction {short(tx_paid)} paid 1.5 USDT to order T-paid, and it is "
         "final. The order is now paid.", "claim: credited to this order")
    says(orders["other"], tx_paid, "credited_other_order",
         f"Transaction {short(tx_paid)} was credited to another order, not to order T-other. If "
         "you paid the wrong order, please contact us with both order numbers.",
         "claim: credited to another order (never named)")
    says(orders["fake"], tx_fake, "wrong_token",
         f"Transaction {short(tx_fake)} sent a different token (contract "
         "TVw7y23L8axjWNs6CA8p8QTN7tTTGunvfe), not USDT, so it was not credited. Please pay in "
         "USDT, and contact us about the token you sent.", "claim: paid the wrong token")
    # The failed transfer left no log and the other went to an address nobody watches: the
    # engine has not seen either. The claim schedules a look-up, which `tronpay watch` makes.
    lookup = ("We have not seen transaction {} yet. We are looking it up on the blockchain now; "
              "please check again in a minute.")
    says(orders["failed"], tx_failed, "lookup_scheduled", lookup.format(short(tx_failed)),
         "claim: a failed transfer, not seen yet: lookup scheduled")
    says(orders["elsewhere"], tx_elsewhere, "lookup_scheduled", lookup.format(short(tx_elsewhere)),
         "claim: a payment to another address, not seen yet: lookup scheduled")
    unknown = "c0ffee" + "0" * 58
    got = says(paid, unknown, "lookup_scheduled", lookup.format(short(unknown)),
               "claim: an unknown txid (providers configured): lookup scheduled")
    check(got.get("status") == "lookup_scheduled", "the engine's status is passed on", got)
    upper = claim(paid, "  " + tx_paid.upper() + "\n")
    check(upper.status == 200 and upper.json()["kind"] == "credited",
          "a txid pasted in upper case with whitespace is accepted", upper.body)

    watch()  # fetches the receipts the claims asked about
    says(orders["failed"], tx_failed, "failed",
         f"Transaction {short(tx_failed)} failed on chain (OUT_OF_ENERGY), so no USDT moved and "
         "nothing was credited. Please send the payment again.", "claim: failed on chain")
    says(orders["elsewhere"], tx_elsewhere, "not_our_address",
         f"Transaction {short(tx_elsewhere)} sent the money to {sim.payer_address(2)}, which is "
         "not one of our addresses, so we cannot credit it. Order T-elsewhere's deposit address "
         f"is {orders['elsewhere']['address']}.", "claim: sent to an address that is not ours")
    says(paid, unknown, "lookup_scheduled", lookup.format(short(unknown)),
         "claim: a txid no node knows stays scheduled")

    # --- Not final yet: a payment in the head block (solidified lags 3), then final.
    pending = orders["pending"]
    tx_pending = sim.mine_block([usdt(pending["address"], 1_500_000)]).txs[0].txid
    watch()
    says(pending, tx_pending, "not_final",
         f"Transaction {short(tx_pending)} is on chain for order T-pending but not final yet. "
         "This takes about a minute; please check again shortly.", "claim: not final yet")
    shown = request(sock, "GET", "/orders/T-pending")
    check(shown.status == 200 and shown.json()["state"] == "detected" and shown.json()["state_text"]
          == "We see your payment on chain; it is not final yet.", "order page: detected",
          shown.body)
    sim.mine(4)
    watch()
    says(pending, tx_pending, "credited",
         f"Thank you: transaction {short(tx_pending)} paid 1.5 USDT to order T-pending, and it "
         "is final. The order is now paid.", "claim: the same payment once final")

    # --- Order pages.
    shown = request(sock, "GET", "/orders/T-paid")
    view = shown.json() if shown.status == 200 else {}
    check(view.get("state") == "paid" and view.get("state_text") == "Paid. Thank you!"
          and [p["txid"] for p in view.get("payments", [])] == [tx_paid],
          "GET /orders/T-paid: paid, with its payment", shown.body)
    shown = request(sock, "GET", "/orders/T-failed")
    check(shown.status == 200 and shown.json()["state"] == "new", "the failed payment paid nothing")
    routed = request(sock, "GET", "/?route=/orders/T-paid&format=json", as_json=False)
    check(routed.status == 200 and routed.json()["state"] == "paid",
          "?route= and format=json work without PATH_INFO or Accept", routed.body)
    page = request(sock, "GET", "/orders/T-paid", as_json=False)
    check(page.status == 200 and "text/html" in page.headers.get("content-type", "")
          and "<p>Paid. Thank you!</p>" in page.body, "the order page in HTML")
    missing = request(sock, "GET", "/orders/T-nope")
    check(missing.status == 404, "an unknown order: 404", missing.body)
    wrong = request(sock, "GET", "/orders/T-paid/claim")
    check(wrong.status == 405 and wrong.headers.get("allow") == "POST", "GET on a claim: 405, Allow: POST")

    # --- Bad input: named, 400, and never echoed unescaped.
    bad = claim(paid, "12345")
    check(bad.status == 400 and bad.json() == {
        "error": 'txid must be 64 hexadecimal digits (0-9, a-f); you sent "12345"', "field": "txid"},
        "claim: a malformed txid is 400 naming the field", bad.body)
    xss = '<script>alert("x")</script>' + "a" * 40
    page = claim(paid, xss, as_json=False)
    check(page.status == 400 and "<script>" not in page.body
          and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.body,
          "claim: an XSS attempt comes back escaped in HTML", page.body)
    answer = claim(paid, xss)
    check(answer.status == 400 and "<" not in answer.body and answer.json()["field"] == "txid"
          and xss in answer.json()["error"], "claim: and as \\u003C escapes in JSON", answer.body)
    page = claim(paid, tx_paid, as_json=False)
    check(page.status == 200 and "paid 1.5 USDT to order T-paid" in page.body
          and "default-src 'none'" in page.headers.get("content-security-policy", ""),
          "the claim page in HTML, under a no-script policy")

    # --- The demo's way: run.sh --daemon prints the socket and returns; --stop ends it.
    started_daemon = subprocess.run([os.path.join(HERE, "run.sh"), "--daemon", config_path],
                                    capture_output=True, text=True, timeout=TIMEOUT,
                                    env=dict(os.environ, CHECKOUT_MAX_LIFETIME="300"))
    daemon_sock = started_daemon.stdout.strip()
    check(started_daemon.returncode == 0 and daemon_sock.endswith(".sock"),
          "run.sh --daemon prints a socket path", started_daemon.stderr)
    shown = request(daemon_sock, "GET", "/orders/T-paid")
    check(shown.status == 200 and shown.json()["state"] == "paid",
          "a second FPM on the same store sees the same order")
    stopped = subprocess.run([os.path.join(HERE, "run.sh"), "--stop", daemon_sock],
                             capture_output=True, text=True, timeout=TIMEOUT)
    check(stopped.returncode == 0 and not os.path.exists(os.path.dirname(daemon_sock)),
          "run.sh --stop ends it and removes its directory", stopped.stderr)
    daemon_sock = ""

    # --- Stop: SIGTERM to run.sh stops FPM and removes its directory.
    fpm.send_signal(signal.SIGTERM)
    code = fpm.wait(timeout=20)
    check(code == 0 and not os.path.exists(os.path.dirname(sock)),
          f"run.sh stops on SIGTERM and removes {os.path.dirname(sock)} (exit {code})")
except Exception as e:  # noqa: BLE001 — reported as a failure; the finally still cleans up
    failures.append(f"{type(e).__name__}: {e}")
    print(f"FAIL {type(e).__name__}: {e}")
finally:
    if fpm is not None and fpm.poll() is None:
        fpm.send_signal(signal.SIGTERM)
        try:
            fpm.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(fpm.pid, signal.SIGKILL)
            fpm.wait(timeout=5)
    if fpm is not None and fpm.poll() is not None and fpm.returncode != 0:
        print("     run.sh stderr:\n" + fpm.stderr.read())
    if daemon_sock:
        subprocess.run([os.path.join(HERE, "run.sh"), "--stop", daemon_sock], timeout=TIMEOUT)
    if sim is not None:
        sim.stop()
    shutil.rmtree(tmp, ignore_errors=True)

check.exit("checkout")
