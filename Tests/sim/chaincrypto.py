"""What the simulated node needs to write real TRON bytes, in standard-library Python only:
Keccak-256, secp256k1 (RFC 6979 signatures with recovery id, public-key recovery), base58check
addresses and the protobuf of Transaction.raw (TransferContract, TriggerSmartContract) and of
BlockHeader.raw. Independent of libtronpay on purpose: the tests compare the two.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Optional, Tuple

# --- Keccak-256 (the pre-standard padding 0x01, as TRON and Ethereum use) -------------------

_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56],
        [27, 20, 39, 8, 14]]
_M64 = (1 << 64) - 1


def _rol(v: int, n: int) -> int:
    return ((v << n) | (v >> (64 - n))) & _M64 if n else v


def _keccak_f(a):
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)]
             for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    msg += b"\x00" * (-len(msg) % rate)
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        a = _keccak_f(a)
    out = b""
    for i in range(4):
        out += a[i % 5][i // 5].to_bytes(8, "little")
    return out


# --- secp256k1 ------------------------------------------------------------------------------

P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
GX = 0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798
GY = 0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8

Affine = Tuple[int, int]
Jac = Optional[Tuple[int, int, int]]


def _jdouble(pt: Jac) -> Jac:
    if pt is None:
        return None
    x, y, z = pt
    if y == 0:
        return None
    s = 4 * x * y * y % P
    m = 3 * x * x % P
    x3 = (m * m - 2 * s) % P
    y3 = (m * (s - x3) - 8 * pow(y, 4, P)) % P
    return x3, y3, 2 * y * z % P


def _jadd_affine(pt: Jac, q: Optional[Affine]) -> Jac:
    if q is None:
        return pt
    if pt is None:
        return q[0], q[1], 1
    x1, y1, z1 = pt
    z1z1 = z1 * z1 % P
    u2 = q[0] * z1z1 % P
    s2 = q[1] * z1 * z1z1 % P
    h = (u2 - x1) % P
    r = (s2 - y1) % P
    if h == 0:
        return _jdouble(pt) if r == 0 else None
    hh = h * h % P
    hhh = h * hh % P
    v = x1 * hh % P
    x3 = (r * r - hhh - 2 * v) % P
    y3 = (r * (v - x3) - y1 * hhh) % P
    return x3, y3, z1 * h % P


def _affine(pt: Jac) -> Optional[Affine]:
    if pt is None:
        return None
    x, y, z = pt
    zi = pow(z, -1, P)
    zi2 = zi * zi % P
    return x * zi2 % P, y * zi2 * zi % P


def _build_g_table():
    table = []
    cur: Jac = (GX, GY, 1)
    for _ in range(256):
        table.append(_affine(cur))
        cur = _jdouble(cur)
    return table


_G_TABLE = _build_g_table()


def _mul_g(k: int) -> Optional[Affine]:
    acc: Jac = None
    i = 0
    while k:
        if k & 1:
            acc = _jadd_affine(acc, _G_TABLE[i])
        k >>= 1
        i += 1
    return _affine(acc)


def _mul(q: Affine, k: int) -> Optional[Affine]:
    acc: Jac = None
    for bit in bin(k)[2:]:
        acc = _jdouble(acc)
        if bit == "1":
            acc = _jadd_affine(acc, q)
    return _affine(acc)


def pubkey(key: bytes) -> bytes:
    """64 bytes X || Y of the private key's public point."""
    d = int.from_bytes(key, "big")
    if not 0 < d < N:
        raise ValueError("private key out of range")
    x, y = _mul_g(d)
    return x.to_bytes(32, "big") + y.to_bytes(32, "big")


def address_from_pubkey(pub64: bytes) -> bytes:
    return b"\x41" + keccak256(pub64)[12:]


def address_from_key(key: bytes) -> bytes:
    return address_from_pubkey(pubkey(key))


def _rfc6979_k(d: int, h: bytes):
    x = d.to_bytes(32, "big")
    hb = (int.from_bytes(h, "big") % N).to_bytes(32, "big")
    v, k = b"\x01" * 32, b"\x00" * 32
    k = hmac.new(k, v + b"\x00" + x + hb, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    k = hmac.new(k, v + b"\x01" + x + hb, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    while True:
        v = hmac.new(k, v, hashlib.sha256).digest()
        cand = int.from_bytes(v, "big")
        if 0 < cand < N:
            yield cand
        k = hmac.new(k, v + b"\x00", hashlib.sha256).digest()
        v = hmac.new(k, v, hashlib.sha256).digest()


def sign(digest: bytes, key: bytes) -> bytes:
    """r || s || v (65 bytes) over a 32-byte digest: RFC 6979, low-s, v in {0, 1}."""
    d = int.from_bytes(key, "big")
    e = int.from_bytes(digest, "big")
    for k in _rfc6979_k(d, digest):
        rx, ry = _mul_g(k)
        r = rx % N
        if r == 0:
            continue
        s = pow(k, -1, N) * (e + r * d) % N
        if s == 0:
            continue
        recid = (ry & 1) | (2 if rx >= N else 0)
        if s > N // 2:
            s = N - s
            recid ^= 1
        return r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([recid])
    raise AssertionError("unreachable")


def recover(digest: bytes, sig: bytes) -> Optional[bytes]:
    """The 64-byte public key that made sig over digest, or None."""
    if len(sig) != 65:
        return None
    r = int.from_bytes(sig[:32], "big")
    s = int.from_bytes(sig[32:64], "big")
    v = sig[64]
    if v >= 27:
        v -= 27
    if not (0 < r < N and 0 < s < N and 0 <= v <= 3):
        return None
    x = r + (N if v & 2 else 0)
    if x >= P:
        return None
    alpha = (pow(x, 3, P) + 7) % P
    y = pow(alpha, (P + 1) // 4, P)
    if y * y % P != alpha:
        return None
    if (y & 1) != (v & 1):
        y = P - y
    e = int.from_bytes(digest, "big") % N
    rinv = pow(r, -1, N)
    sr = _mul((x, y), s * rinv % N)
    eg = _mul_g((N - e) * rinv % N) if e else None
    q = _affine(_jadd_affine(None if sr is None else (sr[0], sr[1], 1), eg))
    if q is None:
        return None
    return q[0].to_bytes(32, "big") + q[1].to_bytes(32, "big")


# --- addresses ------------------------------------------------------------------------------

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, rem = divmod(n, 58)
        out = _B58[rem] + out
    pad = len(data) - len(data.lstrip(b"\x00"))
    return "1" * pad + out


def base58check_decode(text: str) -> bytes:
    n = 0
    for ch in text:
        n = n * 58 + _B58.index(ch)
    raw = n.to_bytes(25, "big")
    payload, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != check:
        raise ValueError("bad base58 checksum: " + text)
    return payload


def addr(value) -> bytes:
    """21 address bytes from base58 "T…", "41…" hex, bare 40 hex or bytes."""
    if isinstance(value, (bytes, bytearray)):
        b = bytes(value)
        if len(b) == 20:
            b = b"\x41" + b
    elif value.startswith("T"):
        b = base58check_decode(value)
    else:
        h = value[2:] if value.lower().startswith("0x") else value
        b = bytes.fromhex(h)
        if len(b) == 20:
            b = b"\x41" + b
    if len(b) != 21 or b[0] != 0x41:
        raise ValueError(f"not a TRON address: {value!r}")
    return b


def to_base58(a: bytes) -> str:
    return base58check(a)


# --- protobuf -------------------------------------------------------------------------------


def _varint(n: int) -> bytes:
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_int(field: int, value: int) -> bytes:
    return b"" if not value else _varint(field << 3) + _varint(value)


def pb_bytes(field: int, value: bytes) -> bytes:
    return b"" if not value else _varint((field << 3) | 2) + _varint(len(value)) + value


TYPES = {"TransferContract": 1, "TriggerSmartContract": 31}


def encode_transfer(owner: bytes, to: bytes, amount: int) -> bytes:
    return pb_bytes(1, owner) + pb_bytes(2, to) + pb_int(3, amount)


def encode_trigger(owner: bytes, contract: bytes, data: bytes, call_value: int = 0) -> bytes:
    return pb_bytes(1, owner) + pb_bytes(2, contract) + pb_int(3, call_value) + pb_bytes(4, data)


def encode_raw(contract_type: str, value: bytes, ref_block_bytes: bytes, ref_block_hash: bytes,
               expiration: int, timestamp: int = 0, fee_limit: int = 0, data: bytes = b"",
               permission_id: int = 0) -> bytes:
    any_msg = pb_bytes(1, ("type.googleapis.com/protocol." + contract_type).encode()) + \
        pb_bytes(2, value)
    contract = pb_int(1, TYPES[contract_type]) + pb_bytes(2, any_msg) + pb_int(5, permission_id)
    return (pb_bytes(1, ref_block_bytes) + pb_bytes(4, ref_block_hash) + pb_int(8, expiration)
            + pb_bytes(10, data) + pb_bytes(11, contract) + pb_int(14, timestamp)
            + pb_int(18, fee_limit))


def encode_raw_from_json(raw: dict) -> bytes:
    """Re-encodes a node raw_data JSON (visible=false or true) of a TransferContract or
    TriggerSmartContract, as java-tron rebuilds a broadcast transaction from its JSON."""
    contracts = raw.get("contract")
    if not isinstance(contracts, list) or len(contracts) != 1:
        raise ValueError("exactly one contract expected")
    c = contracts[0]
    ctype = c.get("type")
    value = c.get("parameter", {}).get("value", {})
    if ctype == "TransferContract":
        body = encode_transfer(addr(value["owner_address"]), addr(value["to_address"]),
                               int(value.get("amount", 0)))
    elif ctype == "TriggerSmartContract":
        body = encode_trigger(addr(value["owner_address"]), addr(value["contract_address"]),
                              bytes.fromhex(value.get("data", "")), int(value.get("call_value", 0)))
    else:
        raise ValueError(f"contract type {ctype!r} is not supported by the simulated node")
    return encode_raw(ctype, body, bytes.fromhex(raw.get("ref_block_bytes", "")),
                      bytes.fromhex(raw.get("ref_block_hash", "")), int(raw.get("expiration", 0)),
                      int(raw.get("timestamp", 0)), int(raw.get("fee_limit", 0)),
                      bytes.fromhex(raw.get("data", "")), int(c.get("Permission_id", 0)))


def encode_header_raw(number: int, timestamp: int, tx_trie_root: bytes, parent_hash: bytes,
                      witness_address: bytes, version: int) -> bytes:
    return (pb_int(1, timestamp) + pb_bytes(2, tx_trie_root) + pb_bytes(3, parent_hash)
            + pb_int(7, number) + pb_bytes(9, witness_address) + pb_int(10, version))


def encode_transaction(raw: bytes, sigs) -> bytes:
    return pb_bytes(1, raw) + b"".join(pb_bytes(2, s) for s in sigs)


def merkle_root(leaves) -> bytes:
    """java-tron's txTrieRoot: pairwise SHA-256 of the transactions' hashes, an odd one carried
    up; 32 zero bytes for an empty block."""
    level = list(leaves)
    if not level:
        return b"\x00" * 32
    while len(level) > 1:
        nxt = []
        for i in range(0, len(level) - 1, 2):
            nxt.append(hashlib.sha256(level[i] + level[i + 1]).digest())
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]
