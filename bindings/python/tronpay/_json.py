"""JSON across the boundary: text for the library in, dicts and lists out (never float)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ._types import JSONInput
from .errors import TronPayTypeError

__all__ = ["JSONInput", "json_bytes", "json_result"]


def json_bytes(value: Any, what: str = "json") -> bytes:
    """JSON text for the library: str/bytes are JSON text already and pass unchanged (exact
    numbers kept); dicts and lists are serialised."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if not isinstance(value, (dict, list)):
        raise TronPayTypeError(f"{what} must be JSON text, a dict or a list, "
                               f"not {type(value).__name__}")
    return json.dumps(value, allow_nan=False, separators=(",", ":")).encode("utf-8")


def json_result(text: str) -> Any:
    """The library's JSON, with any non-integer number kept exact as Decimal (never float)."""
    return json.loads(text, parse_float=Decimal)
