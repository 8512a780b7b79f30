#!/usr/bin/env python3
"""End-to-end test of examples/c/game_server.c: the simulated TRON node (Tests/sim), `tronpay
watch` following it into the engine's store, and the game server granting items from the
engine's events into its own SQLite database. Real processes on 127.0.0.1; every wait bounded;
everything started is stopped at the end, also on failure.

Usage: test_game_server.py PATH/TO/game_server   (tool: $TRONPAY_TOOL, default build/tronpay;
kill runs: $GAME_TEST_KILLS (10), seed $GAME_TEST_SEED (18))"""

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "sim"))
from node import SimNode, fake_trc20, usdt  # noqa: E402
from checks import Checks  # noqa: E402

GAME = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(
    ROOT, "build", "examples", "game_server")
TOOL = os.environ.get("TRONPAY_TOOL") or os.path.join(ROOT, "build", "tronpay")
# m/44'/195'/0' of the BIP39 "abandon … about" seed (Tests/vectors/hd.json): watch-only.
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHG"
        "oaQgmv8D45oNUKx6DZMNZBCd")
TIMEOUT = 60
KILLS = int(os.environ.get("GAME_TEST_KILLS", "10"))
SEED = int(os.environ.get("GAME_TEST_SEED", "18"))
BUY_LINE = re.compile(r"^order (\S+): pay (\S+) USDT \((\d+) base units\) to (T\w{33}) "
                      r"for \S+ \S+ \(invoice (\S+)\)$")
GRANT_LINE = re.compile(r"^granted (\S+) to (\S+) \(invoice (\S+)\)$")

check = Checks()
failures = check.failures
children = []


def run(command, timeout=TIMEOUT):
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def game(*args, db=None, prefix=(), timeout=TIMEOUT):
    return run(list(prefix) + [GAME, "--config", CONFIG, "--db", db or GAME_DB] + list(args),
               timeout=timeout)


def buy(player, item, price, prefix=()):
    r = game("buy", player, item, price, prefix=prefix, timeout=300)
    m = BUY_LINE.match(r.stdout.strip())
    check(r.returncode == 0 and m is not None,
          f"buy {player} {item} {price}: {r.stdout.strip() or r.stderr.strip()}")
    if not m:
        raise SystemExit("cannot go on without the invoice")
    return {"order_id": m.group(1), "amount": m.group(2), "base": int(m.group(3)),
            "address": m.group(4), "id": m.group(5), "player": player, "item": item}


def watch():
    r = run([TOOL, "--config", CONFIG, "watch", "--until-idle"])
    check(r.returncode == 0, "tronpay watch --until-idle exits 0" +
          ("" if r.returncode == 0 else f" ({r.stderr.strip()[-400:]})"))


def invoice(order_id):
    r = run([TOOL, "--config", CONFIG, "--json", "invoice", "get", order_id])
    return json.loads(r.stdout)


def grants(db=None):
    with sqlite3.connect(f"file:{db or GAME_DB}?mode=ro", uri=True, timeout=10) as c:
        return c.execute("SELECT invoice_id, player, item FROM grants ORDER BY event_seq").fetchall()


def cursor_behind():
    """1 if the game's cursor is behind the engine's last event (a kill left work undone)."""
    with sqlite3.connect(f"file:{GAME_DB}?mode=ro", uri=True, timeout=10) as c:
        cursor = c.execute("SELECT seq FROM cursor").fetchone()[0]
    r = run([TOOL, "--config", CONFIG, "--json", "events", "--after", str(cursor), "--limit", "1"])
    return 1 if json.loads(r.stdout)["events"] else 0


def granted_lines(text):
    return [m.groups() for m in map(GRANT_LINE.match, text.splitlines()) if m]


tmp = tempfile.mkdtemp(prefix="tronpay-game-c-")
CONFIG = os.path.join(tmp, "tronpay.json")
GAME_DB = os.path.join(tmp, "game.db")
sim = SimNode(initial_blocks=30, solid_lag=1, max_lifetime=600)
try:
    sim.start()
    with open(CONFIG, "w") as f:
        json.dump({"store": "sqlite:" + os.path.join(tmp, "tronpay.db"), "network": "mainnet",
                   "wallets": [{"id": "main", "xpub": XPUB}],
                   "providers": [{"id": "sim", "kind": "fullnode", "base_url": sim.url,
                                  "max_rps": 1000}],
                   "start_block": sim.first_block, "worker_id": "game-c-test"}, f)

    # --- Three purchases: paid in full, paid short, paid with a fake token. The first one runs
    # under valgrind (no invalid access, no definite leak).
    vg = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
          "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite"]
    t0 = time.time()
    alice = buy("alice", "sword", "1.5", prefix=vg)
    check(alice["base"] == 1_500_000 and alice["order_id"] == "game-alice-1",
          f"buy under valgrind: clean, order game-alice-1 for 1.5 USDT ({time.time() - t0:.1f} s)")
    bob = buy("bob", "shield", "2")
    carol = buy("carol", "bow", "3")
    check(len({alice["address"], bob["address"], carol["address"]}) == 3,
          "each order has its own deposit address")
    # A payment's block must be stamped after the invoice's creation.
    sim.set_clock(max(invoice(o["id"])["created_at_ms"] for o in (alice, bob, carol)))
    sim.mine_block([usdt(alice["address"], 1_500_000), usdt(bob["address"], 1_000_000),
                    fake_trc20(carol["address"], 3_000_000)])
    sim.mine(2)
    watch()
    states = [invoice(o["id"])["state"] for o in (alice, bob, carol)]
    check(states == ["paid", "partial", "new"], f"engine: paid, partial, new ({states})")

    # serve under valgrind on a database of its own: the same grant, cleanly.
    t0 = time.time()
    vg_db = os.path.join(tmp, "valgrind.db")
    r = game("serve", "--until-idle", db=vg_db, prefix=vg, timeout=300)
    check(r.returncode == 0 and granted_lines(r.stdout) == [("sword", "alice", alice["id"])],
          f"serve --until-idle under valgrind: clean, one grant ({time.time() - t0:.1f} s; "
          f"rc {r.returncode} {r.stderr.strip()[-300:]})")

    r = game("serve", "--until-idle")
    check(r.returncode == 0 and granted_lines(r.stdout) == [("sword", "alice", alice["id"])],
          f"serve grants the sword to alice once ({r.stdout.strip()})")
    check(grants() == [(alice["id"], "alice", "sword")],
          "the game db holds that grant only: nothing for the short or the fake payment")
    r = game("serve", "--until-idle")
    check(r.returncode == 0 and r.stdout == "", "serve again: nothing new")

    # More money to the paid invoice: overpaid, a second paid-like event, no second sword.
    sim.mine_block([usdt(alice["address"], 500_000)])
    sim.mine(2)
    watch()
    check(invoice(alice["id"])["state"] == "overpaid", "alice's invoice is now overpaid")
    r = game("serve", "--until-idle")
    check(r.returncode == 0 and r.stdout == "" and len(grants()) == 1,
          "invoice.overpaid after invoice.paid grants nothing more")

    # Errors name the library's status and detail.
    r = game("buy", "alice", "sword", "1.2345678")
    check(r.returncode == 1 and "invoice_create" in r.stderr and "TRONPAY_E" in r.stderr,
          f"a bad amount: the library's error is printed ({r.stderr.strip()})")
    r = game("buy", "al\"ice", "sword", "1")
    check(r.returncode == 64, "a player name outside the alphabet: usage error")

    # --- kill -9 at random points (seeded), restarted each time. Every purchase is made first,
    # its payment mined, and the chain revealed a part per run (the node's provider lag), so
    # each serve run has a backlog of events (one transaction per event: --batch 1) when it is
    # killed.
    rng = random.Random(SEED)
    orders = [buy(f"p{k}", "gem", f"{k + 1}") for k in range(KILLS)]
    sim.set_clock(max(invoice(o["id"])["created_at_ms"] for o in orders))
    for o in orders:
        sim.mine_block([usdt(o["address"], o["base"])])
    sim.mine(2)
    new_blocks = len(orders) + 2
    lines = []
    kills = behind = 0
    t0 = time.time()
    for k in range(KILLS):
        sim.set_provider_lag("main", new_blocks - 1 - k)  # one more payment block per run
        watch()
        out = os.path.join(tmp, f"serve-{k}.out")
        with open(out, "w") as stdout:
            proc = subprocess.Popen([GAME, "--config", CONFIG, "--db", GAME_DB, "serve",
                                     "--poll-ms", "20", "--batch", "1"], stdout=stdout,
                                    stderr=subprocess.PIPE, text=True)
            children.append(proc)
            time.sleep(rng.uniform(0.0, 0.1))
            proc.kill()
            _, err = proc.communicate(timeout=10)
            kills += proc.returncode == -9
        with open(out) as f:
            lines += granted_lines(f.read())
        behind += cursor_behind()
        check(err == "", f"run {k}: no error before the kill ({err.strip()[-200:]})")
    sim.set_provider_lag("main", 0)
    watch()
    killed_lines = len(lines)
    r = game("serve", "--until-idle")
    check(r.returncode == 0, f"a clean serve after the kills (the killed runs printed "
          f"{killed_lines} grants, this one {len(granted_lines(r.stdout))})")
    lines += granted_lines(r.stdout)
    expected = {(alice["id"], "alice", "sword")} | {(o["id"], o["player"], "gem") for o in orders}
    rows = grants()
    check(len(rows) == len(expected) and set(rows) == expected,
          f"{kills} kill -9 of {KILLS} runs (seed {SEED}, {time.time() - t0:.1f} s): every paid "
          f"order granted exactly once ({len(rows)} grants for {len(expected)} orders; "
          f"{behind} kills left events unread)")
    # A grant is printed after its commit, from the rows whose events the page covered: a
    # cursor that lagged its grants would print a grant twice across restarts.
    ids = [line[2] for line in lines]
    check(len(ids) == len(set(ids)) and set(ids) <= {e[0] for e in expected},
          f"no grant printed twice across the restarts ({len(ids)} lines)")
    with sqlite3.connect(GAME_DB) as c:
        cursor = c.execute("SELECT seq FROM cursor").fetchone()[0]
    last = json.loads(run([TOOL, "--config", CONFIG, "--json", "events", "--limit", "1000"])
                      .stdout)["events"][-1]["seq"]
    check(cursor == last, f"the cursor is at the last event ({cursor} = {last})")
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
