#!/usr/bin/env python3
"""A shop backend on libtronpay: USDT invoices in SQLite, one deposit address per invoice.

The shop server holds only an account xpub, never a private key: each invoice gets the next
address xpub/0/i, derived watch-only. A poller records the receipts of transfers to those
addresses (here: examples/data/shop/receipts.json), and every poll hands the open invoices,
the chain's state and the receipts to check_payments; the shop stores the states it returns.
Every decision (is this a real USDT transfer, is it final, late, enough) is the library's.

Run from a checkout after `make`: python3 examples/python/shop.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python"))  # use the checkout's package
import tronpay  # noqa: E402

# Account m/44'/195'/0' of the public test wallet "abandon … about" (Tests/vectors/hd.json).
# A real shop would put its own account xpub here; the seed stays offline.
XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJok"
        "ZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd")
USDT_DECIMALS = 6
HOUR_MS = 3_600_000
RECEIPTS = ROOT / "examples" / "data" / "shop" / "receipts.json"

SCHEMA = """
CREATE TABLE invoices (
  id            TEXT PRIMARY KEY,
  item          TEXT NOT NULL,
  deposit_index INTEGER NOT NULL UNIQUE,
  address       TEXT NOT NULL UNIQUE,
  amount_due    TEXT NOT NULL,      -- USDT base units, exact (never a float)
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  state         TEXT NOT NULL DEFAULT 'new',
  received      TEXT NOT NULL DEFAULT '0'
);
"""


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on any error). IMMEDIATE takes SQLite's write lock
    before the first read, so nothing the transaction reads can change before it writes: another
    shop process waits (busy timeout) instead of reading the same rows. The connection is opened
    with isolation_level=None, so Python's sqlite3 starts no transactions of its own."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def create_invoice(db: sqlite3.Connection, invoice_id: str, item: str, price_usdt: str,
                   created_at_ms: int) -> str:
    amount_due = tronpay.to_base_units(price_usdt, USDT_DECIMALS)
    # Reading the next index and taking it is one transaction: two processes creating invoices
    # at once cannot both read the same MAX() (outside a transaction they can, and then the
    # second INSERT fails on the UNIQUE deposit_index instead of getting the next address).
    with write_transaction(db):
        (index,) = db.execute(
            "SELECT COALESCE(MAX(deposit_index) + 1, 0) FROM invoices").fetchone()
        [address] = tronpay.xpub_derive_addresses(XPUB, change=0, first_index=index, count=1)
        db.execute("INSERT INTO invoices (id, item, deposit_index, address, amount_due,"
                   " created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (invoice_id, item, index, address, str(amount_due), created_at_ms,
                    created_at_ms + HOUR_MS))
    return address


def poll(db: sqlite3.Connection, chain: dict, receipts: list) -> None:
    rows = db.execute("SELECT id, address, amount_due, created_at_ms, expires_at_ms, state"
                      " FROM invoices ORDER BY deposit_index").fetchall()
    before = {row[0]: row[5] for row in rows}
    verdict = tronpay.check_payments({
        "chain": chain,
        "policy": {"confirmations": "solidified"},
        "invoices": [{"id": r[0], "address": r[1], "token": "USDT", "amount_due": r[2],
                      "created_at_ms": r[3], "expires_at_ms": r[4], "tolerance_bps": 0}
                     for r in rows],
        "evidence": receipts,
    })
    with write_transaction(db):
        for inv in verdict["invoices"]:
            db.execute("UPDATE invoices SET state = ?, received = ? WHERE id = ?",
                       (inv["state"], inv["received"], inv["id"]))
    for inv in verdict["invoices"]:
        change = f"{before[inv['id']]} -> {inv['state']}" if before[inv["id"]] != inv["state"] \
            else inv["state"]
        print(f"  {inv['id']}  {human(inv['received']):>9} of {human(inv['due']):>6} USDT"
              f"  {change}")
    for r in verdict["rejected"]:
        print(f"  rejected {r['txid'][:16]}…: {r['reason']}")
    for t in verdict["unmatched"]:
        print(f"  not ours {t['txid'][:16]}…: {human(t['amount'])} to {t['to']}")


def human(base_units: str) -> str:
    return tronpay.from_base_units(base_units, USDT_DECIMALS)


def main() -> None:
    print(f"libtronpay {tronpay.version()} (Python binding, {tronpay.library_path})")
    db = sqlite3.connect(":memory:", isolation_level=None, timeout=5.0)
    db.executescript(SCHEMA)
    opened = 1738601400000  # 2025-02-03 16:50 UTC, just before the recorded transfers
    for invoice_id, item, price in [("inv-1001", "mechanical keyboard", "25"),
                                    ("inv-1002", "USB-C hub", "10"),
                                    ("inv-1003", "mouse pad", "5"),
                                    ("inv-1004", "webcam", "12.5"),
                                    ("inv-1005", "headset", "7")]:
        address = create_invoice(db, invoice_id, item, price, opened)
        print(f"{invoice_id}: {item}, pay {price} USDT to {address}")

    receipts = json.loads(RECEIPTS.read_text())
    print(f"\npoll 1: head block 69316700, solidified 69316681 ({len(receipts)} receipts)")
    poll(db, {"head_block": 69316700, "solidified_block": 69316681, "now_ms": 1738602100000},
         receipts)
    print("\npoll 2, an hour later: the invoices' hour is over")
    poll(db, {"head_block": 69317900, "solidified_block": 69317881, "now_ms": 1738605700000},
         receipts)

    print("\ninvoices table:")
    for row in db.execute("SELECT id, address, amount_due, state FROM invoices"):
        print("  ", *row)


if __name__ == "__main__":
    main()
