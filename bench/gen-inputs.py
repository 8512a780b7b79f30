#!/usr/bin/env python3
"""Writes the benchmark inputs under build/bench-data/, built from real mainnet records, so that
`make bench` (C) and `make bench-peers` (Python) time the very same bytes.

  receipts-2mib.json   a gettransactioninfobyblocknum-shaped array (~2 MiB) of the real node
                       receipts in the vector file, replicated with distinct transaction ids
  transfers-100k.json  100 000 receipts, one real USDT Transfer log each, every one paying a
                       distinct recipient (derived addresses), distinct ids; trimmed to the
                       fields a verdict reads (id, block, time, result, log: fees and energy
                       dropped) so that request and evidence fit the library's 64 MiB JSON limit
  payment-100k.json    a tronpay_payment_check request: 100 000 invoices, one per recipient,
                       with the array above as its evidence
  inputs.json          the counts, for the report

Usage: gen-inputs.py VECTORS_JSON OUT_DIR
"""
import hashlib
import json
import os
import sys

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
TARGET_BYTES = 2 << 20
TRANSFERS = 100_000
SHARED = 50_000


def base58check(payload):
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    text = ""
    while n:
        n, r = divmod(n, 58)
        text = ALPHABET[r] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def txid(tag, i):
    return hashlib.sha256(f"{tag}:{i}".encode()).hexdigest()


def main():
    vectors_path, out_dir = sys.argv[1], sys.argv[2]
    with open(vectors_path) as f:
        cases = json.load(f)["cases"]
    receipts = [c["gettransactioninfobyid"] for c in cases if "gettransactioninfobyid" in c]
    usdt_logged = [r for r in receipts if len(r.get("log", [])) == 1]
    assert receipts and usdt_logged, "the vector file lost its receipts"
    os.makedirs(out_dir, exist_ok=True)

    # ~2 MiB block: every real receipt in turn, each copy with its own id.
    block, size, i = [], 2, 0
    while size < TARGET_BYTES:
        r = dict(receipts[i % len(receipts)])
        r["id"] = txid("block", i)
        size += len(json.dumps(r, separators=(",", ":"))) + 1
        block.append(r)
        i += 1
    with open(os.path.join(out_dir, "receipts-2mib.json"), "w") as f:
        json.dump(block, f, separators=(",", ":"))
    block_logs = sum(len(r.get("log", [])) for r in block)

    # 100k transfers, each to its own recipient, and the invoices they pay.
    transfers, invoices = [], []
    for i in range(TRANSFERS):
        base = usdt_logged[i % len(usdt_logged)]
        recipient = hashlib.sha256(f"recipient:{i}".encode()).digest()[:20]
        log = dict(base["log"][0])
        log["topics"] = [TRANSFER_TOPIC, base["log"][0]["topics"][1], "00" * 12 + recipient.hex()]
        r = {"id": txid("payment", i), "blockNumber": base["blockNumber"],
             "blockTimeStamp": base["blockTimeStamp"],
             "receipt": {"result": base["receipt"]["result"]}, "log": [log]}
        transfers.append(r)
        invoices.append({
            "id": f"i{i}",
            "address": base58check(b"\x41" + recipient),
            "token": "USDT",
            "amount_due": str(int(log["data"], 16)),
        })
    head = max(r["blockNumber"] for r in transfers) + 100
    with open(os.path.join(out_dir, "transfers-100k.json"), "w") as f:
        json.dump(transfers, f, separators=(",", ":"))
    request = {
        "chain": {"head_block": head, "solidified_block": head - 20,
                  "now_ms": max(r["blockTimeStamp"] for r in transfers) + 60_000},
        "invoices": invoices,
        "evidence": [transfers],
    }
    with open(os.path.join(out_dir, "payment-100k.json"), "w") as f:
        json.dump(request, f, separators=(",", ":"))
    assert os.path.getsize(os.path.join(out_dir, "payment-100k.json")) < 64 << 20
    # 50k invoices on one address and one transaction of 50k logs (half pay even invoices
    # exactly, half are dust), against the same counts spread over 50k addresses.
    base = usdt_logged[0]
    shared_to = hashlib.sha256(b"shared").digest()[:20]
    for name, spread in (("shared-50k.json", False), ("distinct-50k.json", True)):
        invoices, logs = [], []
        for i in range(SHARED):
            to = hashlib.sha256(f"spread:{i}".encode()).digest()[:20] if spread else shared_to
            invoices.append({"id": f"s{i}", "address": base58check(b"\x41" + to),
                             "token": "USDT", "amount_due": str(1_000_000 + i)})
            amount = 1_000_000 + i if i % 2 == 0 else 7
            log = dict(base["log"][0])
            log["topics"] = [TRANSFER_TOPIC, base["log"][0]["topics"][1], "00" * 12 + to.hex()]
            log["data"] = f"{amount:064x}"
            logs.append(log)
        receipt = {"id": txid("shared", 0), "blockNumber": base["blockNumber"],
                   "blockTimeStamp": base["blockTimeStamp"],
                   "receipt": {"result": "SUCCESS"}, "log": logs}
        request = {
            "chain": {"head_block": base["blockNumber"] + 100,
                      "solidified_block": base["blockNumber"] + 80,
                      "now_ms": base["blockTimeStamp"] + 60_000},
            "invoices": invoices, "evidence": [receipt]}
        with open(os.path.join(out_dir, name), "w") as f:
            json.dump(request, f, separators=(",", ":"))
    with open(os.path.join(out_dir, "inputs.json"), "w") as f:
        json.dump({"block_receipts": len(block), "block_logs": block_logs,
                   "block_bytes": os.path.getsize(os.path.join(out_dir, "receipts-2mib.json")),
                   "transfers": TRANSFERS, "invoices": TRANSFERS, "shared": SHARED}, f)


if __name__ == "__main__":
    main()
