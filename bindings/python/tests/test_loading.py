"""How the package finds the library: $TRONPAY_LIBRARY first, and nothing else when it is set."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import tronpay
from conftest import ROOT

PACKAGE_DIR = str(ROOT / "bindings" / "python")
PROBE = ("import tronpay; print(tronpay.library_path); "
         "print(tronpay.address_from_private_key(bytes(31) + b'\\x01'))")


def run(env_library):
    env = dict(os.environ, PYTHONPATH=PACKAGE_DIR)
    env.pop("TRONPAY_LIBRARY", None)
    if env_library is not None:
        env["TRONPAY_LIBRARY"] = env_library
    return subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, cwd="/")


def test_tronpay_library_is_honoured(tmp_path):
    copy = tmp_path / "libtronpay-copy.so"
    shutil.copy(tronpay.library_path, copy)
    result = run(str(copy))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == str(copy)
    # Key 1: the generator point, Ethereum address 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf.
    assert lines[1] == "TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC"


def test_a_missing_tronpay_library_is_an_import_error_not_a_silent_fallback(tmp_path):
    result = run(str(tmp_path / "nope.so"))
    assert result.returncode != 0
    assert "ImportError" in result.stderr and "TRONPAY_LIBRARY" in result.stderr


def test_without_the_variable_a_checkout_finds_build():
    result = run(None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0].endswith("libtronpay.so.1")
