#!/usr/bin/env python3
"""A simulated TRON full node for tests and the demo (standard library only).

It serves a chain the test scripts, in java-tron's HTTP shapes (visible=false: "41…" hex
addresses), on 127.0.0.1 only, and stops by itself after max_lifetime seconds or on SIGTERM.

    from node import SimNode, usdt, trx, fake_trc20
    with SimNode() as sim:                  # listening on an ephemeral port
        sim.url                             # "http://127.0.0.1:PORT"
        sim.mine(5)                         # five empty blocks
        blk = sim.mine_block([usdt("T…", 1_500_000), trx("T…", 2_000_000)])
        sim.reorg(3, reinclude="all")       # replace the last 3 blocks
        sim.fault("/wallet/getblockbynum", "status", status=429, retry_after=2)

    python3 Tests/sim/node.py --port 0 --ready-file F   # prints the URL, writes it to F

Every transaction is real signed bytes: raw_data_hex is the protobuf of Transaction.raw, txID
is its SHA-256, raw_data is its JSON, the signature recovers to owner_address. Receipts are
cut from the mainnet records in Tests/vectors/mainnet.json. Block ids are the number (8 bytes
big-endian) followed by 24 bytes of SHA-256 of the header's raw protobuf, as java-tron's.

Control over HTTP (JSON bodies; GET or POST) on the same port, for non-Python tests: see
_control() and README.md.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaincrypto as cc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors", "mainnet.json")

USDT = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c"  # TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t
FAKE_TOKEN = "41" + hashlib.sha256(b"tronpay-sim fake USDT").hexdigest()[:40]
TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
SLOT_MS = 3000
BLOCK_VERSION = 31
UNSOLIDIFIED_LIMIT = 54  # node.maxUnsolidifiedBlocks: broadcasts refused at head - solid >= 54
ADDRESS_KEYS = ("owner_address", "to_address", "contract_address", "witness_address",
                "origin_address", "receiver_address", "caller_address", "transferTo_address")

# --- payment specs (what a test asks to be mined) -------------------------------------------


def usdt(to, amount, *, result: str = "SUCCESS", payer: int = 0, pad41: bool = False) -> dict:
    """A USDT (TRC-20) transfer of `amount` base units (6 decimals) to `to`. result
    "OUT_OF_ENERGY" or "REVERT" makes it a failed call without a log."""
    return {"kind": "trc20", "contract": USDT, "to": to, "amount": str(amount), "result": result,
            "payer": payer, "pad41": pad41}


def fake_trc20(to, amount, *, contract: str = FAKE_TOKEN, payer: int = 0) -> dict:
    """A successful transfer of a token that is not USDT (another contract emits the log)."""
    return {"kind": "trc20", "contract": contract, "to": to, "amount": str(amount),
            "result": "SUCCESS", "payer": payer, "pad41": False}


def trx(to, amount_sun: int, *, payer: int = 0, fee: bool = False) -> dict:
    """A TRX TransferContract of amount_sun to `to` (fee=True: the payer burnt bandwidth)."""
    return {"kind": "trx", "to": to, "amount": int(amount_sun), "payer": payer, "fee": fee}


def _templates() -> Dict[str, dict]:
    with open(VECTORS, encoding="utf-8") as f:
        cases = {c["name"]: c for c in json.load(f)["cases"]}
    return {
        "usdt_ok": cases["usdt_transfer_success_41_padded_recipient"]["gettransactioninfobyid"],
        "usdt_ooe": cases["usdt_transfer_FAILED_out_of_energy"]["gettransactioninfobyid"],
        "trx_free": cases["trx_transfer_incoming_1_sun"]["gettransactioninfobyid"],
        "trx_fee": cases["trx_transfer_outgoing_fee_1_1_trx"]["gettransactioninfobyid"],
        "tx_trc20": cases["usdt_transfer_success_41_padded_recipient"]
        ["trongrid_v1_account_transaction"],
        "tx_trx": cases["trx_transfer_incoming_1_sun"]["trongrid_v1_account_transaction"],
    }


TEMPLATES = _templates()
# The keys java-tron prints for a transaction (TronGrid's record adds its own extras).
TX_KEYS = ("ret", "signature", "txID", "raw_data", "raw_data_hex")


def _hexmsg(text: str) -> str:
    return text.encode().hex()


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise NumberFormat(value)


class NumberFormat(Exception):
    def __init__(self, value: Any) -> None:
        super().__init__(f'For input string: "{value}"')


class Tx:
    """One signed transaction: its block form (tx JSON) and what its receipt says."""

    def __init__(self, json_obj: dict, raw: bytes, contract_ret: str, transfer: Optional[dict],
                 kind: str, spec: Optional[dict] = None) -> None:
        self.json = json_obj
        self.raw = raw
        self.txid = json_obj["txID"]
        self.contract_ret = contract_ret
        self.transfer = transfer  # {"token","from","to","amount"} as 41-hex / decimal str
        self.kind = kind          # "trc20" | "trx" | "call" (another contract call)
        self.spec = spec or {}

    def receipt(self, number: int, ts: int) -> dict:
        t = TEMPLATES
        if self.kind == "trx":
            base = t["trx_fee" if self.spec.get("fee") else "trx_free"]
            info = {"id": self.txid}
            if "fee" in base:
                info["fee"] = base["fee"]
            info.update({"blockNumber": number, "blockTimeStamp": ts,
                         "contractResult": [""], "receipt": dict(base["receipt"])})
            return info
        if self.kind in ("trc20", "call"):
            ok = t["usdt_ok"]
            contract = self.json["raw_data"]["contract"][0]["parameter"]["value"][
                "contract_address"]
            if self.contract_ret == "SUCCESS":
                info = {"id": self.txid, "fee": ok["fee"], "blockNumber": number,
                        "blockTimeStamp": ts, "contractResult": list(ok["contractResult"]),
                        "contract_address": contract, "receipt": dict(ok["receipt"])}
                tr = self.transfer
                if tr is not None:
                    info["log"] = [{"address": tr["token"][2:],
                                    "topics": [TRANSFER_TOPIC, "0" * 24 + tr["from"][2:],
                                               "0" * 24 + tr["to"][2:]],
                                    "data": int(tr["amount"]).to_bytes(32, "big").hex()}]
                return info
            ooe = t["usdt_ooe"]
            info = {"id": self.txid}
            receipt = dict(ooe["receipt"])
            receipt["result"] = self.contract_ret
            msg = ooe["resMessage"]
            if self.contract_ret == "REVERT":
                # a revert burns the energy used so far; java-tron's text for it
                info["fee"] = 6540580
                receipt = {"energy_fee": 6540580, "energy_usage_total": 15573,
                           "net_usage": 345, "result": "REVERT"}
                msg = _hexmsg("REVERT opcode executed")
            info.update({"blockNumber": number, "blockTimeStamp": ts, "contractResult": [""],
                         "contract_address": contract, "receipt": receipt, "result": "FAILED",
                         "resMessage": msg})
            return info
        return {"id": self.txid, "fee": 345000, "blockNumber": number, "blockTimeStamp": ts,
                "contractResult": [""], "receipt": {"net_fee": 345000}}


class Block:
    def __init__(self, number: int, parent_id: bytes, ts: int, txs: List[Tx],
                 witness_key: bytes, witness_address: bytes) -> None:
        self.number = number
        self.parent_id = parent_id
        self.timestamp = ts
        self.txs = txs
        self.witness = witness_address
        leaves = [hashlib.sha256(cc.encode_transaction(
            tx.raw, [bytes.fromhex(s) for s in tx.json["signature"]])).digest() for tx in txs]
        self.tx_root = cc.merkle_root(leaves)
        raw = cc.encode_header_raw(number, ts, self.tx_root, parent_id, self.witness,
                                   BLOCK_VERSION)
        digest = hashlib.sha256(raw).digest()
        self.id = number.to_bytes(8, "big") + digest[8:]
        self.witness_signature = cc.sign(digest, witness_key)
        self.infos = [tx.receipt(number, ts) for tx in txs]

    @property
    def id_hex(self) -> str:
        return self.id.hex()

    def to_json(self) -> dict:
        out = {"blockID": self.id_hex,
               "block_header": {"raw_data": {"number": self.number,
                                             "txTrieRoot": self.tx_root.hex(),
                                             "witness_address": self.witness.hex(),
                                             "parentHash": self.parent_id.hex(),
                                             "version": BLOCK_VERSION,
                                             "timestamp": self.timestamp},
                                "witness_signature": self.witness_signature.hex()}}
        if self.txs:  # java-tron adds the key only when there are transactions
            out["transactions"] = [tx.json for tx in self.txs]
        return out


def _visible(obj: Any, parent_key: str = "") -> Any:
    """java-tron's visible=true: address fields (and log addresses) as base58."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if isinstance(v, str) and (k in ADDRESS_KEYS or (k == "address" and
                                                             parent_key == "log")):
                try:
                    out[k] = cc.to_base58(cc.addr(v))
                    continue
                except ValueError:
                    pass
            out[k] = _visible(v, k)
        return out
    if isinstance(obj, list):
        return [_visible(v, parent_key) for v in obj]
    return obj


class Fault:
    def __init__(self, path: str, kind: str, times: Optional[int] = 1, **params: Any) -> None:
        kinds = ("status", "delay", "close", "truncate", "error", "empty", "short_receipts",
                 "body")
        if kind not in kinds:
            raise ValueError(f"fault kind {kind!r} not one of {kinds}")
        self.path = path
        self.kind = kind
        self.remaining = times  # None: until cleared
        self.params = params
        self.hits = 0

    def matches(self, path: str, args: dict, provider: str = "main") -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.params.get("provider") not in (None, provider):
            return False
        if self.path not in ("*", path) and not (self.path.endswith("*") and
                                                  path.startswith(self.path[:-1])):
            return False
        if "num" in self.params:
            try:
                return _as_int(args.get("num")) == int(self.params["num"])
            except (NumberFormat, ValueError):
                return False
        return True

    def describe(self) -> dict:
        return {"path": self.path, "kind": self.kind, "remaining": self.remaining,
                "hits": self.hits, **self.params}


class SimNode:
    """The scriptable chain and its HTTP server. All methods are thread-safe."""

    def __init__(self, *, port: int = 0, first_block: int = 70_000_000, initial_blocks: int = 20,
                 genesis_ms: Optional[int] = None, solid_lag: int = 19,
                 max_lifetime: float = 600.0, seed: str = "tronpay-sim",
                 unsolidified_check: bool = True, log_requests: int = 10_000) -> None:
        self._lock = threading.RLock()
        self.seed = seed
        self.port = port
        self.max_lifetime = max_lifetime
        self.solid_lag = solid_lag
        self.stalled_at: Optional[int] = None
        self.unsolidified_check = unsolidified_check
        self.broadcast_result = "SUCCESS"
        self.blocks: List[Block] = []
        self.first_block = first_block
        self.pending: List[Tx] = []
        self.faults: List[Fault] = []
        self.requests: List[dict] = []
        self._log_cap = log_requests
        self._keys: Dict[Any, bytes] = {}
        self._branch = 0
        self._tx_serial = 0
        self._tx_index: Dict[str, tuple] = {}
        self.stopped = threading.Event()
        self._servers: Dict[str, ThreadingHTTPServer] = {}
        self._ports: Dict[str, int] = {}
        self._provider_lag: Dict[str, int] = {}
        self._auto: Optional[threading.Thread] = None
        self._auto_interval = 0.0
        if genesis_ms is None:
            genesis_ms = (int(time.time() * 1000) // SLOT_MS - initial_blocks) * SLOT_MS
        self.clock_ms = genesis_ms - genesis_ms % SLOT_MS
        self._genesis_parent = (first_block - 1).to_bytes(8, "big") + \
            hashlib.sha256(("parent " + seed).encode()).digest()[8:]
        self.mine(max(1, initial_blocks))

    # --- keys and addresses ------------------------------------------------------------

    def _key(self, role: str, index: int) -> bytes:
        k = (role, index)
        if k not in self._keys:
            self._keys[k] = hashlib.sha256(f"{self.seed} {role} {index}".encode()).digest()
        return self._keys[k]

    def payer_key(self, index: int = 0) -> bytes:
        return self._key("payer", index)

    def payer_address(self, index: int = 0) -> str:
        """The base58 address of payer `index` (the signer of scripted payments)."""
        return cc.to_base58(self._address("payer", index))

    def _address(self, role: str, index: int) -> bytes:
        k = ("addr", role, index)
        if k not in self._keys:
            self._keys[k] = cc.address_from_key(self._key(role, index))
        return self._keys[k]

    # --- chain state -------------------------------------------------------------------

    @property
    def head(self) -> Block:
        return self.blocks[-1]

    @property
    def head_number(self) -> int:
        return self.blocks[-1].number

    @property
    def solid_number(self) -> int:
        with self._lock:
            lagged = max(self.first_block, self.head_number - self.solid_lag)
            if self.stalled_at is not None:
                return min(self.stalled_at, lagged)
            return lagged

    def block(self, number: int) -> Optional[Block]:
        i = number - self.first_block
        if 0 <= i < len(self.blocks):
            return self.blocks[i]
        return None

    def state(self) -> dict:
        with self._lock:
            return {"head": self.head_number, "head_id": self.head.id_hex,
                    "head_timestamp": self.head.timestamp, "solid": self.solid_number,
                    "solid_lag": self.solid_lag, "stalled": self.stalled_at is not None,
                    "first_block": self.first_block, "clock_ms": self.clock_ms,
                    "pending": [t.txid for t in self.pending], "usdt": cc.to_base58(
                        bytes.fromhex(USDT)), "fake_token": cc.to_base58(bytes.fromhex(
                            FAKE_TOKEN)), "payers": [self.payer_address(i) for i in range(3)],
                    "urls": self.urls}

    def set_solid_lag(self, lag: int) -> None:
        """head − solidified from now on (default 19)."""
        with self._lock:
            self.solid_lag = max(0, int(lag))

    def stall_solid(self, stalled: bool = True) -> None:
        """Freeze the solidified block where it is (head keeps growing), or release it."""
        with self._lock:
            self.stalled_at = self.solid_number if stalled else None

    def set_clock(self, ms: int) -> None:
        """The next block is stamped no earlier than ms (rounded up to a 3 s slot)."""
        with self._lock:
            self.clock_ms = max(self.clock_ms, -(-int(ms) // SLOT_MS) * SLOT_MS)

    def advance_clock(self, ms: int) -> None:
        with self._lock:
            self.set_clock(self.clock_ms + int(ms))

    # --- building transactions ---------------------------------------------------------

    def _ref(self) -> bytes:
        return self.head.id if self.blocks else self._genesis_parent

    def _sign_json(self, ctype: str, value_json: dict, body: bytes, ts: int,
                   fee_limit: int, key: bytes, contract_ret: str) -> tuple:
        ref = self._ref()
        tx_ts = ts - 1_500
        while True:  # equal payments in one slot are still distinct transactions
            self._tx_serial += 1
            expiration = ts + 60_000 + self._tx_serial % 1_000_000
            raw = cc.encode_raw(ctype, body, ref[6:8], ref[8:16], expiration, tx_ts, fee_limit)
            txid = hashlib.sha256(raw).digest()
            if txid.hex() not in self._tx_index and \
                    all(p.txid != txid.hex() for p in self.pending):
                break
        sig = cc.sign(txid, key)
        raw_json: Dict[str, Any] = {"contract": [{"parameter": {
            "value": value_json,
            "type_url": "type.googleapis.com/protocol." + ctype}, "type": ctype}],
            "ref_block_bytes": ref[6:8].hex(), "ref_block_hash": ref[8:16].hex(),
            "expiration": expiration}
        if fee_limit:
            raw_json["fee_limit"] = fee_limit
        raw_json["timestamp"] = tx_ts
        tx_json = {"ret": [{"contractRet": contract_ret}], "signature": [sig.hex()],
                   "txID": txid.hex(), "raw_data": raw_json, "raw_data_hex": raw.hex()}
        return tx_json, raw

    def make_tx(self, spec: dict, ts: int) -> Tx:
        payer = spec.get("payer", 0)
        if not isinstance(payer, int) or isinstance(payer, bool) or payer < 0:
            raise ValueError("payer must be an index (the sim signs with its own keys)")
        key = self.payer_key(payer)
        owner = self._address("payer", payer)
        to = cc.addr(spec["to"])
        if spec["kind"] == "trx":
            amount = int(spec["amount"])
            if amount <= 0 or owner == to:
                raise ValueError("a TRX transfer needs amount > 0 and owner != to")
            value = {"amount": amount, "owner_address": owner.hex(), "to_address": to.hex()}
            tx_json, raw = self._sign_json("TransferContract", value,
                                           cc.encode_transfer(owner, to, amount), ts, 0, key,
                                           "SUCCESS")
            return Tx(tx_json, raw, "SUCCESS", {"token": "TRX", "from": owner.hex(),
                                                "to": to.hex(), "amount": str(amount)},
                      "trx", spec)
        if spec["kind"] == "trc20":
            contract = cc.addr(spec["contract"])
            amount = int(spec["amount"])
            if not 0 <= amount < 1 << 256:
                raise ValueError("TRC-20 amount out of range")
            pad = b"\x00" * 11 + b"\x41" if spec.get("pad41") else b"\x00" * 12
            data = bytes.fromhex("a9059cbb") + pad + to[1:] + amount.to_bytes(32, "big")
            result = spec.get("result", "SUCCESS")
            if result not in ("SUCCESS", "OUT_OF_ENERGY", "REVERT"):
                raise ValueError(f"result {result!r}")
            value = {"data": data.hex(), "owner_address": owner.hex(),
                     "contract_address": contract.hex()}
            tx_json, raw = self._sign_json("TriggerSmartContract", value,
                                           cc.encode_trigger(owner, contract, data), ts,
                                           50_000_000 if result != "OUT_OF_ENERGY" else 1_000,
                                           key, result)
            return Tx(tx_json, raw, result, {"token": contract.hex(), "from": owner.hex(),
                                             "to": to.hex(), "amount": str(amount)},
                      "trc20", spec)
        raise ValueError(f"payment kind {spec.get('kind')!r}")

    # --- mining ------------------------------------------------------------------------

    def _next_ts(self) -> int:
        prev = self.blocks[-1].timestamp if self.blocks else self.clock_ms - SLOT_MS
        return max(prev + SLOT_MS, self.clock_ms)

    def _append(self, txs: List[Tx], ts: int) -> Block:
        number = self.first_block + len(self.blocks)
        parent = self.blocks[-1].id if self.blocks else self._genesis_parent
        w = (number + self._branch * 7) % 27  # another branch: another witness, another id
        blk = Block(number, parent, ts, txs, self._key("witness", w),
                    self._address("witness", w))
        self.blocks.append(blk)
        for i, tx in enumerate(txs):
            self._tx_index[tx.txid] = (number, i)
        self.clock_ms = ts
        return blk

    def mine(self, n: int = 1) -> List[Block]:
        """n blocks; the first takes the broadcast transactions waiting, the rest are empty."""
        with self._lock:
            return [self.mine_block([]) for _ in range(int(n))]

    def mine_block(self, payments: Optional[List[dict]] = None) -> Block:
        """One block with these payments (usdt(), trx(), fake_trc20() specs) after the
        broadcast transactions waiting. Returns the Block (.txs[i].txid, .number, .id_hex)."""
        with self._lock:
            ts = self._next_ts()
            txs = self.pending + [self.make_tx(p, ts) for p in (payments or [])]
            self.pending = []
            return self._append(txs, ts)

    def reorg(self, k: int, *, length: Optional[int] = None, reinclude: Any = (),
              payments: Optional[List[List[dict]]] = None, force: bool = False) -> List[Block]:
        """Replaces the last k blocks with a new branch of `length` blocks (default k) from
        another witness. reinclude: txids of the orphaned blocks (or "all") that the new
        branch's first block carries again (same signed bytes, new receipt). payments: one list
        per new block. Refused below the solidified block unless force."""
        with self._lock:
            k = int(k)
            if k < 1 or k >= len(self.blocks):
                raise ValueError(f"cannot reorg {k} blocks of {len(self.blocks)}")
            fork_point = self.head_number - k
            if fork_point < self.solid_number and not force:
                raise ValueError(f"reorg of {k} reaches below the solidified block "
                                 f"{self.solid_number}")
            old = self.blocks[-k:]
            del self.blocks[-k:]
            for b in old:
                for tx in b.txs:
                    self._tx_index.pop(tx.txid, None)
            orphaned = [tx for b in old for tx in b.txs]
            if reinclude == "all":
                again = orphaned
            else:
                want = set(reinclude or ())
                again = [tx for tx in orphaned if tx.txid in want]
            self._branch += 1
            payments = list(payments or [])
            n_new = max(length if length is not None else k, len(payments), 1 if again else 0)
            self.clock_ms = self.blocks[-1].timestamp + SLOT_MS
            out = []
            for i in range(n_new):
                ts = self._next_ts()
                txs = (again if i == 0 else []) + \
                    [self.make_tx(p, ts) for p in (payments[i] if i < len(payments) else [])]
                out.append(self._append(txs, ts))
            return out

    # --- faults ------------------------------------------------------------------------

    def fault(self, path: str, kind: str, times: Optional[int] = 1, **params: Any) -> Fault:
        """Arms a fault on a path ("*" any, a trailing "*" a prefix). kinds:
        status  (status=429|503|403|…, retry_after=None|seconds, body=None|text)
        delay   (seconds=30, then the normal answer)
        close   (connection closed without an answer)
        truncate(the body cut in half after a full Content-Length)
        error   ({"Error":message} with HTTP 200; message defaults to a java.lang exception)
        empty   ({} — a block or receipt not yet there)
        short_receipts (gettransactioninfobyblocknum without its last `drop`=1 entries,
                 or without the one at `index`)
        body    (status=200, body=text: anything)
        num=N limits it to requests for that block number; provider=name to one provider
        (add_provider); times=None: until cleared."""
        with self._lock:
            f = Fault(path, kind, times, **params)
            self.faults.append(f)
            return f

    def clear_faults(self) -> None:
        with self._lock:
            self.faults = []

    def _take_fault(self, path: str, args: dict, provider: str = "main") -> Optional[Fault]:
        with self._lock:
            for f in self.faults:
                if f.matches(path, args, provider):
                    if f.remaining is not None:
                        f.remaining -= 1
                    f.hits += 1
                    return f
        return None

    def _log(self, entry: dict) -> None:
        with self._lock:
            self.requests.append(entry)
            if len(self.requests) > self._log_cap:
                del self.requests[: len(self.requests) - self._log_cap]

    def stats(self) -> dict:
        """Per path: requests, faults served, and the sim's own serving time (ms) of the
        unfaulted ones, so a benchmark can subtract it."""
        with self._lock:
            out: Dict[str, dict] = {}
            for r in self.requests:
                s = out.setdefault(r["path"], {"requests": 0, "faulted": 0, "serve_ms": 0.0})
                s["requests"] += 1
                if r["fault"]:
                    s["faulted"] += 1
                s["serve_ms"] = round(s["serve_ms"] + r.get("ms", 0.0), 3)
            return {"paths": out, "total_serve_ms": round(sum(
                s["serve_ms"] for s in out.values()), 3)}

    def request_count(self, path: Optional[str] = None, provider: Optional[str] = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if (path is None or r["path"] == path)
                       and (provider is None or r["provider"] == provider))

    # --- the java-tron API -------------------------------------------------------------

    def set_provider_lag(self, provider: str, blocks: int) -> None:
        """That provider sees the chain only up to head − blocks (a node behind the others):
        its getnowblock is older, newer blocks and their receipts are {} / [] there."""
        with self._lock:
            self._provider_lag[provider] = max(0, int(blocks))

    def api(self, path: str, args: dict, provider: str = "main") -> Any:
        """The answer java-tron gives for path and its arguments (a JSON value)."""
        with self._lock:
            solid = path.startswith("/walletsolidity/")
            name = path.rsplit("/", 1)[-1]
            seen = max(self.first_block, self.head_number - self._provider_lag.get(provider, 0))
            limit = min(self.solid_number, seen) if solid else seen
            if name == "getnowblock":
                return self.block(limit).to_json()
            if name == "getblockbynum":
                num = _as_int(args.get("num", 0))
                b = self.block(num) if num <= limit else None
                return b.to_json() if b else {}
            if name == "getblockbylimitnext":
                start = _as_int(args.get("startNum", 0))
                end = _as_int(args.get("endNum", 0))
                if not (end > 0 and end > start and end - start <= 100):
                    return {}
                blocks = [self.block(n) for n in range(start, end) if n <= limit]
                return {"block": [b.to_json() for b in blocks if b is not None]}
            if name == "getblockbyid":
                value = str(args.get("value", "")).lower()
                b = self.block(int(value[:16], 16)) if len(value) == 64 and all(
                    ch in "0123456789abcdef" for ch in value) else None
                return b.to_json() if b is not None and b.id_hex == value and \
                    b.number <= limit else {}
            if name == "getblockbylatestnum":
                n = _as_int(args.get("num", 0))
                if not 0 < n <= 100:
                    return {}
                return {"block": [self.block(i).to_json()
                                  for i in range(max(self.first_block, limit - n + 1), limit + 1)]}
            if name == "gettransactioninfobyblocknum":
                num = _as_int(args.get("num", 0))
                if num <= 0:
                    return {}
                b = self.block(num) if num <= limit else None
                return list(b.infos) if b else []
            if name in ("gettransactioninfobyid", "gettransactionbyid"):
                txid = str(args.get("value", "")).lower()
                where = self._tx_index.get(txid)
                if where is None or where[0] > limit:
                    if name == "gettransactionbyid" and not solid:
                        for tx in self.pending:
                            if tx.txid == txid:
                                return tx.json
                    return {}
                b = self.block(where[0])
                return b.infos[where[1]] if name == "gettransactioninfobyid" \
                    else b.txs[where[1]].json
            if name == "broadcasttransaction" and not solid:
                return self.broadcast(args)
            raise KeyError(path)

    def broadcast(self, tx: dict) -> dict:
        """java-tron's BroadcastServlet: {"result":true,"txid":…} or {"code":…,"txid":…,
        "message":hex}. The transaction goes into the next mined block."""
        with self._lock:
            def refuse(code: str, message: str, txid: str = "") -> dict:
                out: Dict[str, Any] = {"code": code}
                out["txid"] = txid
                out["message"] = _hexmsg(message)
                return out
            try:
                raw = cc.encode_raw_from_json(tx["raw_data"])
            except (KeyError, ValueError, TypeError) as e:
                return {"Error": f"class org.tron.core.exception.ContractValidateException : {e}"}
            txid = hashlib.sha256(raw).hexdigest()
            contract = tx["raw_data"]["contract"][0]
            value = contract["parameter"]["value"]
            owner = cc.addr(value["owner_address"])
            sigs = tx.get("signature") or []
            if not sigs:
                return refuse("SIGERROR", "validate signature error: miss sig or contract",
                              txid)
            pub = cc.recover(bytes.fromhex(txid), bytes.fromhex(sigs[0]))
            if pub is None or cc.address_from_pubkey(pub) != owner:
                return refuse("SIGERROR", "validate signature error: sig error", txid)
            if txid in self._tx_index or any(p.txid == txid for p in self.pending):
                return refuse("DUP_TRANSACTION_ERROR", "dup transaction", txid)
            rb = tx["raw_data"].get("ref_block_bytes", "")
            rh = tx["raw_data"].get("ref_block_hash", "")
            if not any(b.id[6:8].hex() == rb and b.id[8:16].hex() == rh for b in self.blocks):
                return refuse("TAPOS_ERROR", "Tapos check error", txid)
            if int(tx["raw_data"].get("expiration", 0)) <= self.head.timestamp:
                return refuse("TRANSACTION_EXPIRATION_ERROR", "Transaction expired", txid)
            if self.unsolidified_check and \
                    self.head_number - self.solid_number >= UNSOLIDIFIED_LIMIT:
                return refuse("BLOCK_UNSOLIDIFIED", "Bad block unsolidified", txid)
            sig_list = [s.lower() for s in sigs]
            raw_json = copy.deepcopy(tx["raw_data"])
            for c in raw_json["contract"]:  # stored as visible=false, whatever was sent
                v = c["parameter"]["value"]
                for k in ADDRESS_KEYS:
                    if k in v:
                        v[k] = cc.addr(v[k]).hex()
            if contract["type"] == "TransferContract":
                transfer = {"token": "TRX", "from": owner.hex(),
                            "to": cc.addr(value["to_address"]).hex(),
                            "amount": str(value.get("amount", 0))}
                kind, ret = "trx", "SUCCESS"
            else:
                data = bytes.fromhex(value.get("data", ""))
                ret = self.broadcast_result
                if data[:4] == bytes.fromhex("a9059cbb") and len(data) == 68:
                    transfer = {"token": cc.addr(value["contract_address"]).hex(),
                                "from": owner.hex(), "to": "41" + data[16:36].hex(),
                                "amount": str(int.from_bytes(data[36:68], "big"))}
                    kind = "trc20"
                else:
                    transfer, kind = None, "call"
            tx_json = {"ret": [{"contractRet": ret}], "signature": sig_list, "txID": txid,
                       "raw_data": raw_json, "raw_data_hex": raw.hex()}
            self.pending.append(Tx(tx_json, raw, ret, transfer, kind))
            return {"result": True, "txid": txid}

    # --- server ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The URL of the first provider ("main")."""
        return self.url_of("main")

    def url_of(self, provider: str) -> str:
        port = self._ports.get(provider)
        assert port is not None, f"no provider {provider!r} (not started?)"
        return f"http://127.0.0.1:{port}"

    @property
    def urls(self) -> Dict[str, str]:
        return {name: self.url_of(name) for name in self._ports}

    def _listen(self, provider: str, port: int) -> None:
        srv = _Server(("127.0.0.1", port), _Handler)
        srv.node = self  # type: ignore[attr-defined]
        srv.provider = provider  # type: ignore[attr-defined]
        self._servers[provider] = srv
        self._ports[provider] = srv.server_address[1]
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1},
                         name=f"sim-http-{provider}", daemon=True).start()

    def add_provider(self, name: str, port: int = 0) -> str:
        """Another listener (its own port, faults and suspension) serving the same chain,
        as a second node or API provider would; returns its URL."""
        with self._lock:
            if name in self._ports:
                raise ValueError(f"provider {name!r} exists")
            self._listen(name, port)
            return self.url_of(name)

    def suspend(self, seconds: Optional[float] = None, provider: str = "main") -> None:
        """Closes a provider's listening socket (clients get "connection refused"; the chain
        stays); reopened on the same port by resume() or after `seconds`."""
        with self._lock:
            srv = self._servers.pop(provider, None)
            if srv is None:
                return  # suspended already
        srv.shutdown()
        srv.server_close()
        if seconds is not None:
            t = threading.Timer(float(seconds), self.resume, kwargs={"provider": provider})
            t.daemon = True
            t.start()

    def resume(self, provider: str = "main") -> None:
        with self._lock:
            if provider in self._servers or self.stopped.is_set():
                return
            self._listen(provider, self._ports[provider])

    def start(self) -> str:
        self._listen("main", self.port)
        if self.max_lifetime:
            t = threading.Timer(self.max_lifetime, self.stop)
            t.daemon = True
            t.start()
        return self.url

    def stop(self) -> None:
        if self.stopped.is_set():
            return
        self.stopped.set()
        with self._lock:
            servers = list(self._servers.values())
            self._servers.clear()
        for srv in servers:
            threading.Thread(target=lambda srv=srv: (srv.shutdown(), srv.server_close()),
                             daemon=True).start()

    def wait(self, timeout: Optional[float] = None) -> bool:
        return self.stopped.wait(timeout)

    def auto_mine(self, interval_s: float) -> None:
        """Mines one block (with whatever was broadcast) every interval_s seconds of real
        time, advancing the block clock by one slot each time; 0 stops it."""
        with self._lock:
            self._auto_interval = float(interval_s)
            if self._auto_interval > 0 and self._auto is None:
                self._auto = threading.Thread(target=self._auto_loop, name="sim-auto",
                                              daemon=True)
                self._auto.start()

    def _auto_loop(self) -> None:
        while not self.stopped.wait(self._auto_interval or 0.2):
            if self._auto_interval > 0:
                self.mine(1)

    def __enter__(self) -> "SimNode":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# --- control endpoint -----------------------------------------------------------------------


def _control(sim: SimNode, path: str, args: dict) -> Any:
    """/sim/state; /sim/mine {"n":k} or {"payments":[spec,…]} (spec: {"kind":"usdt"|"trx"|
    "fake"|"trc20","to":addr,"amount":n,"result":…,"contract":…,"payer":i});
    /sim/reorg {"k":n,"length":m,"reinclude":[txid…]|"all","payments":[[spec…],…]};
    /sim/solid {"lag":n} and/or {"stalled":bool}; /sim/clock {"ms":t} or {"advance_ms":d};
    /sim/fault {"path":p,"kind":k,"times":n|null,…params}; /sim/faults/clear; /sim/faults;
    /sim/requests; /sim/stats; /sim/suspend {"seconds":s,"provider":name};
    /sim/provider {"name":n,"lag":k} (another listener on the same chain, k blocks behind); /sim/auto {"interval_s":x};
    /sim/broadcast_result {"result":"REVERT"}; /sim/stop. See README.md."""
    name = path[len("/sim/"):]
    if name == "state":
        return sim.state()
    if name == "mine":
        if "payments" in args:
            specs = [_spec(p) for p in args["payments"]]
            blocks = [sim.mine_block(specs)]
            blocks += sim.mine(int(args.get("n", 1)) - 1)
        else:
            blocks = sim.mine(int(args.get("n", 1)))
        return {"blocks": [_summary(b) for b in blocks], "state": sim.state()}
    if name == "reorg":
        pays = [[_spec(p) for p in blk] for blk in args.get("payments", [])]
        blocks = sim.reorg(int(args["k"]), length=args.get("length"),
                           reinclude=args.get("reinclude", ()), payments=pays,
                           force=_flag(args.get("force", False)))
        return {"blocks": [_summary(b) for b in blocks], "state": sim.state()}
    if name == "solid":
        if "lag" in args:
            sim.set_solid_lag(int(args["lag"]))
        if "stalled" in args:
            sim.stall_solid(_flag(args["stalled"]))
        return sim.state()
    if name == "clock":
        if "ms" in args:
            sim.set_clock(int(args["ms"]))
        if "advance_ms" in args:
            sim.advance_clock(int(args["advance_ms"]))
        return sim.state()
    if name == "fault":
        params = {k: v for k, v in args.items() if k not in ("path", "kind", "times")}
        times = args.get("times", 1)
        if isinstance(times, str):
            times = None if times.lower() in ("null", "none", "") else int(times)
        f = sim.fault(args.get("path", "*"), args["kind"], times, **params)
        return f.describe()
    if name == "faults/clear":
        sim.clear_faults()
        return {"faults": []}
    if name == "faults":
        with sim._lock:
            return {"faults": [f.describe() for f in sim.faults]}
    if name == "requests":
        with sim._lock:
            return {"requests": list(sim.requests)}
    if name == "stats":
        return sim.stats()
    if name == "suspend":
        threading.Thread(target=sim.suspend, args=(float(args.get("seconds", 1.0)),
                                                   str(args.get("provider", "main"))),
                         daemon=True).start()
        return {"suspended_s": float(args.get("seconds", 1.0))}
    if name == "provider":
        name_ = str(args["name"])
        url = sim.url_of(name_) if name_ in sim.urls else sim.add_provider(name_)
        if "lag" in args:
            sim.set_provider_lag(name_, int(args["lag"]))
        return {"url": url}
    if name == "auto":
        sim.auto_mine(float(args.get("interval_s", 0)))
        return sim.state()
    if name == "broadcast_result":
        sim.broadcast_result = str(args.get("result", "SUCCESS"))
        return {"broadcast_result": sim.broadcast_result}
    if name == "stop":
        sim.stop()
        return {"stopping": True}
    raise KeyError(path)


def _flag(v: Any) -> bool:
    """A JSON boolean, or its text from a query string."""
    if isinstance(v, str):
        if v.lower() in ("true", "1"):
            return True
        if v.lower() in ("false", "0", ""):
            return False
        raise ValueError(f"not a boolean: {v!r}")
    return bool(v)


def _spec(p: dict) -> dict:
    kind = p.get("kind", "usdt")
    if kind == "usdt":
        return usdt(p["to"], p["amount"], result=p.get("result", "SUCCESS"),
                    payer=p.get("payer", 0), pad41=_flag(p.get("pad41", False)))
    if kind == "trx":
        return trx(p["to"], p["amount"], payer=p.get("payer", 0), fee=_flag(p.get("fee", False)))
    if kind in ("fake", "trc20"):
        return fake_trc20(p["to"], p["amount"], contract=p.get("contract", FAKE_TOKEN),
                          payer=p.get("payer", 0))
    raise ValueError(f"payment kind {kind!r}")


def _summary(b: Block) -> dict:
    return {"number": b.number, "id": b.id_hex, "timestamp": b.timestamp,
            "txids": [t.txid for t in b.txs]}


# --- HTTP ---------------------------------------------------------------------------------

RATE_BODIES = {
    429: '{"Error":"request rate exceeded the allowed_rps(10), and the query server is '
         'suspended for 5 s"}',
    403: '{"Success":false,"Error":"The key exceeds the frequency limit(15), and the query '
         'server is suspended for 30s","StatusCode":403}',
    503: '{"Error":"The key exceeds the frequency limit(15), and the query server is '
         'suspended for 30s"}',
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, socket.timeout, TimeoutError)):
            return  # a client that timed out or hung up: expected under faults
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is closed after 30 s
    def version_string(self) -> str:
        return "tronpay-sim"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _send(self, status: int, body: str, headers: Optional[dict] = None) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        sim: SimNode = self.server.node  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        args: Dict[str, Any] = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        body = self._read_body()
        bad_json = None
        if body.strip():
            try:
                parsed = json.loads(body)
                if isinstance(parsed, dict):
                    args.update(parsed)
                else:
                    bad_json = "expected a JSON object"
            except ValueError as e:
                bad_json = str(e)
        if path.startswith("/sim/"):
            try:
                self._send(200, json.dumps(_control(sim, path, args)))
            except KeyError as e:
                self._send(404, json.dumps({"error": f"unknown {e}"}))
            except (ValueError, TypeError) as e:
                self._send(400, json.dumps({"error": str(e)}))
            except Exception as e:  # noqa: BLE001 — a test's bad script, said back to it
                self._send(500, json.dumps({"error": f"{type(e).__name__}: {e}"}))
            return
        if sim.stopped.is_set():
            self._drop()
            return
        started = time.perf_counter()
        provider = self.server.provider  # type: ignore[attr-defined]
        fault = sim._take_fault(path, args, provider)
        entry = {"t": time.time(), "provider": provider, "method": self.command, "path": path,
                 "args": args, "fault": fault.kind if fault else None,
                 "headers": {k.lower(): v for k, v in self.headers.items()
                             if k.lower() not in ("content-length", "host")}}
        sim._log(entry)
        try:
            self._answer(sim, path, args, fault, bad_json)
        finally:
            if fault is None:
                entry["ms"] = round((time.perf_counter() - started) * 1000, 3)

    def _answer(self, sim: "SimNode", path: str, args: dict, fault: Optional[Fault],
                bad_json: Optional[str]) -> None:
        if fault is not None and self._apply_fault(sim, fault, path, args):
            return
        if bad_json is not None:
            self._send(200, json.dumps({"Error": "class org.tron.json.JSONException : "
                                        + bad_json}) + "\n")
            return
        try:
            answer = sim.api(path, args, self.server.provider)  # type: ignore[attr-defined]
        except NumberFormat as e:
            answer = {"Error": f"class java.lang.NumberFormatException : {e}"}
        except KeyError:
            self._send(404, "<html><body><h2>404 Not found</h2></body></html>")
            return
        except Exception as e:  # noqa: BLE001 — java-tron's Util.processError: 200 + Error
            answer = {"Error": f"class java.lang.IllegalArgumentException : "
                               f"{type(e).__name__}: {e}"}
        visible = args.get("visible") in (True, "true", "True", "TRUE")
        if visible:
            answer = _visible(answer)
        if fault is not None and fault.kind == "short_receipts" and isinstance(answer, list):
            if "index" in fault.params:  # one missing in the middle, as a rebuilt list skips
                answer = [a for i, a in enumerate(answer) if i != int(fault.params["index"])]
            else:
                drop = int(fault.params.get("drop", 1))
                answer = answer[:max(0, len(answer) - drop)]
        text = json.dumps(answer, separators=(",", ":")) + "\n"  # java-tron println()s
        if fault is not None and fault.kind == "truncate":
            data = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: max(1, len(data) // 2)])
            self.wfile.flush()
            self._drop()
            return
        self._send(200, text)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():  # trailers
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _apply_fault(self, sim: SimNode, f: Fault, path: str, args: dict) -> bool:
        """True when the fault answered (or refused to); False to go on with the normal
        answer (delay, truncate, short_receipts act on it)."""
        p = f.params
        if f.kind == "status":
            status = int(p.get("status", 503))
            headers = {}
            if p.get("retry_after") is not None:
                headers["Retry-After"] = p["retry_after"]
            self._send(status, p.get("body", RATE_BODIES.get(status, "")), headers)
            return True
        if f.kind == "delay":
            sim.stopped.wait(float(p.get("seconds", 30)))
            return False
        if f.kind == "close":
            self._drop()
            return True
        if f.kind == "error":
            msg = p.get("message", "class java.lang.NullPointerException : null")
            self._send(200, json.dumps({"Error": msg}) + "\n")
            return True
        if f.kind == "empty":
            self._send(200, "{}\n")
            return True
        if f.kind == "body":
            self._send(int(p.get("status", 200)), str(p.get("body", "")))
            return True
        return False


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Simulated TRON full node on 127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 = an ephemeral port")
    ap.add_argument("--ready-file", help="written (atomically) with the URL once listening")
    ap.add_argument("--max-lifetime", type=float, default=600.0, help="seconds; then it stops")
    ap.add_argument("--first-block", type=int, default=70_000_000)
    ap.add_argument("--initial-blocks", type=int, default=20)
    ap.add_argument("--genesis-ms", type=int, default=None,
                    help="timestamp of the first block (default: now − initial blocks)")
    ap.add_argument("--solid-lag", type=int, default=19)
    ap.add_argument("--block-interval", type=float, default=0.0,
                    help="mine a block every N seconds of real time (0: only when told)")
    ap.add_argument("--seed", default="tronpay-sim")
    a = ap.parse_args(argv)
    sim = SimNode(port=a.port, first_block=a.first_block, initial_blocks=a.initial_blocks,
                  genesis_ms=a.genesis_ms, solid_lag=a.solid_lag,
                  max_lifetime=a.max_lifetime, seed=a.seed)
    url = sim.start()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: sim.stop())
    if a.block_interval:
        sim.auto_mine(a.block_interval)
    print(url, flush=True)
    if a.ready_file:
        tmp = a.ready_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(url + "\n")
        os.replace(tmp, a.ready_file)
    while not sim.wait(0.5):
        pass
    time.sleep(0.2)  # let the server thread close its socket
    return 0


if __name__ == "__main__":
    sys.exit(main())
