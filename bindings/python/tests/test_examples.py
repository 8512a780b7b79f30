"""examples/python/shop.py runs and reaches the states its recorded receipts call for."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import INSTALLED, ROOT, load_json

# The examples put the checkout's bindings/python first on sys.path (they run from a checkout),
# so against an installed package (`make test-packages`) they would not test it.
pytestmark = pytest.mark.skipif(INSTALLED, reason="the examples import the checkout's package")


def test_shop_example():
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "shop.py")],
                            capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert result.returncode == 0, result.stderr
    table = dict(re.findall(r"^\s+(inv-\d+) T\w+ \d+ (\w+)$", result.stdout, re.M))
    assert table == {"inv-1001": "paid", "inv-1002": "partial", "inv-1003": "paid",
                     "inv-1004": "expired", "inv-1005": "expired"}
    assert "detected -> paid" in result.stdout  # inv-1003 became final between the polls
    assert "foreign_token" in result.stdout and "not ours 0130dfde" in result.stdout
    # Deposit addresses are the wallet's m/44'/195'/0'/0/i, derived from the xpub alone.
    expected = [a["address_base58"] for a in load_json("Tests/vectors/hd.json")["abandon_about"]
                ["addresses"]][:5]
    assert re.findall(r"pay [\d.]+ USDT to (T\w+)", result.stdout) == expected


def test_webhook_receiver_example():
    result = subprocess.run([sys.executable,
                             str(ROOT / "examples" / "python" / "webhook_receiver.py")],
                            capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert result.returncode == 0, result.stderr
    lines = re.findall(r"^  (.+?)\s+-> (\d+) (.*)$", result.stdout, re.M)
    assert [(what, int(status)) for what, status, _ in lines] == [
        ("delivery", 200), ("retry of the same delivery", 200), ("tampered body", 400),
        ("replay signed in 2021", 400), ("signed with another secret", 400)]
    assert "duplicate, nothing changed" in result.stdout
    assert "order A-1001 is paid; 1 webhook id(s) processed" in result.stdout
