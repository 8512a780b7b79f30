#!/usr/bin/env python3
"""Differential check of tronpay_address_parse against a plain Python Base58Check decoder on
47 000 valid, corrupted and random T-addresses. Usage: check-address-parse.py LIBTRONPAY_SO"""
import ctypes, hashlib, random, sys
lib = ctypes.CDLL(sys.argv[1])
lib.tronpay_address_parse.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
A = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
def b58check(payload):
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big"); t = ""
    while n: n, r = divmod(n, 58); t = A[r] + t
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + t
def ref(text):
    if len(text) != 34 or any(c not in A for c in text): return None
    n = 0
    for c in text: n = n * 58 + A.index(c)
    z = len(text) - len(text.lstrip("1"))
    raw = b"\0" * z + (n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b"")
    if len(raw) < 5: return None
    p, cs = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(p).digest()).digest()[:4] != cs: return None
    if len(p) != 21 or p[0] != 0x41: return None
    return p
rng = random.Random(7); bad = 0; ok = 0
cases = [b58check(b"\x41" + rng.randbytes(20)) for _ in range(20000)]
cases += ["".join(rng.choice(A) for _ in range(34)) for _ in range(20000)]
cases += [b58check(bytes([rng.randrange(256)]) + rng.randbytes(20)) for _ in range(5000)]
cases += ["1" * k + c[k:] for k, c in ((rng.randrange(1, 6), b58check(b"\x41" + rng.randbytes(20))) for _ in range(2000))]
for t in cases:
    out = ctypes.create_string_buffer(21)
    s = lib.tronpay_address_parse(out, t.encode())
    r = ref(t)
    if (s == 0) != (r is not None) or (r is not None and out.raw != r): bad += 1
    else: ok += 1
print("agree", ok, "disagree", bad)
