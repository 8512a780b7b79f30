"""Signed callbacks: Standard Webhooks v1 (the default) and the epusdt legacy scheme.

A receiver verifies the raw body with the three headers before it parses anything:

    try:
        tronpay.webhooks.verify(request.headers, request.body, secret)
    except tronpay.webhooks.WebhookVerificationError:
        return 400
    ... dedup on headers["webhook-id"], do the work, commit, then answer 2xx ...

Every rule (the secret's form, the signed bytes, the tolerance, the signature list) is the C
library's; this module only finds the headers and converts types.
"""

from __future__ import annotations

import ctypes
import json
import time
from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_void_p
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from ._library import as_bytes, as_text, declare, lib, take_text
from .errors import E_ARG, E_VERIFY, TronPayError, TronPayTypeError

declare({
    "tronpay_webhook_sign": (c_int32, [POINTER(c_void_p), c_char_p, c_char_p, c_int64, c_char_p,
                                       c_size_t]),
    "tronpay_webhook_verify": (c_int32, [c_char_p, c_char_p, c_char_p, c_char_p, c_char_p,
                                         c_size_t, c_int64, c_int64]),
    "tronpay_size_epusdt_signature": (c_size_t, []),
    "tronpay_epusdt_sign": (c_int32, [c_char_p, c_char_p, c_size_t, c_char_p]),
    "tronpay_epusdt_verify": (c_int32, [c_char_p, c_size_t, c_char_p]),
})

EPUSDT_SIGNATURE_SIZE: int
"""Bytes of an epusdt signature buffer: 32 hex digits and the NUL (tronpay_size_epusdt_signature,
asked on first use: see __getattr__)."""


def _epusdt_size() -> int:
    size: Optional[int] = globals().get("EPUSDT_SIGNATURE_SIZE")
    if size is None:
        size = int(lib.tronpay_size_epusdt_signature())
        globals()["EPUSDT_SIGNATURE_SIZE"] = size  # asked once
    return size


def __getattr__(name: str) -> int:
    if name != "EPUSDT_SIGNATURE_SIZE":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _epusdt_size()

DEFAULT_TOLERANCE = 300
"""Seconds a delivery's timestamp may differ from now, either way (the reference libraries')."""

HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")

Body = Union[bytes, bytearray, memoryview, str]


class WebhookVerificationError(TronPayError):
    """The callback is not authentic or not fresh (TRONPAY_E_VERIFY): answer it with a 4xx and
    do nothing else. A bad secret or tolerance is a plain TronPayError (TRONPAY_E_ARG)."""


def _verification_error(detail: str) -> WebhookVerificationError:
    return WebhookVerificationError(E_VERIFY, "TRONPAY_E_VERIFY", detail)


def _check(status: int) -> None:
    """Raises WebhookVerificationError for E_VERIFY, TronPayError for anything else but OK."""
    if status != 0:
        detail: bytes = lib.tronpay_last_error()  # before any other call
        name: bytes = lib.tronpay_status_str(status)
        cls = WebhookVerificationError if status == E_VERIFY else TronPayError
        raise cls(status, name.decode(), detail.decode("utf-8", "replace"))


def _body(body: Body) -> bytes:
    """The raw body: bytes as they are, text as its UTF-8 bytes."""
    if isinstance(body, str):
        return body.encode("utf-8")
    return as_bytes(body, "body")


def _header_values(headers: Any) -> Tuple[str, str, str]:
    """webhook-id, -timestamp and -signature from any mapping (dict, http.client.HTTPMessage,
    a framework's headers), names compared case-insensitively. A missing or repeated header
    is a WebhookVerificationError."""
    items = headers.items() if hasattr(headers, "items") else headers
    found: Dict[str, str] = {}
    for name, value in items:
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if not isinstance(name, str):
            continue
        key = name.strip().lower()
        if key not in HEADERS:
            continue
        if key in found:
            raise _verification_error(f"{key} header appears more than once")
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value).decode("latin-1")
        if not isinstance(value, str):
            raise TronPayTypeError(f"{key} header must be str, not {type(value).__name__}")
        found[key] = value
    values = []
    for key in HEADERS:
        if key not in found:
            raise _verification_error(f"missing {key} header")
        if "\0" in found[key]:
            raise _verification_error(f"{key} header contains a NUL character")
        values.append(found[key])
    return values[0], values[1], values[2]


def sign(secret: str, msg_id: str, timestamp: int, body: Body) -> str:
    """The webhook-signature value "v1,<base64>" of a message (Standard Webhooks v1)."""
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise TronPayTypeError(f"timestamp must be int, not {type(timestamp).__name__}")
    if not -(1 << 63) <= timestamp < (1 << 63):
        raise TronPayError(E_ARG, "TRONPAY_E_ARG", "timestamp is out of range")
    data = _body(body)
    out = c_void_p()
    _check(lib.tronpay_webhook_sign(ctypes.byref(out), as_text(secret, "secret"),
                                    as_text(msg_id, "msg_id"), timestamp, data, len(data)))
    return take_text(out)


def sign_headers(secret: str, msg_id: str, body: Body,
                 timestamp: Optional[int] = None) -> Dict[str, str]:
    """The three headers (and content-type) of a delivery signed now, or at `timestamp`."""
    ts = int(time.time()) if timestamp is None else timestamp
    return {"webhook-id": msg_id, "webhook-timestamp": str(ts),
            "webhook-signature": sign(secret, msg_id, ts, body),
            "content-type": "application/json"}


def verify(headers: Mapping[str, Any], body: Body, secret: str,
           tolerance: int = DEFAULT_TOLERANCE, *, now: Optional[int] = None) -> None:
    """Checks a Standard Webhooks delivery: returns None if it is authentic and its timestamp
    within `tolerance` seconds of `now` (default: the clock), else raises
    WebhookVerificationError. `body` must be the raw bytes as received."""
    msg_id, timestamp, signature = _header_values(headers)
    data = _body(body)
    current = int(time.time()) if now is None else now
    for value, what in ((tolerance, "tolerance"), (current, "now")):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TronPayTypeError(f"{what} must be int, not {type(value).__name__}")
        if not -(1 << 63) <= value < (1 << 63):
            raise TronPayError(E_ARG, "TRONPAY_E_ARG", f"{what} is out of range")
    _check(lib.tronpay_webhook_verify(as_text(secret, "secret"), msg_id.encode("utf-8"),
                                      timestamp.encode("utf-8"), signature.encode("utf-8"),
                                      data, len(data), current, tolerance))


def _params(params: Any) -> bytes:
    """epusdt params: JSON text (str or bytes, passed unchanged) or a dict (serialised)."""
    if isinstance(params, str):
        return params.encode("utf-8")
    if isinstance(params, (bytes, bytearray, memoryview)):
        return bytes(params)
    if isinstance(params, dict):
        return json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    raise TronPayTypeError(f"params must be a dict or JSON text, not {type(params).__name__}")


def epusdt_sign(params: Any, api_token: str) -> str:
    """LEGACY (no replay protection): the epusdt MD5 signature, 32 lower-case hex digits, of a
    params object; its "signature" member, if any, is ignored."""
    data = _params(params)
    buf = ctypes.create_string_buffer(_epusdt_size())
    _check(lib.tronpay_epusdt_sign(buf, data, len(data), as_text(api_token, "api_token")))
    text: str = buf.value.decode("ascii")
    return text


def epusdt_verify(params: Any, api_token: str) -> None:
    """LEGACY (no replay protection): checks an epusdt callback's own "signature" member;
    raises WebhookVerificationError if it is missing or differs. Pass the raw body."""
    data = _params(params)
    _check(lib.tronpay_epusdt_verify(data, len(data), as_text(api_token, "api_token")))
