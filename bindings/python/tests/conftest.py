"""Shared fixtures: the repository root, its vector files and its header.

TRONPAY_TEST_INSTALLED=1 (`make test-packages`, in a virtualenv where the wheel is installed)
runs the suite against the installed package instead of the checkout's bindings/python."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
INSTALLED = os.environ.get("TRONPAY_TEST_INSTALLED") == "1"
if not INSTALLED:
    sys.path.insert(0, str(ROOT / "bindings" / "python"))  # the checkout's package, not a stale install
else:
    import tronpay

    checkout_package = ROOT / "bindings" / "python" / "tronpay"
    if Path(tronpay.__file__).resolve().parent == checkout_package:
        raise RuntimeError(f"TRONPAY_TEST_INSTALLED=1 but tronpay is the checkout's "
                           f"({tronpay.__file__}), not an installed package")


def load_json(relative: str):
    return json.loads((ROOT / relative).read_text())


def header_functions() -> set:
    text = (ROOT / "include" / "tronpay.h").read_text()
    return set(re.findall(r"\b(tronpay_[a-z0-9_]+)\s*\(", text))


def header_defines() -> dict:
    text = (ROOT / "include" / "tronpay.h").read_text()
    return {m[0]: int(m[1]) for m in re.findall(r"#define (TRONPAY_\w+) (-?\d+)", text)}


@pytest.fixture(scope="session")
def addresses():
    return load_json("Tests/vectors/addresses.json")


@pytest.fixture(scope="session")
def keccak_vectors():
    return load_json("Tests/vectors/keccak.json")
