#!/usr/bin/env python3
"""The Python way of doing what libtronpay does, timed on the same inputs as bench/bench.c.

Each row is the median, over rounds, of nanoseconds per operation. When the library is given,
each round also runs libtronpay (through ctypes, bench/peers/ours.py) on the same input right
after the peer, so peer/ours is the median of per-round ratios measured under the same load.
Rows whose package did not install are left out (and said so). Writes JSON that bench/bench.c
reads:
  {"python": "...", "results": {"<key>": {"ns": N, "what": "...", "ours_ns": N,
                                          "peer_over_ours": R}, ...}}

Usage: peers.py DATA_DIR OUT_JSON [LIBTRONPAY_SO]
"""
import hashlib
import json
import platform
import statistics
import sys
import time

ROUNDS = 7
KEY = bytes(range(1, 33))  # the bench key: 0x01 … 0x20, as in bench.c
USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
TO = "TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx"
AMOUNT = 41677389
FEE_LIMIT = 50_000_000
REF_BLOCK_ID = "0000000004 21afbf 4e85c21e37dfb0c5 1942076d0e5c118a3b619025d74406a3".replace(" ", "")
ABANDON_SEED = bytes.fromhex(
    "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc1"
    "9a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4")
TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
HEX = set("0123456789abcdef")


def timed(fn, iterations):
    t0 = time.perf_counter_ns()
    fn(iterations)
    return (time.perf_counter_ns() - t0) / iterations


def measure(fn, ours, iterations):
    """Median ns per operation of the peer (and of ours, alternating), median of the ratios."""
    fn(max(1, iterations // 10))  # warm-up
    if ours:
        ours(max(1, iterations // 10))
    peer, mine, ratios = [], [], []
    for _ in range(ROUNDS):
        peer.append(timed(fn, iterations))
        if ours:
            mine.append(timed(ours, iterations))
            ratios.append(peer[-1] / mine[-1])
    if not ours:
        return statistics.median(peer), None, None
    return statistics.median(peer), statistics.median(mine), statistics.median(ratios)


results, skipped = {}, []


def row(key, what, fn, iterations, ours=None):
    try:
        ns, ours_ns, ratio = measure(fn, ours, iterations)
    except ImportError as e:
        skipped.append(f"{key}: {e}")
        print(f"{key:<20} skipped: {e}")
        return
    results[key] = {"ns": round(ns, 1), "what": what}
    line = f"{key:<20} {ns:14.1f} ns  {what}"
    if ours_ns:
        results[key].update({"ours_ns": round(ours_ns, 1), "peer_over_ours": round(ratio, 2)})
        line += f"  | libtronpay {ours_ns:.1f} ns, peer/ours {ratio:.1f}x"
    print(line, flush=True)


# ---- tronpy: build a USDT transfer offline, sign it, JSON it ----
def tronpy_transfer():
    from tronpy import Tron
    from tronpy.abi import trx_abi
    from tronpy.keys import PrivateKey, to_hex_address
    from tronpy.tron import TransactionBuilder

    client = Tron(network="mainnet")  # no request is made: the build is offline
    key = PrivateKey(KEY)
    owner = key.public_key.to_base58check_address()

    def build_sign(n):
        for _ in range(n):
            data = "a9059cbb" + trx_abi.encode(["address", "uint256"], [TO, AMOUNT]).hex()
            inner = {
                "parameter": {
                    "value": {"data": data, "owner_address": to_hex_address(owner),
                              "contract_address": to_hex_address(USDT)},
                    "type_url": "type.googleapis.com/protocol.TriggerSmartContract",
                },
                "type": "TriggerSmartContract",
            }
            tx = TransactionBuilder(inner, client).fee_limit(FEE_LIMIT)
            tx = tx.build(offline=True, ref_block_id=REF_BLOCK_ID).sign(key)
            json.dumps(tx.to_json())

    return build_sign


def raw_data_bytes():
    """The TRC-20 raw_data as tronpy encodes it (protobuf), for the coincurve rows."""
    from tronpy.proto.transaction import _raw_data_to_protobuf
    from tronpy.abi import trx_abi
    from tronpy.keys import PrivateKey, to_hex_address
    owner = PrivateKey(KEY).public_key.to_hex_address()
    raw = {
        "contract": [{
            "parameter": {
                "value": {"data": "a9059cbb" + trx_abi.encode(["address", "uint256"],
                                                              [TO, AMOUNT]).hex(),
                          "owner_address": owner, "contract_address": to_hex_address(USDT)},
                "type_url": "type.googleapis.com/protocol.TriggerSmartContract"},
            "type": "TriggerSmartContract"}],
        "ref_block_bytes": REF_BLOCK_ID[12:16], "ref_block_hash": REF_BLOCK_ID[16:32],
        "expiration": 1738602162000, "fee_limit": FEE_LIMIT, "timestamp": 1738601502223,
    }
    return _raw_data_to_protobuf(raw).SerializeToString()


# ---- coincurve: sign raw_data (SHA-256 + recoverable ECDSA), recover an address ----
def coincurve_sign():
    import coincurve
    key = coincurve.PrivateKey(KEY)
    try:
        raw = raw_data_bytes()
    except ImportError:
        raw = bytes(range(200))  # tronpy missing: a stand-in of about the same size
    def sign(n):
        for _ in range(n):
            key.sign_recoverable(hashlib.sha256(raw).digest(), hasher=None)
    return sign


def recover_inputs():
    import coincurve
    from Crypto.Hash import keccak
    digest = keccak.new(data=b"libtronpay recover bench", digest_bits=256).digest()
    return digest, coincurve.PrivateKey(KEY).sign_recoverable(digest, hasher=None)


def coincurve_recover():
    import coincurve
    from Crypto.Hash import keccak
    digest, sig = recover_inputs()
    def recover(n):
        for _ in range(n):
            pub = coincurve.PublicKey.from_signature_and_message(sig, digest, hasher=None)
            h = keccak.new(data=pub.format(compressed=False)[1:], digest_bits=256).digest()
            b"\x41" + h[12:]
    return recover


# ---- bip_utils: watch-only addresses from an xpub ----
def bip_utils_xpub():
    from bip_utils import Bip32Slip10Secp256k1, TrxAddrEncoder
    xpub = Bip32Slip10Secp256k1.FromSeed(ABANDON_SEED).DerivePath("m/44'/195'/0'") \
        .PublicKey().ToExtended()
    def derive(n):
        # per batch of 100, as bench.c: the change node once, then each address
        for start in range(0, n, 100):
            change = Bip32Slip10Secp256k1.FromExtendedKey(xpub).ChildKey(0)
            for i in range(100):
                TrxAddrEncoder.EncodeKey(change.ChildKey(i).PublicKey().KeyObject())
    return derive


# ---- address text both ways (base58), BIP39 seed ----
def base58_parse():
    import base58
    def parse(n):
        for _ in range(n):
            raw = base58.b58decode_check(USDT)
            if len(raw) != 21 or raw[0] != 0x41:
                raise ValueError("not a TRON address")
    return parse


def base58_format():
    import base58
    raw = base58.b58decode_check(USDT)
    def fmt(n):
        for _ in range(n):
            base58.b58encode_check(raw).decode()
    return fmt


def bip_utils_seed():
    from bip_utils import Bip39SeedGenerator
    words = " ".join(["abandon"] * 11 + ["about"])
    def seed(n):
        for _ in range(n):
            Bip39SeedGenerator(words).Generate()
    return seed


# ---- the plain-Python receipts pipeline: json.loads, strict decode, base58, json.dumps ----
def receipts_pipeline(block_text):
    import base58

    def is_hex(s, n):
        return isinstance(s, str) and len(s) == n and set(s) <= HEX

    def decode(receipts):
        transfers, skipped = [], []
        if not isinstance(receipts, list):
            raise ValueError("not a list")
        for r in receipts:
            if not isinstance(r, dict) or not is_hex(r.get("id"), 64):
                raise ValueError("bad receipt")
            block = r.get("blockNumber")
            ts = r.get("blockTimeStamp")
            result = (r.get("receipt") or {}).get("result")
            success = result in (None, "SUCCESS")
            for index, log in enumerate(r.get("log", [])):
                topics = log.get("topics", [])
                data = log.get("data", "")
                if (len(topics) == 3 and topics[0] == TRANSFER_TOPIC
                        and all(is_hex(t, 64) and t[:24] == "0" * 24 for t in topics[1:])
                        and is_hex(data, 64) and is_hex(log.get("address"), 40)):
                    transfers.append({
                        "txid": r["id"], "log_index": index, "block": block,
                        "timestamp_ms": ts,
                        "token": base58.b58encode_check(bytes.fromhex("41" + log["address"]))
                        .decode(),
                        "from": base58.b58encode_check(bytes.fromhex("41" + topics[1][24:]))
                        .decode(),
                        "to": base58.b58encode_check(bytes.fromhex("41" + topics[2][24:]))
                        .decode(),
                        "amount": str(int(data, 16)), "success": success, "source": "log"})
                else:
                    skipped.append({"txid": r["id"], "log_index": index, "reason": "not_transfer"})
        return {"transfers": transfers, "skipped": skipped}

    def pipeline(n):
        for _ in range(n):
            json.dumps(decode(json.loads(block_text)), separators=(",", ":"))
    pipeline.count = lambda: len(decode(json.loads(block_text))["transfers"])
    return pipeline


def main():
    data_dir, out_path = sys.argv[1], sys.argv[2]
    lib = None
    if len(sys.argv) > 3:
        from ours import Ours
        lib = Ours(sys.argv[3])
    print(f"Python {platform.python_version()}, median of {ROUNDS} rounds, ns per operation")
    words = " ".join(["abandon"] * 11 + ["about"])
    usdt_raw = bytes.fromhex("41a614f803b6fd780986a42c78ec9c7f77e6ded13c")

    def ours_recover():
        try:
            return lib.recover(*recover_inputs())
        except ImportError:
            return None

    for key, what, make, iterations, ours in (
        ("tx_build_sign", "tronpy build+sign+to_json (offline)", tronpy_transfer, 200,
         lambda: lib.tx_build_sign()),
        ("sign", "coincurve sha256 + sign_recoverable", coincurve_sign, 400,
         lambda: lib.sign()),
        ("recover", "coincurve recover + keccak (pycryptodome)", coincurve_recover, 400,
         ours_recover),
        ("xpub_address", "bip_utils xpub child address", bip_utils_xpub, 200,
         lambda: lib.xpub_address()),
        ("address_parse", "base58.b58decode_check", base58_parse, 20000,
         lambda: lib.address_parse(USDT)),
        ("address_to_base58", "base58.b58encode_check", base58_format, 20000,
         lambda: lib.address_to_base58(usdt_raw)),
        ("mnemonic_to_seed", "bip_utils Bip39SeedGenerator (validates, PBKDF2)", bip_utils_seed,
         20, lambda: lib.mnemonic_to_seed(words)),
    ):
        try:
            fn = make()
        except ImportError as e:
            skipped.append(f"{key}: {e}")
            print(f"{key:<20} skipped: {e}")
            continue
        row(key, what, fn, iterations, ours() if lib else None)
    with open(f"{data_dir}/receipts-2mib.json", "rb") as f:
        block = f.read()
    try:
        pipeline = receipts_pipeline(block.decode())
        if lib and lib.has("tronpay_transfers_parse"):
            theirs, mine = pipeline.count(), lib.transfers_count(block)
            print(f"receipts_pipeline: {theirs} transfers in Python, {mine} in libtronpay"
                  + ("" if theirs == mine else "  (DIFFERENT)"))
        row("receipts_pipeline", "json.loads + strict decode + base58 + json.dumps", pipeline, 2,
            lib.transfers_parse(block) if lib else None)
    except ImportError as e:
        skipped.append(f"receipts_pipeline: {e}")
    with open(out_path, "w") as f:
        json.dump({"python": platform.python_version(), "rounds": ROUNDS, "results": results,
                   "skipped": skipped}, f, indent=1)
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
