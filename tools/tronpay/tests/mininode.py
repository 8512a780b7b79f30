"""A minimal java-tron stand-in for the `tronpay` tool's tests: a short scripted chain of TRX
transfers, served on 127.0.0.1 in java-tron's shapes (an unknown block is `{}`, an empty block
has no `transactions`, a receipt list per block). Each transaction carries real protobuf bytes
whose SHA-256 is its txID, because the engine checks that. The full simulated node (faults,
reorgs, stalls) is Tests/sim; this one only needs to make one payment visible."""

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
FIRST_BLOCK = 70_000_000
PAYER_HEX = "41ec20315a879c48f5e3a6a1c9826d5225f8b658b8"


def base58_hex(address: str) -> str:
    """A T… address as 41-prefixed hex (base58check, checksum verified)."""
    n = 0
    for c in address:
        n = n * 58 + B58.index(c)
    raw = n.to_bytes(25, "big")
    body, check = raw[:21], raw[21:]
    if hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] != check:
        raise ValueError("bad checksum: " + address)
    return body.hex()


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number: int, value) -> bytes:
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    return varint(number << 3 | 2) + varint(len(value)) + value


def block_id(number: int, tag: int) -> str:
    return "%016x" % number + ("%02x" % tag) * 24


def trx_transfer(to_hex: str, sun: int, number: int, stamp: int, nonce: int):
    """Transaction.raw of one TransferContract, its JSON twin and its receipt."""
    ref = bytes.fromhex(block_id(number - 1, 0xAA))
    expiration, timestamp = stamp + 60_000, stamp - 1000 + nonce
    transfer = (field(1, bytes.fromhex(PAYER_HEX)) + field(2, bytes.fromhex(to_hex))
                + field(3, sun))
    type_url = "type.googleapis.com/protocol.TransferContract"
    contract = field(1, 1) + field(2, field(1, type_url.encode()) + field(2, transfer))
    raw = (field(1, ref[6:8]) + field(4, ref[8:16]) + field(8, expiration)
           + field(11, contract) + field(14, timestamp))
    txid = hashlib.sha256(raw).hexdigest()
    tx = {
        "ret": [{"contractRet": "SUCCESS"}], "signature": ["1" * 130], "txID": txid,
        "raw_data": {
            "contract": [{
                "parameter": {
                    "value": {"owner_address": PAYER_HEX, "to_address": to_hex, "amount": sun},
                    "type_url": type_url},
                "type": "TransferContract"}],
            "ref_block_bytes": ref[6:8].hex(), "ref_block_hash": ref[8:16].hex(),
            "expiration": expiration, "timestamp": timestamp},
        "raw_data_hex": raw.hex(),
    }
    info = {"id": txid, "blockNumber": number, "blockTimeStamp": stamp,
            "contractResult": [""], "receipt": {"net_usage": 268}}
    return tx, info


class Chain:
    """Blocks FIRST_BLOCK… with payments where the script puts them; solidified lags the head
    by `solid_lag` blocks. Thread-safe: tests may append blocks while the node serves."""

    def __init__(self, first_stamp_ms: int, solid_lag: int = 3):
        self.lock = threading.Lock()
        self.blocks = []
        # The engine trusts only slot-aligned block times (multiples of 3 s, not in the future).
        self.first_stamp_ms = first_stamp_ms // 3000 * 3000
        self.solid_lag = solid_lag
        self.nonce = 0
        self.served = []

    def mine(self, payments=()):
        with self.lock:
            number = FIRST_BLOCK + len(self.blocks)
            stamp = self.first_stamp_ms + len(self.blocks) * 3000
            parent = self.blocks[-1]["blockID"] if self.blocks else block_id(number - 1, 0xAA)
            block = {
                "blockID": block_id(number, 0xAA),
                "block_header": {
                    "raw_data": {"number": number, "txTrieRoot": "0" * 64,
                                 "witness_address": "41" + "1" * 40, "parentHash": parent,
                                 "version": 31, "timestamp": stamp},
                    "witness_signature": "5" * 130},
            }
            infos = []
            for address, sun in payments:
                self.nonce += 1
                tx, info = trx_transfer(base58_hex(address), sun, number, stamp, self.nonce)
                block.setdefault("transactions", []).append(tx)
                infos.append(info)
            self.blocks.append({"block": block, "infos": infos, "blockID": block["blockID"]})
            return number, [t["txID"] for t in block.get("transactions", [])]

    def get(self, number):
        k = number - FIRST_BLOCK
        return self.blocks[k] if 0 <= k < len(self.blocks) else None

    def answer(self, path: str, body: dict):
        with self.lock:
            self.served.append(path)
            head = FIRST_BLOCK + len(self.blocks) - 1
        if path == "/wallet/getnowblock":
            return self.get(head)["block"] if self.blocks else {}
        if path == "/walletsolidity/getnowblock":
            entry = self.get(head - self.solid_lag)
            return entry["block"] if entry else {}
        if path == "/wallet/getblockbynum":
            entry = self.get(int(body.get("num", -1)))
            return entry["block"] if entry else {}
        if path == "/wallet/getblockbylimitnext":
            found = [self.get(n) for n in range(int(body.get("startNum", 0)),
                                               int(body.get("endNum", 0)))]
            found = [e["block"] for e in found if e]
            return {"block": found} if found else {}
        if path == "/wallet/gettransactioninfobyblocknum":
            entry = self.get(int(body.get("num", -1)))
            return entry["infos"] if entry else []
        if path in ("/wallet/gettransactioninfobyid", "/walletsolidity/gettransactioninfobyid"):
            for entry in list(self.blocks):
                for info in entry["infos"]:
                    if info["id"] == body.get("value"):
                        return info
            return {}
        if path == "/wallet/broadcasttransaction":
            return {"result": True}
        return None


def serve(chain: Chain):
    """Starts the node on 127.0.0.1 (a free port) in a daemon thread; returns the server."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            answer = chain.answer(self.path, body)
            if answer is None:
                self.send_response(404)
                self.end_headers()
                return
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
