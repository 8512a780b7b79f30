#!/usr/bin/env python3
"""Writes receipts.json: the receipts examples/python/shop.py is fed.

The shop's deposit addresses come from a public test wallet's xpub, and no recorded mainnet
transfer pays those addresses; so these receipts are built from one real mainnet receipt
(../mainnet/receipts/0130dfde….json, a USDT transfer in block 69316562) with the recipient
topic, amount, txid, block and time changed. They have the node's exact shape, but they are
NOT chain records: their txids are sha256 of a label, not transactions. The real receipt
itself is appended unchanged (it pays an address that is no invoice's).
"""

import copy
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = HERE.parent / "mainnet" / "receipts" / (
    "0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99.json")
BASE_BLOCK, BASE_TIME = 69316562, 1738601505000  # the real receipt's block and time
FAKE_TOKEN = "eca9bc828a3005b9a3b909f2cc5c2a54794de05f"  # any other contract: not USDT

# (label, deposit address hex of m/44'/195'/0'/0/i (Tests/vectors/hd.json), USDT base units,
#  block, token contract or None for USDT)
PAYMENTS = [
    ("inv-1001 paid in full", "c8599111f29c1e1e061265b4af93ea1f274ad78a", 25_000000, 69316610,
     None),
    ("inv-1002 partial", "b6e708a39781c96bd399c7657780ff9fe9f052a8", 4_000000, 69316620, None),
    ("inv-1003 paid, final later", "f4f35fff5ca9ee43aca2c57ded9d9ec66ac42dd0", 5_000000,
     69316695, None),
    ("inv-1005 fake token", "bb1a70862e804bfe2885f6c7efc8fdf3f0148b00", 7_000000, 69316630,
     FAKE_TOKEN),
]


def receipt(real, label, to_hex, amount, block, token):
    r = copy.deepcopy(real)
    r["id"] = hashlib.sha256(("tronpay shop demo: " + label).encode()).hexdigest()
    r["blockNumber"] = block
    r["blockTimeStamp"] = BASE_TIME + (block - BASE_BLOCK) * 3000
    log = r["log"][0]
    log["topics"][2] = "0" * 24 + to_hex
    log["data"] = format(amount, "064x")
    if token:
        log["address"] = token
        r["contract_address"] = "41" + token
    return r


def main():
    real = json.loads(REAL.read_text())
    out = [receipt(real, *p) for p in PAYMENTS] + [real]
    (HERE / "receipts.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
