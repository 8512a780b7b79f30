"""Hashes, keys and addresses against the shared vectors (tests/vectors, with sources)."""

from __future__ import annotations

import hashlib

import pytest

import tronpay
from tronpay import errors

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # secp256k1 order


def test_private_key_to_public_key_and_address(addresses):
    cases = addresses["private_key_to_address"]
    assert len(cases) >= 10
    for case in cases:
        key = bytes.fromhex(case["private_key"])
        assert tronpay.is_valid_private_key(key)
        pub = tronpay.public_key_from_private_key(key)
        assert pub.hex() == case["public_key_uncompressed"].lower()
        assert tronpay.address_from_private_key(key) == case["address_base58"]
        assert tronpay.address_from_public_key(pub) == case["address_base58"]
        compressed = bytes.fromhex(case["public_key_compressed"])
        assert tronpay.address_from_public_key(compressed) == case["address_base58"]
        assert tronpay.address_to_hex(case["address_base58"]) == case["address_hex"]


def test_public_key_xy_vector(addresses):
    for case in addresses["public_key_to_address"]:
        pub = b"\x04" + bytes.fromhex(case["public_key_xy"])
        assert tronpay.address_from_public_key(pub) == case["address_base58"]


def test_hex_base58_and_evm_forms_agree(addresses):
    for case in addresses["hex_base58_pairs"] + addresses["testnet_tokens"]:
        raw = bytes.fromhex(case["address_hex"])
        for form in (case["address_base58"], case["address_hex"], case["address_hex"].upper(),
                     case["address_evm_0x"]):
            assert tronpay.parse_address(form) == raw, form
        assert tronpay.address_to_base58(raw) == case["address_base58"]
        assert tronpay.address_to_hex(raw) == case["address_hex"]
        assert tronpay.address_to_base58(case["address_evm_0x"]) == case["address_base58"]


def test_invalid_addresses_raise(addresses):
    refused = [c["input"] for c in addresses["invalid_addresses"]
               if not c["input"].startswith("0x")]  # "0x"+40 hex is the accepted EVM form
    assert len(refused) >= 6
    good = addresses["hex_base58_pairs"][0]["address_base58"]
    refused += [" " + good, good + "\n", good[:-1], good.lower(), "", "41" + "00" * 19]
    for text in refused:
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.parse_address(text)
        assert info.value.status == errors.E_ADDRESS, text


def test_text_with_an_embedded_nul_is_refused_not_truncated(addresses):
    good = addresses["hex_base58_pairs"][0]["address_base58"]
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.parse_address(good + "\0junk")
    assert info.value.status == errors.E_ARG


def test_address_bytes_must_start_0x41(addresses):
    raw = bytearray(bytes.fromhex(addresses["hex_base58_pairs"][0]["address_hex"]))
    raw[0] = 0xA0
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.address_to_base58(bytes(raw))
    assert info.value.status == errors.E_ADDRESS
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.address_to_hex(bytes(raw[:20]))
    assert info.value.status == errors.E_ARG


@pytest.mark.parametrize("value", [0, N, N + 1, 2**256 - 1])
def test_out_of_range_private_keys_are_invalid(value):
    key = value.to_bytes(32, "big")
    assert tronpay.is_valid_private_key(key) is False
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.address_from_private_key(key)
    assert info.value.status == errors.E_KEY and info.value.name == "TRONPAY_E_KEY"
    with pytest.raises(tronpay.TronPayError):
        tronpay.public_key_from_private_key(key)


def test_edge_private_keys_are_valid():
    assert tronpay.is_valid_private_key((1).to_bytes(32, "big"))
    assert tronpay.is_valid_private_key((N - 1).to_bytes(32, "big"))


def test_wrong_lengths_and_types_are_refused():
    for bad in (b"", b"\x01" * 31, b"\x01" * 33):
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.address_from_private_key(bad)
        assert info.value.status == errors.E_ARG
    with pytest.raises(TypeError):
        tronpay.address_from_private_key("01" * 32)
    with pytest.raises(tronpay.TronPayError) as info:  # the same error, seen as the binding's own
        tronpay.address_from_private_key("01" * 32)
    assert info.value.status == errors.E_ARG and isinstance(info.value, TypeError)
    with pytest.raises(TypeError):
        tronpay.keccak256("text")
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.address_from_public_key(b"\x04" * 64)
    assert info.value.status == errors.E_KEY
    bad_point = b"\x02" + b"\xff" * 32  # x >= p: not on the curve
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.address_from_public_key(bad_point)
    assert info.value.status == errors.E_KEY


def test_keccak256_vectors(keccak_vectors):
    cases = keccak_vectors["keccak256"] + keccak_vectors["keccak256_padding_boundaries"]
    for case in cases:
        data = (case["input_utf8"].encode() if "input_utf8" in case
                else bytes.fromhex(case["input_hex"]))
        assert len(data) == case["input_length"]
        assert tronpay.keccak256(data).hex() == case["keccak256"]
    for case in keccak_vectors["trc20_abi"]:
        assert tronpay.keccak256(case["signature"].encode()).hex() == case["keccak256"]
    for case in keccak_vectors["sha3_256_contrast"]:  # Keccak is not FIPS SHA3
        assert tronpay.keccak256(case["input_utf8"].encode()).hex() != case["sha3_256"]


def test_sha256_matches_hashlib(keccak_vectors):
    for case in keccak_vectors["sha256_examples"]:
        assert tronpay.sha256(case["input_utf8"].encode()).hex() == case["sha256"]
    for data in (b"", b"\0", bytes(range(256)) * 5, bytearray(b"abc"), memoryview(b"xyz")):
        assert tronpay.sha256(data) == hashlib.sha256(bytes(data)).digest()


def test_generated_keys_are_valid_and_distinct():
    keys = {tronpay.generate_private_key() for _ in range(8)}
    assert len(keys) == 8
    for key in keys:
        assert len(key) == 32 and tronpay.is_valid_private_key(key)
        assert tronpay.address_from_private_key(key).startswith("T")
