"""TIP-104 messages and raw digests against Tests/vectors/messages.json."""

from __future__ import annotations

import pytest

import tronpay
from tronpay import errors
from conftest import load_json

MESSAGES = load_json("Tests/vectors/messages.json")


def sig_bytes(text: str) -> bytes:
    return bytes.fromhex(text[2:] if text.startswith("0x") else text)


def message_of(case) -> "bytes | str":
    return case["message"] if case["message_kind"] == "utf8" else bytes.fromhex(
        case["message_bytes_hex"])


def test_v2_sign_recover_verify():
    cases = MESSAGES["v2"]
    assert len(cases) >= 7
    for case in cases:
        message, sig = message_of(case), sig_bytes(case["signature"])
        key = bytes.fromhex(case["private_key"])
        assert tronpay.sign_message(message, key) == sig, case["name"]
        assert sig[64] in (27, 28)
        assert tronpay.recover_message_signer(message, sig) == case["address"]
        assert tronpay.verify_message(message, sig, case["address"]) is True
        assert tronpay.verify_message(message, sig, tronpay.parse_address(case["address"]))


def test_verify_is_false_for_another_signer_or_message():
    a, b = MESSAGES["v2"][0], MESSAGES["v2"][3]
    assert a["address"] != b["address"]
    assert tronpay.verify_message(message_of(a), sig_bytes(a["signature"]), b["address"]) is False
    assert tronpay.verify_message(b"other", sig_bytes(a["signature"]), a["address"]) is False


def test_malformed_signatures_raise():
    case = MESSAGES["v2"][0]
    sig = bytearray(sig_bytes(case["signature"]))
    sig[64] = 29
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.verify_message(case["message"], bytes(sig), case["address"])
    assert info.value.status == errors.E_SIGNATURE
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.recover_message_signer(case["message"], bytes(65))
    assert info.value.status == errors.E_SIGNATURE
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.recover_message_signer(case["message"], bytes(sig[:64]))
    assert info.value.status == errors.E_ARG


def test_v1_legacy():
    for case in MESSAGES["v1_legacy"]:
        message, sig = bytes.fromhex(case["message_hex"]), sig_bytes(case["signature"])
        assert tronpay.recover_message_signer_v1(message, sig) == case["address"]
        assert tronpay.verify_message_v1(message, sig, case["address"]) is True
    hello = MESSAGES["v1_legacy"][1]
    assert tronpay.verify_message(bytes.fromhex(hello["message_hex"]),
                                  sig_bytes(hello["signature"]), hello["address"]) is False


def test_digests_sign_and_recover_with_v_0_or_1():
    for case in MESSAGES["v2"]:
        digest, sig = bytes.fromhex(case["digest_keccak256"]), sig_bytes(case["signature"])
        key = bytes.fromhex(case["private_key"])
        raw = tronpay.sign_digest(digest, key)
        assert raw[:64] == sig[:64] and raw[64] == sig[64] - 27  # same r, s; v without 27
        assert tronpay.recover_digest_signer(digest, raw) == case["address"]
        assert tronpay.recover_digest_signer(digest, sig) == case["address"]
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.sign_digest(b"\1" * 31, bytes.fromhex(MESSAGES["v2"][0]["private_key"]))
    assert info.value.status == errors.E_ARG
