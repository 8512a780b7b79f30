#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets tx_build, tx_serialize, hd_xprv and sign
(fuzz/corpus/NAME/*): valid cases of each shape plus the edges the properties name. The input
layouts are described at the top of each fuzz/NAME.swift."""
import os
import struct
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz", "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)


def i64(v):
    return struct.pack("<q", v)


def i32(v):
    return struct.pack("<i", v)


# ---- tx_build -------------------------------------------------------------------------------
OWNER = bytes.fromhex("41c8599111f29c1e1e061265b4af93ea1f274ad78a")
USDT = bytes.fromhex("41a614f803b6fd780986a42c78ec9c7f77e6ded13c")
TO = bytes.fromhex("413fcc5f66a381694b6f6656eb08b535c3587e8ed1")
BLOCK = bytes.fromhex("0000000003e727dcaa9ccb29dfc6e535a5e2c6b93e7c5f0e3e2d1c0b0a090807")
T0 = 1_700_000_000_000


def build(kind, flags=0, size=0, owner=OWNER, contract=USDT, to=TO, block=BLOCK, ts=T0,
          exp=T0 + 60_000, fee=0, perm=0, memo=b"", tail=b""):
    data = bytes([kind, flags, size & 0xFF]) + owner + contract
    if not flags & 0x08:
        data += to
    data += block + i64(ts) + i64(exp) + i64(fee) + i32(perm) + bytes([len(memo)]) + memo
    return data + tail


def amount_text(text):
    return bytes([len(text)]) + text


MAX256 = str(2**256 - 1).encode()
write("tx_build", "transfer", build(0, tail=i64(1_000_000)))
write("tx_build", "transfer-memo-perm", build(0, memo=b"order 42", perm=2, ts=0, tail=i64(1)))
write("tx_build", "transfer-self", build(0, flags=0x08, tail=i64(5)))
write("tx_build", "transfer-zero", build(0, tail=i64(0)))
write("tx_build", "trc20", build(1, fee=30_000_000, tail=amount_text(b"1000000")))
write("tx_build", "trc20-max", build(1, fee=100_000_000, memo=b"\x00\xff", tail=amount_text(MAX256)))
write("tx_build", "trc20-over", build(1, fee=1, tail=amount_text(str(2**256).encode())))
write("tx_build", "trc20-zeros", build(1, fee=1, tail=amount_text(b"000000")))
write("tx_build", "trc20-null-amount", build(1, flags=0x10, fee=1, tail=amount_text(b"1")))
approve = bytes.fromhex("095ea7b3") + bytes(12) + TO[1:] + (2**255).to_bytes(32, "big")
write("tx_build", "trigger", build(2, fee=50_000_000, perm=3, tail=i64(0) + approve))
write("tx_build", "trigger-value", build(2, ts=0, tail=i64(10_000) + b""))
write("tx_build", "options-larger", build(0, size=16, tail=i64(7)))
write("tx_build", "options-smaller", build(0, size=0xF8, tail=i64(7)))
write("tx_build", "options-tiny", build(1, size=0xC2, tail=amount_text(b"1")))
write("tx_build", "options-null", build(2, flags=0x01, tail=i64(0)))
write("tx_build", "block-null", build(0, flags=0x02, tail=i64(1)))
write("tx_build", "memo-null", build(0, flags=0x04, memo=b"x", tail=i64(1)))
write("tx_build", "expiry-before", build(0, ts=T0, exp=T0, tail=i64(1)))
write("tx_build", "bad-address", build(0, owner=b"\xa0" + OWNER[1:], tail=i64(1)))

# ---- tx_serialize ---------------------------------------------------------------------------
tx_raw = os.path.join(root, "tx_raw")
raws = [open(os.path.join(tx_raw, n), "rb").read() for n in sorted(os.listdir(tx_raw))[:4]]
sig = bytes.fromhex("0dc0b53d525e0103a6013061cf18e60cf158809149f2b8994a545af65a7004cb"
                    "1eeaff560e801ab51b28df5d42549aa024c2aa7e9d34de1e01294b9afb5e6c7e1c")
write("tx_serialize", "unsigned", bytes([0]) + raws[0])
write("tx_serialize", "one", bytes([1]) + sig + raws[1])
write("tx_serialize", "three", bytes([3]) + sig + bytes(65) + b"\xff" * 65 + raws[2])
write("tx_serialize", "sigs-null", bytes([0x08 | 2]) + raws[3])
write("tx_serialize", "count-huge", bytes([0x20, 1]) + raws[0])
write("tx_serialize", "empty-null", bytes([0x10]))
write("tx_serialize", "garbage", bytes([1]) + sig + b"\x0a\x02\x27")

# ---- hd_xprv --------------------------------------------------------------------------------
bip39 = bytes.fromhex("5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc1"
                      "9a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4")
bip32 = bytes(range(16))


def hd(seed, path, flags=0, null=False, length=None):
    n = len(seed) if length is None else length
    return bytes([(0x80 if null else 0) | n, flags]) + seed + path


write("hd_xprv", "account", hd(bip39, b"m/44'/195'/0'"))
write("hd_xprv", "address", hd(bip39, b"m/44'/195'/0'/0/7"))
write("hd_xprv", "master", hd(bip32, b"m"))
write("hd_xprv", "bip32-chain", hd(bip32, b"m/0h/1/2h/2/1000000000"))
write("hd_xprv", "max-index", hd(bytes(32), b"m/2147483647'/2147483647"))
write("hd_xprv", "seed-short", hd(bytes(15), b"m/0"))
write("hd_xprv", "seed-long", hd(bytes(65), b"m/0"))
write("hd_xprv", "seed-null", hd(b"", b"m/0", null=True, length=0) )
write("hd_xprv", "path-null", hd(bip32, b"m", flags=1))
write("hd_xprv", "path-bad", hd(bip32, b"m/01"))
write("hd_xprv", "deep", hd(bip32, b"m" + b"/1" * 255))

# ---- sign -----------------------------------------------------------------------------------
key = bytes.fromhex("b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28")
digest = bytes(range(32))
n = bytes.fromhex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
write("sign", "hello", bytes([0]) + key + digest + b"hello world")
write("sign", "empty-null", bytes([1]) + key + digest)
write("sign", "thirty-two", bytes([0]) + key + digest + bytes(range(32, 64)))
write("sign", "long", bytes([0]) + key + bytes(32) + bytes(range(256)) * 2)
write("sign", "key-one", bytes([0]) + bytes(31) + b"\x01" + digest + b"x")
write("sign", "key-n-1", bytes([0]) + n[:31] + b"\x40" + digest + b"x")
write("sign", "key-zero", bytes([0]) + bytes(32) + digest)
write("sign", "key-n", bytes([0]) + n + digest)
print("seed corpora written under", os.path.normpath(root), file=sys.stderr)
