#!/usr/bin/env python3
"""`make demo`, second part: a shop taking USDT, end to end, on 127.0.0.1 only.

Starts the simulated TRON node (Tests/sim), `tronpay watch`, the Flask shop
(examples/python/shop), the Node service (examples/node), the C game server (examples/c) and
the PHP-FPM checkout (examples/php/checkout); creates orders in each; lets the simulated chain
pay them (in full, short, late, with a fake token, across a reorg); waits for the watcher to
credit each payment once it is final and deliver the signed webhooks; asks the dispute desk
about two txids; builds a refund; prints what each side saw, and stops everything it started.

Usage: demo.py TOOL LIBRARY   (paths of build/tronpay and build/libtronpay.so.1)
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "sim"))
sys.path.insert(0, str(ROOT / "bindings" / "python"))
from checks import free_port  # noqa: E402
from node import SimNode, fake_trc20, usdt  # noqa: E402

TOOL = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(ROOT / "build" / "tronpay")
LIBRARY = str(Path(sys.argv[2]).resolve()) if len(sys.argv) > 2 else \
    str(ROOT / "build" / "libtronpay.so.1")
os.environ["TRONPAY_LIBRARY"] = LIBRARY
import tronpay  # noqa: E402

BUILD = ROOT / "build"
VENV_PYTHON = BUILD / "venv" / "bin" / "python3"
GAME_SERVER = BUILD / "examples" / "game_server"
# Account m/44'/195'/0' of the public test wallet "abandon … about" (Tests/vectors/hd.json):
# watch-only, as a shop server should be; the seed never leaves the merchant's offline machine.
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJok"
        "ZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd")
SOLID_LAG = 3
DEADLINE_S = 90


def say(who: str, text: str) -> None:
    print(f"{who:<15} {text}", flush=True)


def short(value: str, keep: int = 8) -> str:
    return value if len(value) <= 2 * keep + 1 else f"{value[:keep]}…{value[-4:]}"


class Processes:
    """Everything this run started, stopped in reverse order whatever happens."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.started: List[tuple] = []

    def start(self, name: str, command: List[str], env: Optional[Dict[str, str]] = None
              ) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "w")
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, **(env or {})), cwd=str(ROOT),
                                start_new_session=True)
        self.started.append((name, proc, log))
        return proc

    def stop_all(self) -> None:
        for name, proc, log in reversed(self.started):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=5)
            log.close()

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def wait_until(what: str, condition: Callable[[], Any], seconds: float = 30.0,
               procs: Optional[Processes] = None) -> Any:
    end = time.time() + seconds
    while time.time() < end:
        value = condition()
        if value:
            return value
        if procs is not None:
            for name, proc, _ in procs.started:
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited ({proc.returncode}) while waiting for "
                                       f"{what}:\n{procs.log(name)[-2000:]}")
        time.sleep(0.1)
    raise RuntimeError(f"timed out after {seconds:.0f} s waiting for {what}")


def read_ready(path: Path) -> Optional[str]:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return text or None


def http_json(method: str, url: str, body: Optional[dict] = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json",
                                              "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def tool(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TOOL, "--config", str(config), *args], capture_output=True,
                          text=True, timeout=30)


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="tronpay-demo-"))
    procs = Processes(workdir)
    sim = SimNode(initial_blocks=40, solid_lag=SOLID_LAG, max_lifetime=300)
    try:
        return run(workdir, procs, sim)
    finally:
        procs.stop_all()
        sim.stop()
        if os.environ.get("TRONPAY_DEMO_KEEP"):
            print(f"(logs kept in {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(workdir: Path, procs: Processes, sim: SimNode) -> int:
    started = time.time()
    sim.start()
    ports = {name: free_port() for name in ("shop", "node")}
    config_path = workdir / "tronpay.json"
    config = {
        "store": "sqlite:" + str(workdir / "tronpay.db"),
        "network": "mainnet",
        "wallets": [{"id": "main", "xpub": XPUB}],
        "providers": [{"id": "sim", "kind": "fullnode", "base_url": sim.url, "max_rps": 1000}],
        "webhooks": [
            {"id": "shop", "url": f"http://127.0.0.1:{ports['shop']}/webhooks/tronpay",
             "secret": new_secret(), "scheme": "standard", "events": ["invoice.*"]},
            {"id": "game", "url": f"http://127.0.0.1:{ports['node']}/webhooks/tronpay",
             "secret": new_secret(), "scheme": "standard", "events": ["invoice.*"]},
        ],
        "start_block": sim.first_block,
        "worker_id": "demo-watch",
    }
    config_path.write_text(json.dumps(config))
    os.chmod(config_path, 0o600)
    engine = tronpay.Engine(config_path.read_text())

    print("\n=== The engine: a shop taking USDT on a simulated TRON node (127.0.0.1 only)")
    say("sim node", f"{sim.url}, head {sim.head_number}, solidified {sim.solid_number} "
        f"(solidified = head − {SOLID_LAG})")

    procs.start("watch", [TOOL, "--config", str(config_path), "watch"])
    shop_ready = workdir / "shop.url"
    procs.start("shop", [str(VENV_PYTHON), "examples/python/shop/app.py", "--config",
                         str(config_path), "--db", str(workdir / "shop.db"), "--port",
                         str(ports["shop"]), "--webhook-id", "shop", "--ready-file",
                         str(shop_ready)])
    node_ready = workdir / "node.url"
    procs.start("node", ["node", "examples/node/service.js", "--config", str(config_path),
                         "--port", str(ports["node"]), "--state", str(workdir / "node.json"),
                         "--webhook-id", "game", "--ready-file", str(node_ready)])
    game_db = workdir / "game.db"
    procs.start("game", [str(GAME_SERVER), "--config", str(config_path), "--db", str(game_db),
                         "serve", "--poll-ms", "200"])
    php_socket = start_php(procs, workdir, config_path)
    shop_url = wait_until("the shop", lambda: read_ready(shop_ready), 30, procs)
    node_url = wait_until("the Node service", lambda: read_ready(node_ready), 30, procs)
    say("servers", "tronpay watch, shop (Flask), game (C and Node), checkout (PHP-FPM) up")

    # --- Orders, each with its own deposit address.
    shop = {}
    for key, sku, amount in (("full", "t-shirt", "12.5"), ("short", "hoodie", "20"),
                             ("reorg", "cap", "7")):
        shop[key] = http_json("POST", f"{shop_url}/orders", {
            "order_id": f"shop-{sku}", "sku": sku, "amount": amount, "token": "USDT"})
    checkout = php(php_socket, "POST", "/orders", "amount=5")
    late_made = tool(config_path, "--json", "invoice", "create", "--order-id", "phone-late",
                     "--amount", "3", "--expiry-ms", "2000")
    if late_made.returncode != 0:
        raise RuntimeError(f"tronpay invoice create: {late_made.stderr.strip()}")
    late = json.loads(late_made.stdout)["invoice"]
    bought = subprocess.run([str(GAME_SERVER), "--config", str(config_path), "--db",
                             str(game_db), "buy", "alice", "sword", "9"], capture_output=True,
                            text=True, timeout=30)
    if bought.returncode != 0:
        raise RuntimeError(f"game_server buy: {bought.stderr.strip()}")
    alice = invoice_for_player(engine, "alice")
    bob_purchase = http_json("POST", f"{node_url}/purchases",
                             {"player": "bob", "item": "shield", "amount": "4"})
    bob = invoice_for_player(engine, "bob")
    addresses = {o["address"] for o in (*shop.values(), checkout, late, alice, bob)}
    say("orders", "shop: t-shirt 12.5, hoodie 20, cap 7 USDT; checkout (PHP) 5; sword 9 (C game), "
        "shield 4 (Node game);")
    say("", f"phone 3 (tronpay CLI, expires in 2 s): {len(addresses)} invoices, "
        f"{len(addresses)} deposit addresses (m/44'/195'/0'/0/i, watch-only)")
    del bob_purchase

    # With invoices to watch, the watcher scans from start_block to the head.
    wait_until("watch at the head", lambda: at_head(engine, sim), 60, procs)
    say("tronpay watch", f"caught up {sim.head_number - sim.first_block + 1} blocks")

    # --- The chain pays. Blocks are stamped after every invoice's creation and after the late
    # one's expiry (the engine judges time by the block, not by when it sees it).
    time.sleep(2.5)
    sim.set_clock(max(int(i["created_at_ms"]) for i in (late, alice, bob)) + 3000)
    for o in shop.values():
        o["invoice"] = engine.invoice_get(o["invoice_id"])
    paying = sim.mine_block([
        usdt(shop["full"]["address"], 12_500_000),
        usdt(shop["short"]["address"], 15_000_000),
        fake_trc20(checkout["address"], 5_000_000),
        usdt(checkout["address"], 5_000_000, result="OUT_OF_ENERGY"),
        usdt(late["address"], 3_000_000),
        usdt(alice["address"], 9_000_000),
        usdt(bob["address"], 4_000_000),
    ])
    txids = {k: tx.txid for k, tx in zip(("full", "short", "fake", "failed", "late", "alice",
                                          "bob"), paying.txs)}
    say("chain", f"block {paying.number} pays the t-shirt in full, the hoodie 15 of 20, the "
        "checkout with a fake USDT")
    say("", "and with a failed transfer (OUT_OF_ENERGY), the phone after its expiry, the sword "
        "and the shield")
    reorg_block = sim.mine_block([usdt(shop["reorg"]["address"], 7_000_000)])
    reorg_txid = reorg_block.txs[0].txid
    wait_until("the cap's payment seen", lambda: engine.invoice_get(
        shop["reorg"]["invoice_id"])["state"] == "detected", 30, procs)
    sim.reorg(1, length=2, reinclude=[reorg_txid])
    say("chain", f"block {reorg_block.number} pays the cap; seen, not final, it is orphaned "
        "by a reorg and re-included by the new branch")
    for _ in range(SOLID_LAG + 2):
        time.sleep(0.4)
        sim.mine(1)

    # --- Everything final, credited once, delivered.
    expected = {shop["full"]["invoice_id"]: "paid", shop["short"]["invoice_id"]: "partial",
                checkout["invoice_id"]: "new", shop["reorg"]["invoice_id"]: "paid",
                late["id"]: "paid_late", alice["id"]: "paid", bob["id"]: "paid"}
    wait_until("every invoice settled", lambda: all(
        engine.invoice_get(i)["state"] == s for i, s in expected.items()), DEADLINE_S, procs)
    wait_until("the outbox empty", lambda: engine.health()["outbox"]["pending"] == 0,
               DEADLINE_S, procs)
    events = all_events(engine)
    paid_events = [e for e in events if e["type"] == "invoice.paid"]
    per_invoice = {}
    for e in paid_events:
        per_invoice[e["data"]["invoice"]["id"]] = per_invoice.get(e["data"]["invoice"]["id"], 0) + 1
    reverted = [e for e in events if e["type"] == "payment.reverted"]
    names = {shop["full"]["invoice_id"]: "t-shirt", shop["short"]["invoice_id"]: "hoodie",
             shop["reorg"]["invoice_id"]: "cap", checkout["invoice_id"]: "checkout",
             late["id"]: "phone", alice["id"]: "sword", bob["id"]: "shield"}
    expect(len(reverted) == 1 and sorted(per_invoice) == sorted(
        i for i, state in expected.items() if state == "paid") and all(
        n == 1 for n in per_invoice.values()),
        f"one reverted payment and one invoice.paid per paid invoice ({len(reverted)}, "
        f"{per_invoice})")
    say("tronpay watch", f"{len(events)} events; invoice.paid exactly once for " + ", ".join(
        sorted(names[i] for i in per_invoice)) + "; " + ", ".join(
        f"{names[i]} {s}" for i, s in expected.items() if s not in ("paid",)))
    cap_trail = [e["type"] for e in events
                 if e["data"].get("invoice") and e["data"]["invoice"]["id"] == shop["reorg"]["invoice_id"]]
    say("", "the cap: " + " → ".join(cap_trail))

    orders = {k: http_json("GET", f"{shop_url}/orders/{o['order_id']}?format=json")
              for k, o in shop.items()}
    received = shop_deliveries(workdir / "shop.db")
    expect(orders["full"]["fulfilled"] and orders["reorg"]["fulfilled"]
           and not orders["short"]["fulfilled"], "the shop ships the paid orders, and only those")
    say("shop (Flask)", "; ".join(
        f"{o['sku']} {o['state']}{', shipped once' if o['fulfilled'] else ', not shipped'}"
        for o in orders.values()) + f" ({received} signed webhooks verified)")
    grants = wait_until("alice's sword granted", lambda: granted_lines(procs, "alice"), 20, procs)
    expect(len(grants) == 1, f"one grant of alice's sword ({grants})")
    say("game (C)", f"{grants[-1].split(' (')[0].strip()}: {len(grants)} grant, read from the "
        "engine's event log")
    bob_items = wait_until("bob's shield granted", lambda: http_json(
        "GET", f"{node_url}/players/bob").get("items"), 20, procs)
    expect(bob_items == ["shield"], f"one shield for bob ({bob_items})")
    say("game (Node)", f"bob owns {', '.join(bob_items)}: {len(bob_items)} grant, from a "
        "signed webhook")

    # --- The support desk: customers' txids, explained.
    for key in ("fake", "failed"):
        answer = php_claim(php_socket, checkout["order_id"], txids[key])
        say("checkout (PHP)", f"claim {short(txids[key], 6)}: \u201c{answer}\u201d")
    explained = tool(config_path, "explain", reorg_txid)
    say("tronpay explain", explained.stdout.strip().splitlines()[0])

    # --- A refund of the short payment, built unsigned (signing happens offline).
    refund = tool(config_path, "--json", "refund", "create", "--refund-id", "refund-hoodie",
                  "--invoice", shop["short"]["invoice_id"], "--from",
                  shop["short"]["address"], "--to", sim.payer_address(0), "--amount",
                  "15", "--fee-limit-sun", "30000000")
    if refund.returncode != 0:
        raise RuntimeError(f"tronpay refund create: {refund.stderr.strip()}")
    built = json.loads(refund.stdout)
    say("refund", f"{built['id']}: 15 USDT from the hoodie's address back to "
        f"{short(built['to'])}, {built['state']} unsigned (txid {short(built['txid'], 6)});")
    say("", "sign it offline, then `tronpay refund submit`: the watcher broadcasts it")
    health = engine.health()
    say("health", f"head {health['head']}, solidified {health['solidified']}, lag "
        f"{health['lag_blocks']}, outbox pending {health['outbox']['pending']}, failed "
        f"{health['outbox']['failed']}; {time.time() - started:.1f} s")
    engine.close()
    return 0


def expect(condition: bool, what: str) -> None:
    """The demo doubles as a test (`make test` runs it): a wrong outcome stops it."""
    if not condition:
        raise RuntimeError("the demo went wrong: expected " + what)


def new_secret() -> str:
    """A webhook secret for this run only: the store never holds it; the watcher and the
    receivers read it from the config file (mode 600, this run's processes only)."""
    return "whsec_" + base64.b64encode(os.urandom(24)).decode()


def at_head(engine: Any, sim: SimNode) -> bool:
    health = engine.health()
    return health.get("cursor") is not None and health["cursor"] >= sim.head_number


def invoice_for_player(engine: Any, player: str) -> Dict[str, Any]:
    def find() -> Optional[Dict[str, Any]]:
        for invoice in engine.invoice_list({"limit": 1000})["invoices"]:
            if (invoice.get("metadata") or {}).get("player") == player:
                return invoice
        return None
    return wait_until(f"{player}'s invoice", find, 10)


def all_events(engine: Any) -> List[Dict[str, Any]]:
    events: List[Dict[str, Any]] = []
    after = 0
    while True:
        page = engine.events_list(after, 1000)
        events.extend(page["events"])
        if not page["events"]:
            return events
        after = page["events"][-1]["seq"]


def shop_deliveries(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return int(connection.execute("SELECT count(*) FROM webhooks").fetchone()[0])


def granted_lines(procs: Processes, player: str) -> List[str]:
    return [line for line in procs.log("game").splitlines()
            if line.startswith("granted") and player in line]


def start_php(procs: Processes, workdir: Path, config_path: Path) -> str:
    """PHP-FPM in the foreground under this run (run.sh stops it on SIGTERM); its socket is
    the first line run.sh prints."""
    procs.start("php", ["examples/php/checkout/run.sh", str(config_path)],
                env={"TRONPAY_LIBRARY": LIBRARY})

    def socket_path() -> Optional[str]:
        lines = procs.log("php").splitlines()
        return lines[0] if lines and lines[0].endswith(".sock") else None
    return str(wait_until("PHP-FPM", socket_path, 30, procs))


def php(socket_file: str, method: str, uri: str, body: str = "") -> Dict[str, Any]:
    answer = subprocess.run(["examples/php/checkout/request.sh", "-j", socket_file, method, uri,
                             body], capture_output=True, text=True, timeout=30, cwd=str(ROOT))
    if answer.returncode != 0:
        raise RuntimeError(f"checkout {method} {uri}: {answer.stderr.strip()}")
    return dict(json.loads(answer.stdout))


def php_claim(socket_file: str, order_id: str, txid: str) -> str:
    """The customer's "I paid, here is my txid"; a txid the watcher has not met is looked up
    on the node by the running watch, so the answer may take a moment to settle."""
    def settled() -> Optional[str]:
        answer = php(socket_file, "POST", f"/orders/{order_id}/claim", f"txid={txid}")
        return None if answer.get("status") == "lookup_scheduled" else str(answer["message"])
    return str(wait_until(f"the claim on {short(txid)}", settled, 30))


if __name__ == "__main__":
    sys.exit(main())
