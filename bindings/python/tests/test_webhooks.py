"""Webhooks: the vectors of Tests/vectors/webhooks.json, cross-checks against Python's own hmac,
base64 and hashlib (sign with the library, verify with Python, and the reverse), header
mappings, and the epusdt rules against an independent Python reimplementation of epusdt's Go."""

from __future__ import annotations

import base64
import email.message
import hashlib
import hmac
import json
import random
import struct
from decimal import Decimal

import pytest

import tronpay
from tronpay import errors, webhooks
from tronpay.webhooks import WebhookVerificationError
from conftest import load_json

V = load_json("Tests/vectors/webhooks.json")
SW = V["standard_webhooks"]
EP = V["epusdt"]
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TS = 1614265330
BODY = b'{"test": 2432232314}'
PUBLISHED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def python_sign(secret: str, msg_id: str, ts: int, body: bytes) -> str:
    key = base64.b64decode(secret[6:] if secret.startswith("whsec_") else secret, validate=True)
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def python_verify(secret: str, msg_id: str, ts: str, header: str, body: bytes) -> bool:
    expected = python_sign(secret, msg_id, int(ts), body)[3:]
    return any(hmac.compare_digest(e[3:], expected) for e in header.split(" ")
               if e.startswith("v1,"))


def headers(msg_id=MSG_ID, ts=str(TS), sig=PUBLISHED):
    return {"webhook-id": msg_id, "webhook-timestamp": ts, "webhook-signature": sig}


def test_published_vector():
    assert webhooks.sign(SECRET, MSG_ID, TS, BODY) == PUBLISHED
    assert webhooks.sign(SECRET[6:], MSG_ID, TS, BODY.decode()) == PUBLISHED
    webhooks.verify(headers(), BODY, SECRET, now=TS)
    webhooks.verify(headers(), BODY, SECRET[6:], 300, now=TS + 300)


@pytest.mark.parametrize("case", SW["sign"], ids=lambda c: c["name"])
def test_sign_vectors(case):
    body = case["body"].encode()
    assert webhooks.sign(case["secret"], case["msg_id"], case["timestamp"], body) == \
        case["signature"]
    assert python_sign(case["secret"], case["msg_id"], case["timestamp"], body) == \
        case["signature"]


@pytest.mark.parametrize("case", SW["verify"], ids=lambda c: c["name"])
def test_verify_table(case):
    h = headers(case["msg_id"], case["timestamp"], case["signature_header"])
    call = lambda: webhooks.verify(h, case["body"].encode(), case["secret"], case["tolerance"],
                                   now=case["now"])
    if case["status"] == "OK":
        call()
    elif case["status"] == "TRONPAY_E_VERIFY":
        with pytest.raises(WebhookVerificationError) as info:
            call()
        assert info.value.status == errors.E_VERIFY and info.value.detail
        assert isinstance(info.value, tronpay.TronPayError)
    else:
        with pytest.raises(tronpay.TronPayError) as info:
            call()
        assert not isinstance(info.value, WebhookVerificationError)
        assert info.value.status == errors.E_ARG
        assert "MfKQ9r8G" not in str(info.value)


def test_library_signs_python_verifies_and_back():
    rng = random.Random(14)
    for i in range(300):
        key = bytes(rng.randrange(256) for _ in range(rng.choice([24, 32, 64])))
        secret = ("whsec_" if i % 2 else "") + base64.b64encode(key).decode()
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 3000)))
        msg_id = f"evt_{rng.getrandbits(64):x}"
        ts = rng.randrange(0, 1 << 63)
        ours = webhooks.sign(secret, msg_id, ts, body)
        assert python_verify(secret, msg_id, str(ts), ours, body)
        theirs = python_sign(secret, msg_id, ts, body)
        assert theirs == ours
        webhooks.verify(headers(msg_id, str(ts), f"v1,{'A' * 43}= {theirs}"), body, secret,
                        now=ts)
        if body:
            tampered = bytes([body[0] ^ 0x80]) + body[1:]
            with pytest.raises(WebhookVerificationError):
                webhooks.verify(headers(msg_id, str(ts), theirs), tampered, secret, now=ts)


def test_headers_any_mapping_case_insensitive():
    mixed = {"Webhook-Id": MSG_ID, "WEBHOOK-TIMESTAMP": str(TS), "webhook-Signature": PUBLISHED,
             "Content-Type": "application/json"}
    webhooks.verify(mixed, BODY, SECRET, now=TS)
    message = email.message.Message()  # what http.client and http.server hand over
    for k, v in mixed.items():
        message[k] = v
    webhooks.verify(message, BODY, SECRET, now=TS)
    webhooks.verify(list(mixed.items()), bytearray(BODY), SECRET, now=TS)
    webhooks.verify({k.encode(): v.encode() for k, v in mixed.items()}, memoryview(BODY), SECRET,
                    now=TS)
    message["webhook-id"] = "msg_other"
    with pytest.raises(WebhookVerificationError, match="more than once"):
        webhooks.verify(message, BODY, SECRET, now=TS)
    for name in webhooks.HEADERS:
        partial = {k: v for k, v in headers().items() if k != name}
        with pytest.raises(WebhookVerificationError, match=f"missing {name}"):
            webhooks.verify(partial, BODY, SECRET, now=TS)
    with pytest.raises(WebhookVerificationError, match="NUL"):
        webhooks.verify(headers(msg_id="msg\0x"), BODY, SECRET, now=TS)


def test_default_clock_and_sign_headers():
    h = webhooks.sign_headers(SECRET, "evt_now", b"{}")
    assert h["content-type"] == "application/json"
    webhooks.verify(h, b"{}", SECRET)
    with pytest.raises(WebhookVerificationError, match="old"):
        webhooks.verify(headers(), BODY, SECRET)  # 2021 is long past the tolerance


def test_argument_errors():
    with pytest.raises(tronpay.TronPayTypeError):
        webhooks.sign(SECRET, MSG_ID, "1614265330", BODY)
    with pytest.raises(tronpay.TronPayTypeError):
        webhooks.verify(headers(), 42, SECRET, now=TS)
    with pytest.raises(tronpay.TronPayError) as info:
        webhooks.sign(SECRET, MSG_ID, 1 << 63, BODY)
    assert info.value.status == errors.E_ARG
    with pytest.raises(tronpay.TronPayError) as info:
        webhooks.sign("whsec_not base64", MSG_ID, TS, BODY)
    assert info.value.status == errors.E_ARG and "secret" in info.value.detail
    with pytest.raises(tronpay.TronPayError) as info:
        webhooks.verify(headers(), BODY, SECRET, -1, now=TS)
    assert info.value.status == errors.E_ARG


# ---- epusdt ----------------------------------------------------------------------------------


def go_format_float(v: float) -> str:
    """Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits (Python's repr, a
    separate implementation from the library's), laid out by Decimal without an exponent."""
    return format(Decimal(repr(v)).normalize(), "f")


def go_epusdt_sign(params_json: str, token: str) -> str:
    """epusdt's src/util/sign/sign.go, reimplemented: every number a float64, signature and
    nulls skipped, empty texts dropped, k=v pairs sorted bytewise, MD5 lower-case hex."""
    params = json.loads(params_json, parse_int=float)
    pairs = []
    for key, value in params.items():
        if key == "signature" or value is None:
            continue
        assert isinstance(value, (str, float)) and not isinstance(value, bool)
        text = go_format_float(value) if isinstance(value, float) else value
        if text != "":
            pairs.append(f"{key}={text}".encode())
    return hashlib.md5(b"&".join(sorted(pairs)) + token.encode()).hexdigest()


@pytest.mark.parametrize("case", EP["sign"], ids=lambda c: c["name"])
def test_epusdt_vectors(case):
    assert webhooks.epusdt_sign(case["params"], case["api_token"]) == case["signature"]
    assert go_epusdt_sign(case["params"], case["api_token"]) == case["signature"]


def test_epusdt_published_and_zero_vectors():
    token = "epusdt_password_xasddawqe"
    wiki = {"order_id": "20220201030210321", "amount": 42,
            "notify_url": "http://example.com/notify",
            "redirect_url": "http://example.com/redirect"}
    assert webhooks.epusdt_sign(wiki, token) == "1cd4b52df5587cfb1968b0c0c6e156cd"
    callback = {"trade_id": "202203251648208648961728", "order_id": "2022123321312321321",
                "amount": 100, "actual_amount": 15.625,
                "token": "TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK",
                "block_transaction_id": "123333333321232132131", "status": 2}
    assert webhooks.epusdt_sign(callback, token) == "a9a2530ea673dbf920e50ff6a9ce4789"
    webhooks.epusdt_verify({**callback, "signature": "a9a2530ea673dbf920e50ff6a9ce4789"}, token)
    # A numeric zero: kept as "0" by epusdt's Go (and dropped by PHP 7's loose == '').
    expired = {**callback, "actual_amount": 0, "block_transaction_id": "", "status": 3}
    expected = go_epusdt_sign(json.dumps(expired), token)
    assert webhooks.epusdt_sign(expired, token) == expected == "ad6105c15068f8359f6a35b0041453bd"
    without_zero = {k: v for k, v in expired.items() if k != "actual_amount"}
    assert webhooks.epusdt_sign(without_zero, token) != expected


def test_epusdt_against_the_go_rules_on_random_params():
    rng = random.Random(14)
    alphabet = "abcAZ09_=&.é✓ "
    for _ in range(400):
        params = {}
        for _ in range(rng.randrange(0, 8)):
            key = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))
            kind = rng.randrange(5)
            if kind == 0:
                value = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
                if value != value or value in (float("inf"), float("-inf")):
                    value = 0.0
            elif kind == 1:
                value = rng.randrange(-10**30, 10**30)
            elif kind == 2:
                value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 10)))
            elif kind == 3:
                value = None
            else:
                value = rng.choice([0, 0.0, -0.0, 1e21, 1e-7, 5e-324, 100, 15.625, ""])
            params[key] = value
        text = json.dumps(params, ensure_ascii=bool(rng.randrange(2)))
        assert webhooks.epusdt_sign(text, "tok") == go_epusdt_sign(text, "tok"), text


@pytest.mark.parametrize("case", EP["refused"], ids=lambda c: c["name"])
def test_epusdt_refused(case):
    params = case["params"].encode() if "params" in case else bytes.fromhex(case["params_hex"])
    with pytest.raises(tronpay.TronPayError) as info:
        webhooks.epusdt_sign(params, "token")
    assert info.value.status == errors.E_JSON and info.value.detail
    with pytest.raises(tronpay.TronPayError) as info:
        webhooks.epusdt_verify(params, "token")
    assert info.value.status == errors.E_JSON
    assert not isinstance(info.value, WebhookVerificationError)


def test_epusdt_verify_failures():
    token = "epusdt_password_xasddawqe"
    signed = {"amount": 42, "signature": webhooks.epusdt_sign({"amount": 42}, token)}
    webhooks.epusdt_verify(signed, token)
    webhooks.epusdt_verify(json.dumps(signed).encode(), token)
    for bad in ({"amount": 42}, {**signed, "amount": 43}, {**signed, "signature": None},
                {**signed, "signature": signed["signature"].upper()}):
        with pytest.raises(WebhookVerificationError):
            webhooks.epusdt_verify(bad, token)
    with pytest.raises(WebhookVerificationError):
        webhooks.epusdt_verify(signed, token + "x")
    with pytest.raises(tronpay.TronPayError) as info:
        webhooks.epusdt_sign({"amount": 1}, "")
    assert info.value.status == errors.E_ARG
    with pytest.raises(tronpay.TronPayTypeError):
        webhooks.epusdt_sign([1, 2], token)
    assert webhooks.EPUSDT_SIGNATURE_SIZE == 33
