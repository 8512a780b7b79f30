"""How the package finds the library: $TRONPAY_LIBRARY first (and nothing else when it is set),
lazily (importing loads nothing), as an installed package beside a `make install`, and as the
wheel's package (`make test-packages`: INSTALLED) with the copy it carries."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tronpay
from conftest import INSTALLED, ROOT

PACKAGE_DIR = str(ROOT / "bindings" / "python")
# The package under test: the checkout's on PYTHONPATH, or (INSTALLED) the interpreter's own.
TESTED_PATH = None if INSTALLED else PACKAGE_DIR
PROBE = ("import tronpay; print(tronpay.library_path); "
         "print(tronpay.address_from_private_key(bytes(31) + b'\\x01'))")
# Key 1: the generator point, Ethereum address 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf.
KEY1_ADDRESS = "TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC"


def run(env_library, probe=PROBE, python=sys.executable, pythonpath=TESTED_PATH):
    env = dict(os.environ)
    env.pop("TRONPAY_LIBRARY", None)
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    if env_library is not None:
        env["TRONPAY_LIBRARY"] = env_library
    return subprocess.run([python, "-c", probe], env=env, capture_output=True, text=True,
                          cwd="/")


def test_tronpay_library_is_honoured(tmp_path):
    copy = tmp_path / "libtronpay-copy.so"
    shutil.copy(tronpay.library_path, copy)
    result = run(str(copy))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == str(copy)
    assert lines[1] == KEY1_ADDRESS


def test_import_loads_nothing_and_the_first_call_says_what_to_do(tmp_path):
    missing = tmp_path / "nope.so"
    probe = ("import sys, tronpay, tronpay.webhooks; import tronpay._library as L\n"
             "assert L._loaded is None, 'import loaded the library'\n"
             "try:\n"
             "    tronpay.keccak256(b'')\n"
             "except ImportError as exc:\n"
             "    assert isinstance(exc, tronpay.TronPayLoadError)\n"
             "    print(exc); sys.exit(3)\n")
    result = run(str(missing), probe)
    assert result.returncode == 3, result.stderr
    assert f"TRONPAY_LIBRARY={missing} cannot be loaded" in result.stdout
    assert "No such file" in result.stdout and not result.stderr


@pytest.mark.skipif(INSTALLED, reason="the checkout's package only")
def test_without_the_variable_a_checkout_finds_build():
    result = run(None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == str(ROOT / "build" / "libtronpay.so.1")


@pytest.mark.skipif(not INSTALLED, reason="the wheel's package only")
def test_without_the_variable_the_wheel_finds_its_own_copy():
    result = run(None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == str(Path(tronpay.__file__).resolve().parent / "_lib" / "libtronpay.so.1")
    assert lines[1] == KEY1_ADDRESS


def _installed_package(venv: Path) -> Path:
    """A virtualenv holding the package as pip installs it: a copy, far from any checkout."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = subprocess.run([str(venv / "bin" / "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    shutil.copytree(Path(PACKAGE_DIR) / "tronpay", Path(site) / "tronpay")
    return venv / "bin" / "python"


@pytest.mark.skipif(INSTALLED, reason="tests the checkout's package with `make install`")
def test_an_installed_package_finds_make_install_under_its_prefix(tmp_path):
    python = _installed_package(tmp_path / "venv")
    # `make install PREFIX=<the virtualenv>`: lib/libtronpay.so.1 and the .so link.
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "install-lib",
                    f"PREFIX={tmp_path / 'venv'}"], check=True, capture_output=True)
    result = run(None, python=str(python), pythonpath=None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == str(tmp_path / "venv" / "lib" / "libtronpay.so.1")
    assert lines[1] == KEY1_ADDRESS


SYSTEM_INSTALL = (ctypes.util.find_library("tronpay")
                  or any(Path(d, "libtronpay.so.1").exists() for d in ("/usr/local/lib", "/usr/lib")))


@pytest.mark.skipif(bool(SYSTEM_INSTALL), reason="a system-wide libtronpay is installed here")
def test_an_installed_package_without_the_library_says_exactly_what_to_do(tmp_path):
    python = _installed_package(tmp_path / "venv")
    probe = ("import tronpay\n"
             "try:\n    tronpay.version()\n"
             "except tronpay.TronPayLoadError as exc:\n    print(exc)\n")
    result = run(None, probe, python=str(python), pythonpath=None)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("libtronpay.so.1 was not found.\nTried:\n")
    assert f"Also looked in {tmp_path / 'venv' / 'lib'}, /usr/local/lib, /usr/lib" in text
    for expected in ("libtronpay.so.1: ", "make && sudo make install", "sudo ldconfig",
                     "export TRONPAY_LIBRARY=/path/to/libtronpay.so.1"):
        assert expected in text, (expected, text)


def test_an_abi_mismatch_is_a_load_error_at_first_use():
    probe = ("import tronpay, tronpay._library as L\nL.ABI_VERSION = 999\n"
             "try:\n    tronpay.version()\n"
             "except tronpay.TronPayLoadError as exc:\n    print(exc)\n")
    result = run(tronpay.library_path, probe)
    assert result.returncode == 0, result.stderr
    assert "has ABI 1, this binding needs 999" in result.stdout
