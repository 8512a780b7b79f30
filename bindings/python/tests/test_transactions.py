"""Transactions against Tests/vectors/transactions.json and real mainnet records."""

from __future__ import annotations

import json

import pytest

import tronpay
from tronpay import errors
from conftest import load_json

TXS = load_json("Tests/vectors/transactions.json")
MAINNET = load_json("Tests/vectors/mainnet.json")
WALLET_CORE = TXS["transactions"][0]
REF = TXS["block_reference"][0]


def ref_block_id(raw_data) -> bytes:
    """A block id carrying the vector's ref_block_bytes and ref_block_hash where TRON reads them
    (id[6..8], id[8..16]); the other bytes do not reach the transaction."""
    return (bytes(6) + bytes.fromhex(raw_data["ref_block_bytes"])
            + bytes.fromhex(raw_data["ref_block_hash"]) + bytes(16))


def node_json(case) -> dict:
    return {"txID": case["txID"], "raw_data": case["raw_data"],
            "raw_data_hex": case["raw_data_hex"], "signature": case["signature"],
            "visible": False}


def test_build_sign_and_serialise_a_trx_transfer_byte_exact():
    value = WALLET_CORE["raw_data"]["contract"][0]["parameter"]["value"]
    assert REF["ref_block_bytes"] == WALLET_CORE["raw_data"]["ref_block_bytes"]
    raw = tronpay.build_transfer(value["owner_address"], value["to_address"], value["amount"],
                                 ref_block_id=bytes.fromhex(REF["block_id"]),
                                 timestamp_ms=WALLET_CORE["raw_data"]["timestamp"],
                                 expiration_ms=WALLET_CORE["raw_data"]["expiration"])
    assert raw.hex() == WALLET_CORE["raw_data_hex"]
    assert tronpay.transaction_id(raw).hex() == WALLET_CORE["txID"]
    sig = tronpay.sign_transaction(raw, bytes.fromhex(WALLET_CORE["private_key"]))
    assert sig.hex() == WALLET_CORE["signature"][0]
    node = json.loads(tronpay.transaction_to_json(raw, [sig]))
    assert node["txID"] == WALLET_CORE["txID"] and node["raw_data_hex"] == raw.hex()
    assert node["signature"] == [sig.hex()] and node["visible"] is False
    assert tronpay.transaction_from_json(node) == (raw, [sig])


def test_build_the_synthetic_usdt_transfer():
    case = next(t for t in TXS["transactions"] if t["name"].startswith("SYNTHETIC USDT"))
    rd = case["raw_data"]
    value = rd["contract"][0]["parameter"]["value"]
    data = bytes.fromhex(value["data"])
    to = b"\x41" + data[16:36]
    amount = int.from_bytes(data[36:68], "big")
    raw = tronpay.build_trc20_transfer(value["owner_address"], value["contract_address"], to,
                                       amount, ref_block_id=ref_block_id(rd),
                                       timestamp_ms=rd.get("timestamp", 0),
                                       expiration_ms=rd["expiration"],
                                       fee_limit_sun=rd["fee_limit"])
    assert raw.hex() == case["raw_data_hex"]
    key = bytes.fromhex(case["private_key"])
    assert tronpay.sign_transaction(raw, key).hex() == case["signature"][0]
    same = tronpay.build_trigger(value["owner_address"], value["contract_address"], 0, data,
                                 ref_block_id=ref_block_id(rd), timestamp_ms=rd.get("timestamp", 0),
                                 expiration_ms=rd["expiration"], fee_limit_sun=str(rd["fee_limit"]))
    assert same == raw


def test_every_vector_verifies_and_names_its_signers():
    checked = 0
    for case in TXS["transactions"]:
        if "raw_data" not in case or len(case["signature"]) != 1:
            continue
        report = tronpay.verify_transaction(node_json(case))
        assert report["txid"] == case["txID"] and report["txid_matches"] is True
        assert report["signers"] == case["signature_recovers_to"]
        owner_signed = report["owner"] in case["signature_recovers_to"]
        assert report["owner_signed"] is owner_signed
        assert report["valid"] is owner_signed, (case["name"], report["problems"])
        checked += 1
    assert checked >= 8
    foreign = next(t for t in TXS["transactions"] if "different key" in t["name"])
    assert tronpay.verify_transaction(node_json(foreign))["valid"] is False


def test_real_mainnet_transactions_verify():
    for case in MAINNET["cases"]:
        tx = case["trongrid_v1_account_transaction"]
        report = tronpay.verify_transaction(json.dumps(tx))
        assert report["valid"] is True, case["name"]
        assert report["owner"] == case["expected"]["signer_base58"]
        assert report["contract"]["type"] == case["expected"]["contract_type"]


def test_a_tampered_transaction_is_reported_not_raised():
    node = node_json(WALLET_CORE)
    node["raw_data"] = json.loads(json.dumps(node["raw_data"]))
    node["raw_data"]["contract"][0]["parameter"]["value"]["amount"] = 2000001
    report = tronpay.verify_transaction(node)
    assert report["valid"] is False and report["raw_data_matches"] is False
    assert report["problems"]
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.transaction_from_json(node)
    assert info.value.status == errors.E_TX
    other_sig = node_json(WALLET_CORE)
    other_sig["signature"] = [TXS["transactions"][1]["signature"][0]]
    report = tronpay.verify_transaction(other_sig)
    assert report["valid"] is False and report["owner_signed"] is False


def test_expiry_is_reported():
    report = tronpay.verify_transaction(node_json(WALLET_CORE),
                                        now_ms=WALLET_CORE["raw_data"]["expiration"] + 1)
    assert report["expired"] is True


def test_builder_arguments_are_checked():
    value = WALLET_CORE["raw_data"]["contract"][0]["parameter"]["value"]
    opts = dict(ref_block_id=bytes.fromhex(REF["block_id"]), expiration_ms=1539331479000)
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.build_transfer(value["owner_address"], value["to_address"], 0, **opts)
    assert info.value.status == errors.E_AMOUNT
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.build_transfer(value["owner_address"], value["owner_address"], 1, **opts)
    assert info.value.status == errors.E_TX
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.build_transfer(value["owner_address"], value["to_address"], 1,
                               ref_block_id=bytes(31), expiration_ms=1)
    assert info.value.status == errors.E_ARG
    with pytest.raises(TypeError):
        tronpay.build_transfer(value["owner_address"], value["to_address"], 1.5, **opts)
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.transaction_id(b"\xff\xff")
    assert info.value.status == errors.E_TX
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.transaction_to_json(bytes.fromhex(WALLET_CORE["raw_data_hex"]), [bytes(64)])
    assert info.value.status == errors.E_ARG


def test_serialize_gives_the_broadcasthex_bytes():
    case = next(t for t in TXS["transactions"] if "transaction_protobuf_hex" in t)
    raw = bytes.fromhex(case["raw_data_hex"])
    sigs = [bytes.fromhex(s) for s in case["signature"]]
    assert tronpay.serialize_transaction(raw, sigs).hex() == case["transaction_protobuf_hex"]
    assert tronpay.serialize_transaction(raw).hex().startswith("0a")  # raw_data only
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.serialize_transaction(b"\xff\xff")
    assert info.value.status == errors.E_TX
