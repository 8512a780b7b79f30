"""Tests of the simulated TRON node: java-tron's shapes (checked against the mainnet records),
real signed bytes, the library's own parser finding exactly the scripted payments, reorgs,
solidification, broadcast, faults, the control endpoint and the command line.

Run: make test-sim (or TRONPAY_LIBRARY=build/libtronpay.so.1 python3 -m pytest Tests/sim).
Everything listens on 127.0.0.1; every network call has a timeout.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
os.environ.setdefault("TRONPAY_LIBRARY", os.path.join(ROOT, "build", "libtronpay.so.1"))

import chaincrypto as cc  # noqa: E402
import node  # noqa: E402
from node import SimNode, fake_trc20, trx, usdt  # noqa: E402
import tronpay  # noqa: E402  (the library under test, through its Python binding)

GENESIS = 1_738_600_000_000 - 1_738_600_000_000 % 3000
ALICE = "TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx"   # recipients from the mainnet records
BOB = "TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB"
USDT_B58 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

with open(os.path.join(ROOT, "Tests", "vectors", "mainnet.json"), encoding="utf-8") as _f:
    MAINNET = {c["name"]: c for c in json.load(_f)["cases"]}
# TronGrid's /v1 record is a node transaction plus these extras of its own.
TRONGRID_EXTRAS = {"net_usage", "net_fee", "energy_usage", "blockNumber", "block_timestamp",
                   "energy_fee", "energy_usage_total", "internal_transactions"}


@pytest.fixture
def sim():
    s = SimNode(genesis_ms=GENESIS, max_lifetime=120)
    s.start()
    yield s
    s.stop()


def call(url, path, body=None, *, method="POST", timeout=5.0):
    """(status, headers, body bytes) of one request."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def jcall(url, path, body=None, **kw):
    status, _, data = call(url, path, body, **kw)
    assert status == 200, (status, data)
    return json.loads(data)


def served_block(url, number) -> bytes:
    """The served /wallet/getblockbynum answer and its /wallet/gettransactioninfobyblocknum
    array as one JSON array text, both as the node sent them."""
    t = call(url, "/wallet/getblockbynum", {"num": number})[2]
    i = call(url, "/wallet/gettransactioninfobyblocknum", {"num": number})[2].strip()
    return b"[" + t + (b"]" if i == b"[]" else b"," + i[1:])


def all_kinds(sim):
    """One block with every kind of scripted payment; returns (block, the transfers that
    moved money). The failed calls (OUT_OF_ENERGY, REVERT) log nothing: no transfer."""
    specs = [usdt(ALICE, 1_500_000), trx(ALICE, 2_000_000), fake_trc20(ALICE, 5_000_000),
             usdt(ALICE, 7_000_000, result="OUT_OF_ENERGY"), usdt(BOB, 8, result="REVERT"),
             usdt(BOB, 10**30, payer=1, pad41=True), trx(BOB, 1, payer=2, fee=True)]
    blk = sim.mine_block(specs)
    fake_b58 = cc.to_base58(bytes.fromhex(node.FAKE_TOKEN))
    expected = []
    for spec, tx in zip(specs, blk.txs):
        token = "TRX" if spec["kind"] == "trx" else cc.to_base58(cc.addr(spec["contract"]))
        if spec.get("result", "SUCCESS") == "SUCCESS":
            expected.append((tx.txid, token, sim.payer_address(spec["payer"]),
                             cc.to_base58(cc.addr(spec["to"])), str(spec["amount"]), True))
    assert len(expected) == 5 and expected[2][1] == fake_b58
    return blk, expected


# --- the sim's own encoder ------------------------------------------------------------------


def test_encoder_reproduces_every_mainnet_record():
    """chaincrypto re-encodes each record's raw_data to its raw_data_hex, and its signature
    recovers to the recorded signer: the sim writes bytes the way mainnet does."""
    for name, case in MAINNET.items():
        tx = case["trongrid_v1_account_transaction"]
        raw = cc.encode_raw_from_json(tx["raw_data"])
        assert raw.hex() == tx["raw_data_hex"], name
        txid = hashlib.sha256(raw).digest()
        assert txid.hex() == tx["txID"], name
        pub = cc.recover(txid, bytes.fromhex(tx["signature"][0]))
        assert cc.to_base58(cc.address_from_pubkey(pub)) == case["expected"]["signer_base58"]
    with open(os.path.join(ROOT, "Tests", "vectors", "keccak.json"), encoding="utf-8") as f:
        kv = json.load(f)
        for v in kv["keccak256"] + kv["keccak256_padding_boundaries"]:
            if "input_utf8" in v:
                assert cc.keccak256(v["input_utf8"].encode()).hex() == v["keccak256"]
    key = hashlib.sha256(b"k").digest()
    assert cc.to_base58(cc.address_from_key(key)) == tronpay.address_from_private_key(key)
    sig = cc.sign(b"\x11" * 32, key)
    assert sig == tronpay.sign_digest(b"\x11" * 32, key)  # RFC 6979, low-s: same bytes


# --- shapes ---------------------------------------------------------------------------------


def test_transactions_have_java_tron_keys_and_mainnet_field_sets(sim):
    blk, _ = all_kinds(sim)
    served = jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number})
    rec_trc20 = MAINNET["usdt_transfer_success_41_padded_recipient"][
        "trongrid_v1_account_transaction"]
    rec_trx = MAINNET["trx_transfer_incoming_1_sun"]["trongrid_v1_account_transaction"]
    for rec in (rec_trc20, rec_trx):
        assert set(rec) - TRONGRID_EXTRAS == set(node.TX_KEYS)
    for tx in served["transactions"]:
        assert set(tx) == set(node.TX_KEYS)
        rec = rec_trx if tx["raw_data"]["contract"][0]["type"] == "TransferContract" \
            else rec_trc20
        assert set(tx["raw_data"]) == set(rec["raw_data"])
        c, rc = tx["raw_data"]["contract"][0], rec["raw_data"]["contract"][0]
        assert set(c) == set(rc) and set(c["parameter"]) == set(rc["parameter"])
        assert c["parameter"]["type_url"] == rc["parameter"]["type_url"]
        assert set(c["parameter"]["value"]) == set(rc["parameter"]["value"])
        assert [set(r) for r in tx["ret"]] == [{"contractRet"}]
        for k in ("owner_address", "to_address", "contract_address"):
            v = c["parameter"]["value"].get(k)
            assert v is None or (len(v) == 42 and v.startswith("41") and v == v.lower())


def test_receipts_have_mainnet_field_sets(sim):
    blk, _ = all_kinds(sim)
    infos = jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": blk.number})
    assert isinstance(infos, list) and [i["id"] for i in infos] == [t.txid for t in blk.txs]
    ok = MAINNET["usdt_transfer_success_41_padded_recipient"]["gettransactioninfobyid"]
    ooe = MAINNET["usdt_transfer_FAILED_out_of_energy"]["gettransactioninfobyid"]
    free = MAINNET["trx_transfer_incoming_1_sun"]["gettransactioninfobyid"]
    paid = MAINNET["trx_transfer_outgoing_fee_1_1_trx"]["gettransactioninfobyid"]
    usdt_ok, trx_free, fake_ok, usdt_ooe, revert, big, trx_paid = infos
    for got, rec in ((usdt_ok, ok), (fake_ok, ok), (big, ok), (usdt_ooe, ooe),
                     (trx_free, free), (trx_paid, paid)):
        assert set(got) == set(rec), got
        assert set(got["receipt"]) == set(rec["receipt"])
        assert got["blockNumber"] == blk.number and got["blockTimeStamp"] == blk.timestamp
    for got in (usdt_ok, fake_ok, big):
        assert got["receipt"]["result"] == "SUCCESS" and "result" not in got
        (log,) = got["log"]
        assert set(log) == set(ok["log"][0])
        assert len(log["address"]) == 40 and got["contract_address"] == "41" + log["address"]
        assert log["topics"][0] == node.TRANSFER_TOPIC and len(log["topics"]) == 3
    assert fake_ok["log"][0]["address"] == node.FAKE_TOKEN[2:]
    assert int(big["log"][0]["data"], 16) == 10**30
    assert usdt_ooe["receipt"]["result"] == "OUT_OF_ENERGY" and usdt_ooe["result"] == "FAILED"
    assert set(revert) == set(ooe) | {"fee"} and "log" not in revert
    assert revert["receipt"]["result"] == "REVERT" and revert["result"] == "FAILED"
    assert bytes.fromhex(revert["resMessage"]) == b"REVERT opcode executed"
    for got in infos:  # proto3: zero values are left out
        assert all(v != 0 for v in got["receipt"].values())


def test_blocks_ids_chain_and_time(sim):
    sim.mine(3)
    blk, _ = all_kinds(sim)
    sim.mine(2)
    head = sim.head_number
    first = sim.first_block
    got = jcall(sim.url, "/wallet/getblockbylimitnext", {"startNum": first, "endNum": head + 1})
    blocks = got["block"]
    assert [b["block_header"]["raw_data"]["number"] for b in blocks] == \
        list(range(first, head + 1))
    prev = None
    for b in blocks:
        raw = b["block_header"]["raw_data"]
        assert int(b["blockID"][:16], 16) == raw["number"]
        assert len(b["blockID"]) == 64 and len(raw["parentHash"]) == 64
        assert int(raw["parentHash"][:16], 16) == raw["number"] - 1
        assert raw["timestamp"] % 3000 == 0
        assert raw["witness_address"].startswith("41") and len(raw["witness_address"]) == 42
        # blockID = number || SHA-256(BlockHeader.raw)[8:], the witness signed that hash
        digest = hashlib.sha256(cc.encode_header_raw(
            raw["number"], raw["timestamp"], bytes.fromhex(raw["txTrieRoot"]),
            bytes.fromhex(raw["parentHash"]), bytes.fromhex(raw["witness_address"]),
            raw["version"])).digest()
        assert b["blockID"][16:] == digest[8:].hex()
        pub = cc.recover(digest, bytes.fromhex(b["block_header"]["witness_signature"]))
        assert cc.address_from_pubkey(pub).hex() == raw["witness_address"]
        if prev is not None:
            assert raw["parentHash"] == prev["blockID"]
            assert raw["timestamp"] == prev["block_header"]["raw_data"]["timestamp"] + 3000
        if raw["number"] == blk.number:
            assert len(b["transactions"]) == len(blk.txs)
        else:
            assert "transactions" not in b  # an empty block has no key at all
            assert raw["txTrieRoot"] == "00" * 32
        prev = b


def test_node_answers_for_heads_unknown_and_limits(sim):
    sim.mine(30)
    head, solid = sim.head_number, sim.solid_number
    assert head - solid == 19
    now = jcall(sim.url, "/wallet/getnowblock")
    assert now["block_header"]["raw_data"]["number"] == head
    sol = jcall(sim.url, "/walletsolidity/getnowblock")
    assert sol["block_header"]["raw_data"]["number"] == solid
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": head + 1}) == {}
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": 5}) == {}
    assert jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": head + 1}) == []
    assert jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": head}) == []
    assert jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": 0}) == {}
    assert jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": "ab" * 32}) == {}
    assert jcall(sim.url, "/wallet/gettransactionbyid", {"value": "ab" * 32}) == {}
    hb = jcall(sim.url, "/wallet/getblockbyid", {"value": sim.head.id_hex})
    assert hb["block_header"]["raw_data"]["number"] == head
    assert jcall(sim.url, "/wallet/getblockbyid", {"value": "00" * 32}) == {}
    latest = jcall(sim.url, "/wallet/getblockbylatestnum", {"num": 3})["block"]
    assert [b["block_header"]["raw_data"]["number"] for b in latest] == [head - 2, head - 1, head]
    # getblockbylimitnext: [start, end), at most 100, blocks past the head left out
    assert jcall(sim.url, "/wallet/getblockbylimitnext",
                 {"startNum": head - 10, "endNum": head + 91}) == {}
    part = jcall(sim.url, "/wallet/getblockbylimitnext",
                 {"startNum": head - 2, "endNum": head + 5})
    assert [b["block_header"]["raw_data"]["number"] for b in part["block"]] == \
        [head - 2, head - 1, head]
    assert jcall(sim.url, "/wallet/getblockbylimitnext",
                 {"startNum": head + 1, "endNum": head + 3}) == {"block": []}
    assert len(jcall(sim.url, "/wallet/getblockbylimitnext",
                     {"startNum": head - 99, "endNum": head + 1})["block"]) == 100 \
        if head - 99 >= sim.first_block else True


def test_get_and_post_agree_and_visible_true(sim):
    blk, _ = all_kinds(sim)
    q = f"/wallet/getblockbynum?num={blk.number}"
    assert jcall(sim.url, q, method="GET") == jcall(sim.url, "/wallet/getblockbynum",
                                                    {"num": blk.number})
    txid = blk.txs[0].txid
    assert jcall(sim.url, f"/wallet/gettransactioninfobyid?value={txid}", method="GET") == \
        jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": txid})
    vis = jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": txid, "visible": True})
    assert vis["log"][0]["address"] == USDT_B58 and vis["contract_address"] == USDT_B58
    vb = jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number, "visible": True})
    v = vb["transactions"][0]["raw_data"]["contract"][0]["parameter"]["value"]
    assert v["owner_address"] == sim.payer_address(0) and v["contract_address"] == USDT_B58
    assert vb["block_header"]["raw_data"]["witness_address"].startswith("T")


def test_node_errors_come_with_http_200(sim):
    status, _, body = call(sim.url, "/wallet/getblockbynum?num=abc", method="GET")
    assert status == 200
    assert json.loads(body)["Error"].startswith("class java.lang.NumberFormatException : ")
    req = urllib.request.Request(sim.url + "/wallet/getblockbynum", data=b"{num:", method="POST")
    with urllib.request.urlopen(req, timeout=5) as r:
        assert r.status == 200 and "Error" in json.loads(r.read())
    status, _, _ = call(sim.url, "/wallet/nosuchthing", {})
    assert status == 404


# --- signed bytes ---------------------------------------------------------------------------


def test_every_txid_is_sha256_of_raw_data_hex_and_the_owner_signed(sim):
    all_kinds(sim)
    sim.mine(1)
    blk2 = sim.mine_block([usdt(BOB, 1), trx(BOB, 3)])
    served = jcall(sim.url, "/wallet/getblockbylimitnext",
                   {"startNum": sim.first_block, "endNum": sim.head_number + 1})["block"]
    seen = 0
    for b in served:
        for tx in b.get("transactions", []):
            raw = bytes.fromhex(tx["raw_data_hex"])
            assert hashlib.sha256(raw).hexdigest() == tx["txID"]
            # the JSON raw_data is the bytes (this encoder), and the library agrees
            assert cc.encode_raw_from_json(tx["raw_data"]) == raw
            assert tronpay.transaction_id(raw).hex() == tx["txID"]
            lib_json = json.loads(tronpay.transaction_to_json(
                raw, [bytes.fromhex(s) for s in tx["signature"]]))
            assert lib_json["raw_data"] == tx["raw_data"]
            assert lib_json["txID"] == tx["txID"] and lib_json["signature"] == tx["signature"]
            raw2, sigs = tronpay.transaction_from_json(tx)
            assert raw2 == raw and [s.hex() for s in sigs] == tx["signature"]
            report = tronpay.verify_transaction(tx)
            assert report["valid"] and report["owner_signed"], report
            seen += 1
    assert seen == 7 + len(blk2.txs)


# --- the key cross-check: the library reads what the sim says it mined ----------------------


def _found(parsed):
    return sorted((t["txid"], t["token"], t["from"], t["to"], t["amount"], t["success"])
                  for t in parsed)


def test_library_parser_finds_exactly_the_scripted_payments(sim):
    sim.mine(2)
    blk, expected = all_kinds(sim)
    block_text = call(sim.url, "/wallet/getblockbynum", {"num": blk.number})[2]
    infos_text = call(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": blk.number})[2]
    both = b"[" + block_text + b"," + infos_text[1:]  # one array: the block and its receipts
    parsed = tronpay.parse_transfers(both)
    assert _found(parsed) == sorted(expected)
    by_txid = {t["txid"]: t for t in parsed}
    for txid, *_ in expected:
        t = by_txid[txid]
        assert t["block"] == blk.number and t["timestamp_ms"] == blk.timestamp
    failed = {s["txid"]: s["detail"] for s in parsed.skipped if s["reason"] == "failed"}
    assert failed == {blk.txs[3].txid: "OUT_OF_ENERGY", blk.txs[4].txid: "REVERT"}
    assert all(s["reason"] == "failed" for s in parsed.skipped), parsed.skipped
    # the receipts alone and the transactions by id say the same
    one_by_one = [call(sim.url, "/wallet/gettransactioninfobyid", {"value": t.txid})[2]
                  for t in blk.txs]
    assert _found(tronpay.parse_transfers(b"[" + b",".join(one_by_one) + b"]")) == \
        sorted(e for e in expected if e[1] != "TRX")
    # a getblockbylimitnext page plus the receipts: same answer
    page = jcall(sim.url, "/wallet/getblockbylimitnext",
                 {"startNum": blk.number - 2, "endNum": blk.number + 1})
    assert _found(tronpay.parse_transfers([page] + json.loads(infos_text))) == sorted(expected)


def test_equal_payments_are_distinct_transactions(sim):
    blk = sim.mine_block([usdt(ALICE, 1)] * 3 + [trx(ALICE, 1)] * 2)
    assert len({t.txid for t in blk.txs}) == 5
    parsed = tronpay.parse_transfers(served_block(sim.url, blk.number))
    assert sorted(t["txid"] for t in parsed) == sorted(t.txid for t in blk.txs)


def test_library_parser_sees_nothing_in_empty_blocks(sim):
    blocks = sim.mine(3)
    for b in blocks:
        text = call(sim.url, "/wallet/getblockbynum", {"num": b.number})[2]
        parsed = tronpay.parse_transfers(text)
        assert list(parsed) == [] and parsed.skipped == []


# --- solidification, clock -------------------------------------------------------------------


def test_solid_lag_and_stall(sim):
    sim.set_solid_lag(5)
    sim.mine(1)
    assert sim.head_number - sim.solid_number == 5
    assert jcall(sim.url, "/walletsolidity/getnowblock")["block_header"]["raw_data"][
        "number"] == sim.solid_number
    sim.stall_solid(True)
    frozen = sim.solid_number
    sim.mine(60)
    assert sim.solid_number == frozen and sim.head_number - frozen == 65
    # a receipt above the solidified block is not on /walletsolidity yet
    blk = sim.mine_block([usdt(ALICE, 1)])
    txid = blk.txs[0].txid
    assert jcall(sim.url, "/walletsolidity/gettransactioninfobyid", {"value": txid}) == {}
    assert jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": txid})["id"] == txid
    sim.stall_solid(False)
    sim.set_solid_lag(0)
    assert jcall(sim.url, "/walletsolidity/gettransactioninfobyid",
                 {"value": txid})["blockNumber"] == blk.number


def test_clock_is_the_tests(sim):
    t = sim.head.timestamp
    sim.mine(1)
    assert sim.head.timestamp == t + 3000
    sim.set_clock(t + 3000 + 60_001)  # a minute of missed slots, rounded up to a slot
    sim.mine(1)
    assert sim.head.timestamp == t + 3000 + 63_000
    sim.advance_clock(9000)
    b = sim.mine_block([trx(ALICE, 5)])
    assert b.timestamp == t + 3000 + 72_000
    info = jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": b.txs[0].txid})
    assert info["blockTimeStamp"] == b.timestamp


# --- reorg ----------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 5, 19])
def test_reorg_replaces_the_last_k_blocks(sim, k):
    sim.mine(25)
    old = sim.mine(k - 1) if k > 1 else []
    paid = sim.mine_block([usdt(ALICE, 11), usdt(BOB, 12)])
    old = (old + [paid])[-k:]
    keep, lose = paid.txs[0].txid, paid.txs[1].txid
    head_before = sim.head_number
    fork = jcall(sim.url, "/wallet/getblockbynum", {"num": head_before - k})
    new = sim.reorg(k, reinclude=[keep], payments=[[], [trx(ALICE, 77)]] if k > 1 else None)
    assert sim.head_number == head_before
    assert [b.number for b in new] == [b.number for b in old]
    assert all(n.id_hex != o.id_hex for n, o in zip(new, old))
    assert jcall(sim.url, "/wallet/getblockbyid", {"value": old[-1].id_hex}) == {}  # orphaned
    first = jcall(sim.url, "/wallet/getblockbynum", {"num": head_before - k + 1})
    assert first["block_header"]["raw_data"]["parentHash"] == fork["blockID"]
    assert jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": lose}) == {}
    again = jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": keep})
    assert again["blockNumber"] == new[0].number
    tx_again = jcall(sim.url, "/wallet/gettransactionbyid", {"value": keep})
    assert tx_again["raw_data_hex"] == paid.txs[0].json["raw_data_hex"]  # same signed bytes
    # the library reads the new branch: the kept payment, not the lost one
    found = []
    for b in new:
        found += tronpay.parse_transfers(served_block(sim.url, b.number))
    amounts = sorted(t["amount"] for t in found)
    assert amounts == (["11", "77"] if k > 1 else ["11"])


def test_reorg_refused_below_solidified_and_longer_branch(sim):
    sim.mine(5)
    with pytest.raises(ValueError):
        sim.reorg(20)
    h = sim.head_number
    new = sim.reorg(2, length=4)
    assert sim.head_number == h + 2 and [b.number for b in new] == [h - 1, h, h + 1, h + 2]
    sim.reorg(21, force=True)  # a test may force it


# --- broadcast ------------------------------------------------------------------------------


def _signed_transfer(sim, to, amount, payer=0, key=None):
    ref = sim.head
    raw = tronpay.build_transfer(sim.payer_address(payer), to, amount, ref_block_id=ref.id,
                                 expiration_ms=ref.timestamp + 60_000,
                                 timestamp_ms=ref.timestamp)
    sig = tronpay.sign_transaction(raw, key or sim.payer_key(payer))
    return json.loads(tronpay.transaction_to_json(raw, [sig]))


def test_broadcast_then_mined(sim):
    tx = _signed_transfer(sim, ALICE, 123_456)
    ans = jcall(sim.url, "/wallet/broadcasttransaction", tx)
    assert ans == {"result": True, "txid": tx["txID"]}
    assert jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": tx["txID"]}) == {}
    assert jcall(sim.url, "/wallet/gettransactionbyid", {"value": tx["txID"]})["txID"] == \
        tx["txID"]
    dup = jcall(sim.url, "/wallet/broadcasttransaction", tx)
    assert dup["code"] == "DUP_TRANSACTION_ERROR" and "result" not in dup
    blk = sim.mine(1)[0]
    assert [t.txid for t in blk.txs] == [tx["txID"]]
    info = jcall(sim.url, "/wallet/gettransactioninfobyid", {"value": tx["txID"]})
    assert info["blockNumber"] == blk.number
    served = jcall(sim.url, "/wallet/gettransactionbyid", {"value": tx["txID"]})
    assert served["raw_data_hex"] == tx["raw_data_hex"] and served["ret"] == [
        {"contractRet": "SUCCESS"}]
    assert jcall(sim.url, "/wallet/broadcasttransaction", tx)["code"] == "DUP_TRANSACTION_ERROR"


def test_broadcast_trc20_gets_a_transfer_log(sim):
    ref = sim.head
    raw = tronpay.build_trc20_transfer(sim.payer_address(0), USDT_B58, BOB, 4_200_000,
                                       ref_block_id=ref.id, expiration_ms=ref.timestamp + 60_000,
                                       fee_limit_sun=30_000_000)
    tx = json.loads(tronpay.transaction_to_json(raw, [tronpay.sign_transaction(
        raw, sim.payer_key(0))]))
    assert jcall(sim.url, "/wallet/broadcasttransaction", tx)["result"] is True
    blk = sim.mine(1)[0]
    assert _found(tronpay.parse_transfers(served_block(sim.url, blk.number))) == [
        (tx["txID"], USDT_B58, sim.payer_address(0), BOB, "4200000", True)]
    # the next one reverts, as the test says: no log, a failed receipt
    jcall(sim.url, "/sim/broadcast_result", {"result": "REVERT"})
    ref = sim.head
    raw = tronpay.build_trc20_transfer(sim.payer_address(0), USDT_B58, BOB, 1,
                                       ref_block_id=ref.id, expiration_ms=ref.timestamp + 60_000,
                                       fee_limit_sun=30_000_000)
    tx = json.loads(tronpay.transaction_to_json(raw, [tronpay.sign_transaction(
        raw, sim.payer_key(0))]))
    assert jcall(sim.url, "/wallet/broadcasttransaction", tx)["result"] is True
    blk = sim.mine(1)[0]
    parsed = tronpay.parse_transfers(served_block(sim.url, blk.number))
    assert list(parsed) == [] and parsed.skipped == [
        {"txid": tx["txID"], "log_index": None, "reason": "failed", "detail": "REVERT"}]


def test_broadcast_refusals(sim):
    other_key = hashlib.sha256(b"not the payer").digest()
    bad = _signed_transfer(sim, ALICE, 5, key=other_key)
    ans = jcall(sim.url, "/wallet/broadcasttransaction", bad)
    assert ans["code"] == "SIGERROR" and ans["txid"] == bad["txID"]
    assert bytes.fromhex(ans["message"]).startswith(b"validate signature error")
    tampered = _signed_transfer(sim, ALICE, 5)
    tampered["raw_data"]["contract"][0]["parameter"]["value"]["amount"] = 6
    assert jcall(sim.url, "/wallet/broadcasttransaction", tampered)["code"] == "SIGERROR"
    old = _signed_transfer(sim, ALICE, 7)
    sim.mine(25)
    assert jcall(sim.url, "/wallet/broadcasttransaction", old)["code"] == \
        "TRANSACTION_EXPIRATION_ERROR"
    sim.stall_solid(True)
    sim.mine(60)
    late = _signed_transfer(sim, ALICE, 8)
    assert jcall(sim.url, "/wallet/broadcasttransaction", late)["code"] == "BLOCK_UNSOLIDIFIED"
    assert "Error" in jcall(sim.url, "/wallet/broadcasttransaction", {"raw_data": {}})
    for junk in ({"raw_data": {"contract": "x"}}, {"raw_data": {"contract": [{}]}},
                 {"raw_data": {"contract": [{"type": "TransferContract", "parameter": {
                     "value": {"owner_address": "zz"}}}]}}, {"signature": 5}):
        assert "Error" in jcall(sim.url, "/wallet/broadcasttransaction", junk)


# --- faults ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status,retry_after", [(429, 2), (429, None), (503, 7), (503, None),
                                                (403, 30), (403, None)])
def test_fault_status(sim, status, retry_after):
    sim.fault("/wallet/getnowblock", "status", status=status, retry_after=retry_after)
    code, headers, body = call(sim.url, "/wallet/getnowblock", {})
    assert code == status
    assert headers.get("Retry-After") == (None if retry_after is None else str(retry_after))
    assert json.loads(body)  # TronGrid's JSON forms
    assert call(sim.url, "/wallet/getnowblock", {})[0] == 200  # times=1 by default


def test_fault_delay_longer_than_client_timeout(sim):
    sim.fault("/wallet/getblockbynum", "delay", seconds=5)
    t = time.monotonic()
    with pytest.raises((socket.timeout, TimeoutError, urllib.error.URLError)):
        call(sim.url, "/wallet/getblockbynum", {"num": sim.head_number}, timeout=0.5)
    assert time.monotonic() - t < 4
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": sim.head_number})


def test_fault_close_and_truncate(sim):
    sim.fault("/wallet/getnowblock", "close")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        call(sim.url, "/wallet/getnowblock", {})
    sim.fault("/wallet/getnowblock", "truncate")
    with pytest.raises(http.client.IncompleteRead):
        call(sim.url, "/wallet/getnowblock", {})
    assert jcall(sim.url, "/wallet/getnowblock")["blockID"] == sim.head.id_hex


def test_fault_error_empty_short_receipts(sim):
    blk = sim.mine_block([usdt(ALICE, 1), usdt(ALICE, 2), trx(ALICE, 3)])
    sim.fault("/wallet/getblockbynum", "error")
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number})["Error"].startswith(
        "class java.lang.")
    sim.fault("/wallet/getblockbynum", "error",
              message="request rate exceeded the allowed_rps(10), and the query server is "
                      "suspended for 5 s")
    assert "allowed_rps" in jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number})["Error"]
    sim.fault("/wallet/getblockbynum", "empty", num=blk.number)
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number - 1})["blockID"]
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number}) == {}
    assert jcall(sim.url, "/wallet/getblockbynum", {"num": blk.number})["blockID"]
    sim.fault("/wallet/gettransactioninfobyblocknum", "short_receipts", times=2)
    for _ in range(2):
        short = jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": blk.number})
        assert [i["id"] for i in short] == [t.txid for t in blk.txs[:2]]
    assert len(jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": blk.number})) == 3
    sim.fault("/wallet/gettransactioninfobyblocknum", "short_receipts", index=1)
    mid = jcall(sim.url, "/wallet/gettransactioninfobyblocknum", {"num": blk.number})
    assert [i["id"] for i in mid] == [blk.txs[0].txid, blk.txs[2].txid]


def test_chunked_request_body(sim):
    conn = http.client.HTTPConnection("127.0.0.1", int(sim.url.rsplit(":", 1)[1]), timeout=5)
    try:
        body = json.dumps({"num": sim.head_number}).encode()
        conn.request("POST", "/wallet/getblockbynum", body=iter([body[:4], body[4:]]),
                     encode_chunked=True)
        r = conn.getresponse()
        assert json.loads(r.read())["blockID"] == sim.head.id_hex
        conn.request("POST", "/wallet/getnowblock", body=b"{}")  # same connection: keep-alive
        assert json.loads(conn.getresponse().read())["blockID"] == sim.head.id_hex
    finally:
        conn.close()


def test_fault_until_cleared_and_on_any_path(sim):
    sim.fault("*", "status", times=None, status=503)
    for p in ("/wallet/getnowblock", "/walletsolidity/getnowblock", "/wallet/getblockbynum"):
        assert call(sim.url, p, {})[0] == 503
    assert call(sim.url, "/sim/state", method="GET")[0] == 200  # control is never faulted
    sim.clear_faults()
    assert call(sim.url, "/wallet/getnowblock", {})[0] == 200
    assert sim.request_count("/wallet/getnowblock") == 2


def test_connection_refused_while_suspended(sim):
    url = sim.url
    sim.suspend()
    with pytest.raises(urllib.error.URLError) as e:
        call(url, "/wallet/getnowblock", {}, timeout=2)
    assert isinstance(e.value.reason, ConnectionRefusedError)
    sim.mine(1)  # the chain goes on meanwhile
    sim.resume()
    assert sim.url == url
    assert jcall(url, "/wallet/getnowblock")["blockID"] == sim.head.id_hex
    jcall(url, "/sim/suspend", {"seconds": 1.5})
    deadline = time.monotonic() + 1.5
    refused = False
    while not refused and time.monotonic() < deadline:
        try:
            call(url, "/wallet/getnowblock", {}, timeout=2)
            time.sleep(0.02)
        except urllib.error.URLError as e:
            refused = isinstance(e.reason, ConnectionRefusedError)
        except ConnectionError:  # a connection caught in the closing listener's backlog
            pass
    assert refused
    deadline = time.monotonic() + 10
    while True:
        try:
            assert jcall(url, "/wallet/getnowblock")["blockID"]
            break
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_stats_report_the_sims_own_serving_time(sim):
    sim.mine(5)
    for n in range(sim.head_number - 4, sim.head_number + 1):
        jcall(sim.url, "/wallet/getblockbynum", {"num": n})
    sim.fault("/wallet/getnowblock", "status", status=429)
    call(sim.url, "/wallet/getnowblock", {})
    st = jcall(sim.url, "/sim/stats", method="GET")
    assert st["paths"]["/wallet/getblockbynum"]["requests"] == 5
    assert st["paths"]["/wallet/getblockbynum"]["serve_ms"] > 0
    assert st["paths"]["/wallet/getnowblock"] == {"requests": 1, "faulted": 1, "serve_ms": 0.0}


def test_concurrent_clients(sim):
    import threading
    sim.mine(10)
    errors = []

    def worker(i):
        try:
            for j in range(30):
                n = sim.head_number - (i + j) % 10
                b = jcall(sim.url, "/wallet/getblockbynum", {"num": n})
                assert b["block_header"]["raw_data"]["number"] == n
        except Exception as e:  # noqa: BLE001 — reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for _ in range(5):
        sim.mine_block([usdt(ALICE, 1)])
    for t in threads:
        t.join(timeout=30)
    assert not errors and not any(t.is_alive() for t in threads)


def test_catch_up_of_2000_blocks():
    t0 = time.monotonic()
    with SimNode(genesis_ms=GENESIS, initial_blocks=2000, max_lifetime=120) as sim:
        paid = sim.mine_block([usdt(ALICE, 42), trx(BOB, 43)])
        built = time.monotonic() - t0
        numbers, parent = [], None
        for start in range(sim.first_block, sim.head_number + 1, 100):
            page = jcall(sim.url, "/wallet/getblockbylimitnext",
                         {"startNum": start, "endNum": start + 100})["block"]
            for b in page:
                raw = b["block_header"]["raw_data"]
                if parent is not None:
                    assert raw["parentHash"] == parent
                parent = b["blockID"]
                numbers.append(raw["number"])
        assert numbers == list(range(sim.first_block, sim.head_number + 1))
        found = tronpay.parse_transfers(served_block(sim.url, paid.number))
        assert sorted(t["amount"] for t in found) == ["42", "43"]
        st = sim.stats()["paths"]["/wallet/getblockbylimitnext"]
        assert st["requests"] == 21
    assert built < 60 and time.monotonic() - t0 < 90


# --- control endpoint and command line ----------------------------------------------------


def test_control_endpoint_drives_everything(sim):
    u = sim.url
    st = jcall(u, "/sim/state", method="GET")
    assert st["head"] == sim.head_number and st["usdt"] == USDT_B58
    mined = jcall(u, "/sim/mine", {"payments": [
        {"kind": "usdt", "to": ALICE, "amount": "2500000"},
        {"kind": "trx", "to": BOB, "amount": 9},
        {"kind": "fake", "to": ALICE, "amount": 1},
        {"kind": "usdt", "to": ALICE, "amount": 3, "result": "OUT_OF_ENERGY"}], "n": 3})
    b = mined["blocks"][0]
    assert len(b["txids"]) == 4 and len(mined["blocks"]) == 3
    amounts = sorted((x["amount"], x["success"]) for x in tronpay.parse_transfers(
        served_block(u, b["number"])))
    assert amounts == [("1", True), ("2500000", True), ("9", True)]
    jcall(u, "/sim/fault", {"path": "/wallet/getnowblock", "kind": "status", "status": 429,
                            "retry_after": 1})
    assert call(u, "/wallet/getnowblock", {})[0] == 429
    assert jcall(u, "/sim/solid", {"lag": 3})["solid"] == sim.head_number - 3
    r = jcall(u, "/sim/reorg", {"k": 2, "reinclude": "all"})
    assert r["blocks"][0]["number"] == b["number"] + 1
    assert jcall(u, "/sim/clock", {"advance_ms": 30_000})["clock_ms"] >= sim.head.timestamp
    assert jcall(u, "/sim/requests", method="GET")["requests"]
    assert call(u, "/sim/mine", {"payments": [{"kind": "nft", "to": ALICE, "amount": 1}]})[0] \
        == 400
    # the same by GET with a query string
    jcall(u, "/sim/fault?path=/wallet/getblockbynum&kind=status&status=503&times=2",
          method="GET")
    assert [call(u, "/wallet/getblockbynum", {"num": 1})[0] for _ in range(3)] == [503, 503, 200]
    assert jcall(u, "/sim/solid?stalled=true", method="GET")["stalled"] is True
    assert jcall(u, "/sim/solid?stalled=false", method="GET")["stalled"] is False
    assert len(jcall(u, "/sim/mine?n=2", method="GET")["blocks"]) == 2


def test_listens_only_on_loopback(sim):
    sim.add_provider("b")
    assert [srv.server_address[0] for srv in sim._servers.values()] == ["127.0.0.1"] * 2


def test_second_provider_serves_the_same_chain_with_its_own_faults(sim):
    b = sim.add_provider("b")
    assert b != sim.url and set(sim.urls) == {"main", "b"}
    assert jcall(b, "/wallet/getnowblock") == jcall(sim.url, "/wallet/getnowblock")
    sim.fault("*", "status", times=None, status=503, provider="main")
    assert call(sim.url, "/wallet/getnowblock", {})[0] == 503
    blk = sim.mine_block([usdt(ALICE, 5)])
    assert jcall(b, "/wallet/getblockbynum", {"num": blk.number})["blockID"] == blk.id_hex
    sim.suspend()  # main refuses connections; b goes on
    with pytest.raises(urllib.error.URLError):
        call(sim.url, "/wallet/getnowblock", {}, timeout=2)
    req = urllib.request.Request(b + "/wallet/getnowblock", data=b"{}", method="POST",
                                 headers={"TRON-PRO-API-KEY": "k-123"})
    with urllib.request.urlopen(req, timeout=5) as r:
        assert json.loads(r.read())["blockID"] == blk.id_hex
    sim.resume()
    assert sim.request_count("/wallet/getnowblock", provider="main") == 2  # ok, 503
    assert sim.request_count("/wallet/getnowblock", provider="b") == 2
    assert sim.requests[-1]["headers"].get("tron-pro-api-key") == "k-123"
    st = jcall(b, "/sim/provider", {"name": "c"})
    assert jcall(st["url"], "/wallet/getnowblock")["blockID"] == blk.id_hex
    # a provider behind the others
    jcall(b, "/sim/provider", {"name": "c", "lag": 1})
    c = st["url"]
    assert jcall(c, "/wallet/getnowblock")["block_header"]["raw_data"]["number"] == blk.number - 1
    assert jcall(c, "/wallet/getblockbynum", {"num": blk.number}) == {}
    assert jcall(c, "/wallet/gettransactioninfobyblocknum", {"num": blk.number}) == []
    assert jcall(c, "/wallet/gettransactioninfobyid", {"value": blk.txs[0].txid}) == {}
    assert jcall(b, "/wallet/gettransactioninfobyid", {"value": blk.txs[0].txid})["id"]
    sim.set_provider_lag("c", 0)
    assert jcall(c, "/wallet/getblockbynum", {"num": blk.number})["blockID"] == blk.id_hex


def _start_cli(tmp_path, *extra):
    ready = tmp_path / "ready"
    p = subprocess.Popen([sys.executable, os.path.join(HERE, "node.py"), "--port", "0",
                          "--ready-file", str(ready), *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not ready.exists():
        assert p.poll() is None, p.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return p, ready.read_text().strip()


def test_cli_ready_file_and_sigterm(tmp_path):
    p, url = _start_cli(tmp_path, "--max-lifetime", "60")
    try:
        assert url.startswith("http://127.0.0.1:")
        assert p.stdout.readline().strip() == url
        assert jcall(url, "/wallet/getnowblock")["blockID"]
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=10) == 0
    finally:
        if p.poll() is None:
            p.kill()


def test_cli_stops_by_itself_and_auto_mines(tmp_path):
    p, url = _start_cli(tmp_path, "--max-lifetime", "4", "--block-interval", "0.2")
    try:
        h0 = jcall(url, "/wallet/getnowblock")["block_header"]["raw_data"]["number"]
        time.sleep(0.7)
        h1 = jcall(url, "/wallet/getnowblock")["block_header"]["raw_data"]["number"]
        assert h1 > h0
        assert p.wait(timeout=10) == 0
    finally:
        if p.poll() is None:
            p.kill()
