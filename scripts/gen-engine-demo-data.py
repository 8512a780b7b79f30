#!/usr/bin/env python3
"""Writes the recorded chain the engine step of `make demo` (examples/c/05_engine.c) applies:
blocks and their receipts as the simulated node (Tests/sim) serves them, in java-tron's shapes
with real signed bytes. Deterministic: the sim's keys come from its seed, times are fixed.
Usage: scripts/gen-engine-demo-data.py examples/data/engine"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "sim"))
from node import SimNode, fake_trc20, usdt  # noqa: E402

# The first two deposit addresses of the demo wallet (m/44'/195'/0'/0/0 and /1 of the BIP39
# "abandon … about" seed, Tests/vectors/hd.json): the demo's two invoices get them, in order.
SHOP_1 = "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH"
SHOP_2 = "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK"

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
with SimNode(first_block=80_000_000, initial_blocks=1, genesis_ms=1_780_000_000_000,
             solid_lag=2, max_lifetime=60, seed="tronpay-demo") as sim:
    blocks = [sim.blocks[0]]
    blocks.append(sim.mine_block([usdt(SHOP_1, 13_000_000)]))      # 13 USDT for 12.5 due
    blocks.append(sim.mine_block([fake_trc20(SHOP_2, 5_000_000)]))  # a fake "USDT" token
    blocks += sim.mine(3)
    names = []
    for block in blocks:
        for kind, body in (("block", block.to_json()), ("infos", block.infos)):
            name = f"{block.number}.{kind}.json"
            with open(os.path.join(out, name), "w") as f:
                json.dump(body, f, separators=(",", ":"))
        names.append(f"{block.number}")
    with open(os.path.join(out, "chain.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    with open(os.path.join(out, "txids.txt"), "w") as f:
        f.write(blocks[1].txs[0].txid + "\n" + blocks[2].txs[0].txid + "\n")
    print(f"wrote {len(blocks)} blocks to {out}; payer {sim.payer_address(0)}")
