#!/usr/bin/env python3
"""Writes Tests/vectors/webhooks.json: Standard Webhooks v1 and epusdt signature vectors.

Every expected value is computed here with Python's hmac, hashlib, base64 and decimal modules,
independently of the library: Standard Webhooks by its spec (HMAC-SHA256 over
id "." timestamp "." body, base64), epusdt by the Go rules of assimon/epusdt sign.go
(reference/engine-research.md section 4). The published values (the Standard Webhooks suite's
vector, the epusdt wiki's example and the derived callback) are asserted, not just recomputed.
Usage: scripts/gen-webhook-vectors.py > Tests/vectors/webhooks.json"""
import base64
import hashlib
import hmac
import json
import sys
from decimal import Decimal

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TS = 1614265330
BODY = '{"test": 2432232314}'
PUBLISHED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def sw_sign(secret, msg_id, ts, body):
    key = base64.b64decode(secret[6:] if secret.startswith("whsec_") else secret, validate=True)
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body.encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def go_format_float(v):
    """strconv.FormatFloat(v, 'f', -1, 64): Python's repr is the shortest round-trip text
    (closest among the shortest), Decimal lays it out without an exponent."""
    return format(Decimal(repr(v)).normalize(), "f")


def epusdt_text(params_json):
    """The signed text of an epusdt params object, by the Go rules; ValueError if refused."""
    params = json.loads(params_json, parse_int=float, parse_constant=lambda c: 1 / 0)
    if not isinstance(params, dict):
        raise ValueError("not an object")
    pairs = []
    for key, value in params.items():
        if key == "signature" or value is None:
            continue
        if isinstance(value, bool) or isinstance(value, (list, dict)):
            raise ValueError(f"{key}: cannot be signed")
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"{key}: outside float64")
            text = go_format_float(value)
        else:
            text = value
        if text == "":
            continue
        pairs.append(f"{key}={text}".encode())
    return b"&".join(sorted(pairs))


def epusdt_sign(params_json, token):
    return hashlib.md5(epusdt_text(params_json) + token.encode()).hexdigest()


good = sw_sign(SECRET, MSG_ID, TS, BODY)
assert good == PUBLISHED, good
sig = good[3:]
other = sw_sign("whsec_" + base64.b64encode(b"another key of 24 bytes!").decode(), MSG_ID, TS,
                BODY)[3:]

sw_sign_cases = [
    {"name": "published vector", "secret": SECRET, "msg_id": MSG_ID, "timestamp": TS,
     "body": BODY, "signature": PUBLISHED,
     "source": "standard-webhooks @b2fa7b87 libraries/go/webhook_test.go TestWebhookSign "
               "(same in the JS, PHP, Java, C# suites)"},
    {"name": "bare base64 secret", "secret": SECRET[6:], "msg_id": MSG_ID, "timestamp": TS,
     "body": BODY, "signature": PUBLISHED, "source": "same key without the whsec_ prefix"},
]
for name, secret, msg_id, ts, body in [
    ("empty body", SECRET, "evt_1", 0, ""),
    ("32-byte key with padding", "whsec_" + base64.b64encode(bytes(range(32))).decode(),
     "evt_2", 1700000000, '{"type":"invoice.paid","timestamp":"2023-11-14T22:13:20Z",'
     '"data":{"invoice":{"id":"inv_1","state":"paid"}}}'),
    ("64-byte key, utf-8 body", "whsec_" + base64.b64encode(bytes(range(64, 128))).decode(),
     "evt_ü", 9223372036854775807, '{"note":"é — ✓"}'),
]:
    sw_sign_cases.append({"name": name, "secret": secret, "msg_id": msg_id, "timestamp": ts,
                          "body": body, "signature": sw_sign(secret, msg_id, ts, body),
                          "source": "computed with Python hmac/base64"})


for c in sw_sign_cases:  # for readers whose JSON numbers are doubles (JavaScript)
    c["timestamp_text"] = str(c["timestamp"])


def case(name, status="OK", secret=SECRET, msg_id=MSG_ID, timestamp=str(TS), header=PUBLISHED,
         body=BODY, now=TS, tolerance=300):
    return {"name": name, "secret": secret, "msg_id": msg_id, "timestamp": timestamp,
            "signature_header": header, "body": body, "now": now, "tolerance": tolerance,
            "status": status}


V, A = "TRONPAY_E_VERIFY", "TRONPAY_E_ARG"
sw_verify_cases = [
    case("valid"),
    case("valid, secret without prefix", secret=SECRET[6:]),
    case("valid at the old edge of the tolerance", now=TS + 300),
    case("valid at the new edge of the tolerance", now=TS - 300),
    case("valid, tolerance 0", tolerance=0),
    case("missing id", V, msg_id=""),
    case("missing timestamp", V, timestamp=""),
    case("missing signature", V, header=""),
    case("v1 with an empty signature", V, header="v1,"),
    case("wrong signature", V, header="v1," + other),
    case("signature of another body", V, body='{"test": 2432232315}'),
    case("signature of another id", V, msg_id="msg_p5jXN8AQM9LWM0D4loKWxJeK"),
    case("signature of another timestamp", V, timestamp=str(TS + 1), now=TS + 1),
    case("too old", V, now=TS + 301),
    case("too new", V, now=TS - 301),
    case("several signatures, one valid", header=f"v1,{other} v1,{sig}"),
    case("several signatures, none valid", V, header=f"v1,{other} v1,{other[::-1]}"),
    case("a v2 entry is ignored", V, header=f"v1,{other} v2,{sig}"),
    case("a v1a entry is ignored", V, header=f"v1a,{sig}"),
    case("valid after a v2 entry", header=f"v2,{sig} v1,{sig}"),
    case("extra spaces between entries", header=f"  v1,{other}   v1,{sig} "),
    case("version only", V, header="v1"),
    case("signature without its padding", V, header="v1," + sig.rstrip("=")),
    case("signature in upper case", V, header="V1," + sig),
    case("id containing a dot", V, msg_id="msg.1"),
    case("timestamp with a plus sign", V, timestamp="+" + str(TS)),
    case("timestamp with a leading zero", V, timestamp="0" + str(TS)),
    case("timestamp with a fraction", V, timestamp=str(TS) + ".0"),
    case("timestamp with a space", V, timestamp=str(TS) + " "),
    case("negative timestamp", V, timestamp="-1"),
    case("timestamp past int64", V, timestamp="9223372036854775808"),
    case("secret not base64", A, secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!"),
    case("secret of a bad length", A, secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS"),
    case("empty secret", A, secret="whsec_"),
    case("secret with whitespace", A, secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"),
    case("negative tolerance", A, tolerance=-1),
]

TOKEN = "epusdt_password_xasddawqe"
WIKI = ('{"order_id":"20220201030210321","amount":42,"notify_url":"http://example.com/notify",'
        '"redirect_url":"http://example.com/redirect"}')
CALLBACK = ('{"trade_id":"202203251648208648961728","order_id":"2022123321312321321",'
            '"amount":100,"actual_amount":15.625,"token":"TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK",'
            '"block_transaction_id":"123333333321232132131","status":2}')
EXPIRED = ('{"trade_id":"202203251648208648961728","order_id":"2022123321312321321",'
           '"amount":100,"actual_amount":0,"token":"TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK",'
           '"block_transaction_id":"","status":3}')
assert epusdt_sign(WIKI, TOKEN) == "1cd4b52df5587cfb1968b0c0c6e156cd"
assert epusdt_sign(CALLBACK, TOKEN) == "a9a2530ea673dbf920e50ff6a9ce4789"

epusdt_cases = []
for name, params, source in [
    ("wiki example", WIKI, "assimon/epusdt @c0787d19 wiki/API.md (published)"),
    ("wiki callback", CALLBACK, "derived from the wiki's callback body by the Go rules "
     "(reference/engine-research.md section 4)"),
    ("expired callback: numeric zero kept, empty txid dropped", EXPIRED,
     "computed with Python by the Go rules"),
    ("signature member ignored", CALLBACK[:-1] + ',"signature":"a9a2530ea673dbf920e50ff6a9ce4789"}',
     "computed with Python by the Go rules"),
    ("number forms", '{"a":1e2,"b":15.6250,"c":1E-7,"d":-0,"e":0.1,"f":1e21,"g":-2.5e-3,'
     '"h":9007199254740993,"i":123456789012345678901234567890,"j":5e-324,'
     '"k":1.7976931348623157e308,"l":0.30000000000000004,"m":1e-400}',
     "computed with Python by the Go rules"),
    ("strings raw, null skipped", '{"url":"http://x/?a=1&b=2","name":"\\u00e9t\\u00e9 \\"q\\"",'
     '"zero":"0","empty":"","none":null,"":"empty key","sp":" "}',
     "computed with Python by the Go rules"),
    ("pairs sorted as k=v bytes", '{"a":"2","a_b":"1","a=":"3","A":"4","\\u00e4":"5"}',
     "computed with Python by the Go rules"),
    ("empty object", "{}", "computed with Python by the Go rules"),
]:
    epusdt_cases.append({"name": name, "params": params, "api_token": TOKEN,
                         "signing_text": epusdt_text(params).decode(),
                         "signature": epusdt_sign(params, TOKEN), "source": source})

refused = [
    ("boolean", '{"amount":1,"paid":true}', "TRONPAY_E_JSON"),
    ("array", '{"amount":1,"list":[1,2]}', "TRONPAY_E_JSON"),
    ("nested object", '{"amount":1,"meta":{"a":1}}', "TRONPAY_E_JSON"),
    ("top-level array", '[{"amount":1}]', "TRONPAY_E_JSON"),
    ("top-level string", '"amount=1"', "TRONPAY_E_JSON"),
    ("number beyond float64", '{"amount":1e400}', "TRONPAY_E_JSON"),
    ("negative number beyond float64", '{"amount":-1.8e308}', "TRONPAY_E_JSON"),
    ("duplicate key", '{"amount":1,"amount":2}', "TRONPAY_E_JSON"),
    ("invalid JSON", '{"amount":1,}', "TRONPAY_E_JSON"),
    ("empty input", '', "TRONPAY_E_JSON"),
    ("leading zero", '{"amount":01}', "TRONPAY_E_JSON"),
]
refused_cases = [{"name": n, "params": p, "status": s} for n, p, s in refused]
for n, p, _ in refused[:7]:
    try:
        epusdt_text(p)
        raise SystemExit(f"reference accepts {n}")
    except (ValueError, ZeroDivisionError):
        pass
refused_cases.append({"name": "invalid UTF-8 in a string",
                      "params_hex": b'{"order_id":"A-\xff\xfe"}'.hex(), "status": "TRONPAY_E_JSON"})
refused_cases.append({"name": "overlong UTF-8 in a key",
                      "params_hex": b'{"\xc0\xaf":"1"}'.hex(), "status": "TRONPAY_E_JSON"})

json.dump({
    "description": "Signed callbacks. standard_webhooks: v1 = 'v1,' + base64(HMAC-SHA256(key, "
                   "msg_id '.' timestamp '.' body)), key = base64-decode of the secret after "
                   "'whsec_'. verify cases: status is what tronpay_webhook_verify returns with "
                   "now and tolerance (seconds). epusdt: MD5 of sorted k=v pairs joined by & "
                   "with the API token appended, by the Go rules of assimon/epusdt sign.go.",
    "generator": "scripts/gen-webhook-vectors.py (Python hmac, hashlib, base64, decimal)",
    "standard_webhooks": {"sign": sw_sign_cases, "verify": sw_verify_cases},
    "epusdt": {"sign": epusdt_cases, "refused": refused_cases},
}, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
