"""The Library section, and that the binding covers the whole header."""

from __future__ import annotations

import re

import pytest

import tronpay
from tronpay import errors
from conftest import header_defines, header_functions

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # secp256k1 order


def test_every_header_function_has_a_python_name():
    assert set(tronpay.BINDINGS) == header_functions()
    for c_name, py_name in tronpay.BINDINGS.items():
        owner = tronpay
        for part in py_name.split("."):  # "webhooks.verify": a name in a submodule
            assert hasattr(owner, part), (c_name, py_name)
            owner = getattr(owner, part)


def test_every_header_function_has_a_declared_prototype():
    from tronpay._library import PROTOTYPES
    assert set(PROTOTYPES) == header_functions()


def test_version_and_abi_match_the_header():
    defines = header_defines()
    expected = "{}.{}.{}".format(defines["TRONPAY_VERSION_MAJOR"],
                                 defines["TRONPAY_VERSION_MINOR"],
                                 defines["TRONPAY_VERSION_PATCH"])
    assert tronpay.version() == expected
    assert tronpay.abi_version() == defines["TRONPAY_ABI_VERSION"] == tronpay.ABI_VERSION


def test_sizes_match_the_header_defines():
    defines = header_defines()
    for name in ("PRIVKEY", "PUBKEY", "ADDRESS", "ADDRESS_TEXT", "ADDRESS_HEX", "SIGNATURE",
                 "TXID", "SEED", "XKEY_TEXT"):
        assert getattr(tronpay, name + "_SIZE") == defines["TRONPAY_" + name + "_SIZE"], name


def test_status_names_and_python_constants_match_the_header():
    defines = header_defines()
    codes = {k: v for k, v in defines.items() if k == "TRONPAY_OK" or k.startswith("TRONPAY_E_")}
    assert len(codes) == 21 and len(set(codes.values())) == 21
    for name, code in codes.items():
        assert tronpay.status_name(code) == name
        assert getattr(errors, name[len("TRONPAY_"):]) == code
    assert tronpay.status_name(-999) == "unknown status"
    assert tronpay.status_name(1) == "unknown status"


def test_error_carries_status_name_and_detail():
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.parse_address("TSvT6Bg3siokv3dbdtt9o4oM1CTXmymGn2")
    err = info.value
    assert err.status == errors.E_ADDRESS == -4
    assert err.name == "TRONPAY_E_ADDRESS"
    assert err.detail and err.detail == tronpay.last_error()
    assert err.name in str(err) and err.detail in str(err)


def test_memzero_wipes_a_bytearray_and_refuses_bytes():
    secret = bytearray(b"\x5a" * 32)
    tronpay.memzero(secret)
    assert secret == bytearray(32)
    view_source = bytearray(b"abcdef")
    tronpay.memzero(memoryview(view_source)[2:4])
    assert view_source == bytearray(b"ab\0\0ef")
    tronpay.memzero(bytearray())  # empty is fine
    with pytest.raises(TypeError):
        tronpay.memzero(b"immutable")


def test_free_accepts_null():
    tronpay.free(None)


def test_library_path_is_reported():
    assert re.search(r"libtronpay\.so", tronpay.library_path)


def test_error_details_stay_with_their_thread():
    """ctypes releases the GIL during calls: threads fail concurrently, each must read its own
    detail text (tronpay_last_error is per thread)."""
    import threading

    cases = {"TSvT6Bg3siokv3dbdtt9o4oM1CTXmymGn2": "checksum",  # last character changed
             "tr7nhqjekqxgtci8q8zy4pl8otszgjlj6t": "alphabet"}  # 'l' is not base58
    details = {}
    for text in cases:
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.parse_address(text)
        details[text] = info.value.detail
    assert details[list(cases)[0]] != details[list(cases)[1]]
    wrong = []

    def hammer(text):
        for _ in range(300):
            try:
                tronpay.parse_address(text)
            except tronpay.TronPayError as err:
                if err.detail != details[text]:
                    wrong.append(err.detail)

    threads = [threading.Thread(target=hammer, args=(text,)) for text in list(cases) * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
