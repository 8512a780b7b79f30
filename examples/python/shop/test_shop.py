"""End-to-end test of the shop example: the simulated TRON node (Tests/sim/node.py), `tronpay
watch` and app.py run as real processes on 127.0.0.1; orders go in over HTTP, the simulated
chain pays them, and the shop's own database is read to count fulfilments.

    TRONPAY_LIBRARY=…/libtronpay.so.1 TRONPAY_TOOL=…/tronpay python3 -m pytest -q test_shop.py

The tests share one running stack (module fixtures) and build on each other in file order:
the payments of the first round are what the later tests redeliver, forge and replay. Every
wait is bounded; every process is stopped at the end, also when a test fails.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, TypeVar

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
try:
    import tronpay
except ImportError:  # a checkout without the package installed (a wheel run has it)
    sys.path.insert(0, str(ROOT / "bindings" / "python"))
    import tronpay

TOOL = os.environ.get("TRONPAY_TOOL", str(ROOT / "build" / "tronpay"))
SIM = Path(os.environ.get("TRONPAY_SIM_DIR", str(ROOT / "Tests" / "sim"))) / "node.py"
# m/44'/195'/0' of the BIP39 "abandon … about" seed (Tests/vectors/hd.json): watch-only.
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHG"
        "oaQgmv8D45oNUKx6DZMNZBCd")
# A fresh secret each run, handed over in the environment as in production (never printed).
SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()
SOLID_LAG = 2  # blocks between head and solidified: a payment is final 2 blocks later
WAIT = 60.0    # seconds any single wait may take before the test fails

T = TypeVar("T")


def wait_for(what: str, probe: Callable[[], Optional[T]], seconds: float = WAIT) -> T:
    """Polls probe until it returns something true (a non-empty list of rows, a URL); fails
    after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Proc:
    """A child process with its output in a log file; stop() ends it, whatever its state."""

    def __init__(self, name: str, args: List[str], log: Path, env: Dict[str, str]) -> None:
        self.name, self.log = name, log
        with open(log, "ab") as out:  # appended: a restarted app keeps one log
            self.popen = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env,
                                          stdin=subprocess.DEVNULL)

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM) -> Optional[int]:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                return self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
        return self.popen.wait(timeout=15)


def http(method: str, url: str, body: Optional[bytes] = None,
         headers: Optional[Dict[str, str]] = None) -> Tuple[int, str, bytes]:
    """(status, content-type, body) of one request; an HTTP error status is an answer too."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, r.headers.get("content-type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("content-type", ""), e.read()


def call(method: str, url: str, payload: Optional[Any] = None) -> Tuple[int, Any]:
    data = None if payload is None else json.dumps(payload).encode()
    status, _, body = http(method, url, data, {"content-type": "application/json"})
    return status, json.loads(body)


class Stack:
    """The sim node, `tronpay watch` and the app, with the paths and helpers the tests use."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.procs: List[Proc] = []
        self.env = dict(os.environ, TRONPAY_WEBHOOK_SHOP_SECRET=SECRET)
        self.env.pop("TRONPAY_CONFIG", None)
        self.db = tmp / "shop.db"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app: Optional[Proc] = None
        self.watch: Optional[Proc] = None

    def start_sim(self) -> None:
        ready = self.tmp / "sim.url"
        self.procs.append(Proc("sim", [sys.executable, str(SIM), "--port", "0", "--ready-file",
                                       str(ready), "--initial-blocks", "30", "--solid-lag",
                                       str(SOLID_LAG), "--max-lifetime", "900"],
                               self.tmp / "sim.log", self.env))
        self.sim_url = wait_for("the sim node", lambda: ready.exists()
                                and ready.read_text().strip())
        state = self.sim("state")
        self.config = self.tmp / "tronpay.json"
        # The secret stays out of the file: TRONPAY_WEBHOOK_SHOP_SECRET reaches both the tool
        # and the app.
        self.config.write_text(json.dumps({
            "store": "sqlite:" + str(self.tmp / "tronpay.db"),
            "network": "mainnet",
            "wallets": [{"id": "main", "xpub": XPUB}],
            "providers": [{"id": "sim", "kind": "fullnode", "base_url": self.sim_url,
                           "max_rps": 1000}],
            "webhooks": [{"id": "shop", "url": self.url + "/webhooks/tronpay",
                          "scheme": "standard"}],
            "start_block": state["first_block"],
            "worker_id": "shop-test",
        }))

    def sim(self, name: str, payload: Optional[Dict[str, Any]] = None) -> Any:
        status, answer = call("POST" if payload is not None else "GET",
                              f"{self.sim_url}/sim/{name}", payload)
        assert status == 200, answer
        return answer

    def start_app(self) -> None:
        ready = self.tmp / "app.url"
        ready.unlink(missing_ok=True)
        self.app = Proc("app", [sys.executable, str(HERE / "app.py"), "--config",
                                str(self.config), "--db", str(self.db), "--port",
                                str(self.port), "--webhook-id", "shop", "--ready-file",
                                str(ready)], self.tmp / "app.log", self.env)
        self.procs.append(self.app)
        url = wait_for("the app", lambda: (ready.exists() and ready.read_text().strip())
                       or self._fail_if_dead(self.app))
        assert url == self.url

    def start_watch(self) -> None:
        self.watch = Proc("watch", [TOOL, "--config", str(self.config), "watch", "--no-progress"],
                          self.tmp / "watch.log", self.env)
        self.procs.append(self.watch)

    @staticmethod
    def _fail_if_dead(proc: Optional[Proc]) -> None:
        if proc is not None and proc.popen.poll() is not None:
            raise AssertionError(f"{proc.name} exited {proc.popen.returncode}:\n{proc.text()}")

    def tool(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TOOL, "--config", str(self.config), *args], capture_output=True,
                              text=True, env=self.env, timeout=60)

    def order(self, order_id: str) -> Dict[str, Any]:
        status, answer = call("GET", f"{self.url}/orders/{order_id}?format=json")
        assert status == 200, answer
        result: Dict[str, Any] = answer
        return result

    def rows(self, sql: str, *params: Any) -> List[Tuple[Any, ...]]:
        """The shop's own database, read as an auditor would (the app may be running)."""
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(sql, params).fetchall()

    def fulfilments(self, order_id: str) -> int:
        count: int = self.rows("SELECT count(*) FROM fulfilments WHERE order_id = ?",
                               order_id)[0][0]
        return count

    def pay(self, payments: List[Dict[str, Any]], after_ms: int) -> None:
        """One block with the payments, stamped after `after_ms` (the engine refuses a payment
        dated before its invoice), then SOLID_LAG empty ones so that it becomes final."""
        self.sim("clock", {"ms": after_ms})
        self.sim("mine", {"payments": payments, "n": 1 + SOLID_LAG})


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    assert os.access(TOOL, os.X_OK), f"no tronpay tool at {TOOL} (set TRONPAY_TOOL)"
    tmp = Path(tempfile.mkdtemp(prefix="tronpay-shop-"))
    s = Stack(tmp)
    try:
        s.start_sim()
        s.start_app()
        s.start_watch()
        yield s
    finally:
        for proc in reversed(s.procs):
            proc.stop(signal.SIGKILL)
        for proc in s.procs:  # on failure, what each process said is the diagnosis
            if proc.popen.returncode not in (0, -signal.SIGKILL, -signal.SIGTERM):
                print(f"--- {proc.name} log ---\n{proc.text()}")
        # TRONPAY_TEST_KEEP=1 keeps the directory (logs, config, both databases) for a look.
        if os.environ.get("TRONPAY_TEST_KEEP") == "1":
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def new_order(s: Stack, sku: str, amount: str, token: str,
              order_id: Optional[str] = None) -> Dict[str, Any]:
    body: Dict[str, Any] = {"sku": sku, "amount": amount, "token": token}
    if order_id is not None:
        body["order_id"] = order_id
    status, answer = call("POST", f"{s.url}/orders", body)
    assert status == 201, answer
    created: Dict[str, Any] = answer
    return created


@pytest.fixture(scope="module")
def paid(stack: Stack) -> Dict[str, Dict[str, Any]]:
    """Round one: five orders, then one block paying four of them."""
    s = stack
    orders = {"full": new_order(s, "mug", "12.5", "USDT"),
              "over": new_order(s, "cap", "2", "TRX"),
              "short": new_order(s, "shirt", "5", "USDT"),
              "fake": new_order(s, "poster", "3", "USDT"),
              "unpaid": new_order(s, "pen", "1", "USDT")}
    invoices = {k: s.order(o["order_id"])["invoice"] for k, o in orders.items()}
    s.pay([{"kind": "usdt", "to": orders["full"]["address"], "amount": 12_500_000},
           {"kind": "trx", "to": orders["over"]["address"], "amount": 2_500_000},
           {"kind": "usdt", "to": orders["short"]["address"], "amount": 2_000_000},
           # Another contract's Transfer log, for the full amount: worth nothing.
           {"kind": "fake", "to": orders["fake"]["address"], "amount": 3_000_000}],
          after_ms=max(i["created_at_ms"] for i in invoices.values()))
    # All four sit in one block, so once the short payment's final "partial" is delivered, the
    # block was applied and delivered for every order of the round.
    short_id = orders["short"]["order_id"]
    wait_for("invoice.partial delivered for the short order", lambda: s.rows(
        "SELECT 1 FROM webhooks WHERE event_type = 'invoice.partial' AND order_id = ?",
        short_id))
    wait_for("the full and the overpaid orders fulfilled", lambda: all(
        s.order(orders[k]["order_id"])["fulfilled"] for k in ("full", "over")))
    return orders



@pytest.mark.skipif(not os.environ.get("TRONPAY_TEST_INSTALLED"),
                    reason="only when run against an installed package (make test-wheel)")
def test_the_installed_package_is_the_one_under_test() -> None:
    # make test-wheel runs this file in a fresh virtualenv holding the wheel: the shop (which
    # runs under the same interpreter) must use that package and the library inside it.
    assert ROOT not in Path(tronpay.__file__).resolve().parents
    assert Path(tronpay.library_path).parent.name == "_lib"

def test_order_endpoints(stack: Stack) -> None:
    s = stack
    created = new_order(s, "book", "7.50", "USDT", order_id="BOOK-1")
    assert set(created) >= {"order_id", "invoice_id", "address", "amount", "token", "state"}
    assert (created["order_id"], created["amount"], created["token"], created["state"]) == \
        ("BOOK-1", "7.5", "USDT", "new")
    assert created["address"].startswith("T") and created["invoice_id"].startswith("inv_")
    # The same order again (the client retrying after a timeout): the same invoice, 200.
    status, again = call("POST", f"{s.url}/orders",
                         {"sku": "book", "amount": "7.5", "token": "USDT", "order_id": "BOOK-1"})
    assert status == 200 and again["invoice_id"] == created["invoice_id"]
    status, conflict = call("POST", f"{s.url}/orders",
                            {"sku": "book", "amount": "8", "token": "USDT", "order_id": "BOOK-1"})
    assert status == 409, conflict
    for bad in ({"sku": "x", "amount": 7.5, "token": "USDT"},       # a float: refused
                {"sku": "x", "amount": "7.5", "token": "BTC"},
                {"amount": "1", "token": "TRX"}):
        status, answer = call("POST", f"{s.url}/orders", bad)
        assert status == 400, (bad, answer)

    shown = s.order("BOOK-1")
    assert (shown["order_id"], shown["sku"], shown["state"], shown["fulfilled"],
            shown["fulfilled_at"]) == ("BOOK-1", "book", "new", False, None)
    assert shown["invoice"]["id"] == created["invoice_id"]
    assert shown["invoice"]["amount_due"] == "7500000"
    status, ctype, page = http("GET", f"{s.url}/orders/BOOK-1")
    assert status == 200 and ctype.startswith("text/html")
    assert created["address"].encode() in page and b"7.5 USDT" in page
    assert call("GET", f"{s.url}/orders/NOPE?format=json")[0] == 404


def test_full_payment_fulfilled_exactly_once(stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    order = stack.order(paid["full"]["order_id"])
    assert order["state"] == "paid" and order["fulfilled"] and order["fulfilled_at"]
    assert stack.fulfilments(paid["full"]["order_id"]) == 1


def test_overpaid_fulfilled_exactly_once(stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    order = stack.order(paid["over"]["order_id"])
    assert order["state"] == "overpaid" and order["fulfilled"]
    assert stack.fulfilments(paid["over"]["order_id"]) == 1


def test_short_payment_not_fulfilled(stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    order = stack.order(paid["short"]["order_id"])
    assert order["state"] == "partial", order["state"]  # the engine's name for underpaid
    assert order["invoice"]["received_final"] == "2000000"
    assert not order["fulfilled"] and stack.fulfilments(paid["short"]["order_id"]) == 0


def test_fake_token_not_fulfilled(stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    order = stack.order(paid["fake"]["order_id"])
    assert order["state"] == "new" and order["invoice"]["received"] == "0"
    assert not order["fulfilled"] and stack.fulfilments(paid["fake"]["order_id"]) == 0
    assert stack.order(paid["unpaid"]["order_id"])["state"] == "new"
    # The only fulfilments of the round are the two paid orders'.
    assert sorted(r[0] for r in stack.rows("SELECT order_id FROM fulfilments")) == \
        sorted([paid["full"]["order_id"], paid["over"]["order_id"]])


def snapshot(s: Stack) -> Tuple[List[Any], List[Any], List[Any]]:
    return (s.rows("SELECT * FROM webhooks ORDER BY webhook_id"),
            s.rows("SELECT * FROM fulfilments ORDER BY order_id"),
            s.rows("SELECT * FROM orders ORDER BY order_id"))


def forged_paid_event(s: Stack, order_id: str) -> bytes:
    """An invoice.paid event for an order the chain did not pay, shaped like the engine's."""
    invoice = dict(s.order(order_id)["invoice"], state="paid")
    return json.dumps({"seq": 999999, "id": "evt_forged", "type": "invoice.paid",
                       "created_at_ms": int(time.time() * 1000),
                       "data": {"invoice": invoice}}).encode()


def test_forged_deliveries_get_401_and_change_nothing(
        stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    s = stack
    body = forged_paid_event(s, paid["fake"]["order_id"])
    hook = f"{s.url}/webhooks/tronpay"
    other = "whsec_" + base64.b64encode(os.urandom(32)).decode()
    signed = tronpay.webhooks.sign_headers(SECRET, "evt_forged", body)
    stale = tronpay.webhooks.sign_headers(SECRET, "evt_forged", body,
                                          timestamp=int(time.time()) - 3600)
    before = snapshot(s)
    cases = {
        "unsigned": ({"content-type": "application/json"}, body),
        "tampered body": (signed, body.replace(b'"paid"', b'"PAID"')),
        "another secret": (tronpay.webhooks.sign_headers(other, "evt_forged", body), body),
        "an hour old": (stale, body),
        "signature of another id": (dict(signed, **{"webhook-id": "evt_other"}), body),
    }
    for what, (headers, data) in cases.items():
        status, _, answer = http("POST", hook, data, headers)
        assert status == 401, (what, status, answer)
        assert json.loads(answer)["reason"], what  # says why
    assert snapshot(s) == before


def test_signed_event_for_unpaid_invoice_fulfils_nothing(
        stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    """The control for the test above: signed with the real secret the delivery is accepted,
    yet the app reads the invoice live from the engine and ships nothing unpaid."""
    s = stack
    order_id = paid["fake"]["order_id"]
    body = forged_paid_event(s, order_id)
    status, _, answer = http("POST", f"{s.url}/webhooks/tronpay", body,
                             tronpay.webhooks.sign_headers(SECRET, "evt_forged", body))
    assert status == 200, answer
    assert json.loads(answer)["outcome"] == "not fulfilled: invoice is new"
    assert s.fulfilments(order_id) == 0 and not s.order(order_id)["fulfilled"]


def paid_event_id(s: Stack, order_id: str) -> str:
    rows = s.rows("SELECT webhook_id FROM fulfilments WHERE order_id = ?", order_id)
    assert len(rows) == 1, rows
    event_id: str = rows[0][0]
    return event_id


def redeliver_and_wait(s: Stack, event_id: str) -> None:
    """`tronpay webhook redeliver`, then the running watch delivers it: wait for the app to log
    the id as a duplicate."""
    assert s.app is not None
    app = s.app
    seen = app.text().count(f"webhook {event_id} ")
    queued = s.tool("webhook", "redeliver", event_id)
    assert queued.returncode == 0, queued.stderr
    wait_for(f"the redelivery of {event_id}",
             lambda: app.text().count(f"webhook {event_id} ") > seen)
    last = [line for line in app.text().splitlines() if line.startswith(f"webhook {event_id} ")]
    assert last[-1].endswith(": duplicate"), last


def test_redelivery_does_not_fulfil_twice(stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    s = stack
    order_id = paid["full"]["order_id"]
    event_id = paid_event_id(s, order_id)
    redeliver_and_wait(s, event_id)
    assert s.fulfilments(order_id) == 1
    assert s.rows("SELECT count(*) FROM webhooks WHERE webhook_id = ?", event_id)[0][0] == 1


def test_kill9_between_deliveries_still_exactly_once(
        stack: Stack, paid: Dict[str, Dict[str, Any]]) -> None:
    s = stack
    assert s.app is not None and s.watch is not None
    late = new_order(s, "lamp", "1.5", "USDT")
    late_id = late["order_id"]
    wait_for("invoice.created delivered for the new order", lambda: s.rows(
        "SELECT 1 FROM webhooks WHERE event_type = 'invoice.created' AND order_id = ?", late_id))

    # kill -9: no clean-up runs. Then the order is paid while the app is down.
    s.app.stop(signal.SIGKILL)
    watch_seen = len(s.watch.text())
    # The app is down: the engine is asked through the tool.
    got = json.loads(s.tool("--json", "invoice", "get", late_id).stdout)
    s.pay([{"kind": "usdt", "to": late["address"], "amount": 1_500_000}],
          after_ms=got["created_at_ms"])
    watch = s.watch
    failed_line = wait_for("a delivery failing while the app is down", lambda: next(
        (line for line in watch.text()[watch_seen:].splitlines() if "not delivered" in line),
        None))
    failed = re.search(r"(evt_[0-9a-f]+) not delivered", failed_line)
    assert failed, failed_line

    # Restarted on the same database before the engine's first retry (5 s after a failure).
    s.start_app()
    wait_for("the order fulfilled after the restart", lambda: s.order(late_id)["fulfilled"])
    assert s.order(late_id)["state"] == "paid"
    assert s.fulfilments(late_id) == 1
    wait_for("the failed delivery retried and recorded", lambda: s.rows(
        "SELECT 1 FROM webhooks WHERE webhook_id = ?", failed.group(1)))

    # Both paid events again, to the restarted process: its database remembers them.
    for order_id in (paid["full"]["order_id"], late_id):
        redeliver_and_wait(s, paid_event_id(s, order_id))
        assert s.fulfilments(order_id) == 1
    assert s.rows("SELECT count(*) FROM fulfilments")[0][0] == 3


def test_clean_stop(stack: Stack) -> None:
    """SIGTERM: the app and the watch both exit 0."""
    assert stack.app is not None and stack.watch is not None
    assert stack.app.stop() == 0, stack.app.text()
    assert stack.watch.stop() == 0, stack.watch.text()[-2000:]


def test_secret_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """The secret as the tool finds it: the config's entry, replaced by the environment."""
    sys.path.insert(0, str(HERE))
    import app

    config = {"webhooks": [{"id": "my-shop", "url": "http://127.0.0.1:1/", "secret": "whsec_A"}]}
    monkeypatch.delenv("TRONPAY_WEBHOOK_MY_SHOP_SECRET", raising=False)
    assert app.webhook_secret(json.loads(json.dumps(config)), "my-shop")[1] == "whsec_A"
    monkeypatch.setenv("TRONPAY_WEBHOOK_MY_SHOP_SECRET", "whsec_B")
    merged, secret = app.webhook_secret(json.loads(json.dumps(config)), "my-shop")
    assert secret == "whsec_B" and merged["webhooks"][0]["secret"] == "whsec_B"
    with pytest.raises(SystemExit):
        app.webhook_secret(json.loads(json.dumps(config)), "other")
