"""HD wallets against Tests/vectors/hd.json (BIP39, BIP32 and TRON-path vectors)."""

from __future__ import annotations

import pytest

import tronpay
from tronpay import errors
from conftest import load_json

HD = load_json("Tests/vectors/hd.json")
ABANDON = HD["abandon_about"]


def test_abandon_about_seed_keys_and_addresses():
    assert tronpay.is_valid_mnemonic(ABANDON["mnemonic"])
    seed = tronpay.mnemonic_to_seed(ABANDON["mnemonic"])
    assert seed.hex() == ABANDON["seed"]
    assert tronpay.mnemonic_to_seed(ABANDON["mnemonic"], "") == seed
    for case in ABANDON["addresses"]:
        key = tronpay.hd_private_key(seed, case["path"])
        assert key.hex() == case["private_key"]
        assert tronpay.address_from_private_key(key) == case["address_base58"]


def test_account_xpub_derives_the_same_addresses_watch_only():
    seed = bytes.fromhex(ABANDON["seed"])
    node = ABANDON["account_node"]
    assert tronpay.hd_xpub(seed, node["path"]) == node["ext_pub"]
    assert tronpay.hd_xprv(seed, node["path"]) == node["ext_prv"]
    by_index = {int(c["path"].rsplit("/", 1)[1]): c["address_base58"] for c in ABANDON["addresses"]}
    first_six = tronpay.xpub_derive_addresses(node["ext_pub"], 0, 0, 6)
    assert first_six == [by_index[i] for i in range(6)]
    assert tronpay.xpub_derive_addresses(node["ext_pub"], first_index=42) == [by_index[42]]
    assert tronpay.xpub_derive_addresses(node["ext_pub"], 0, 3, 0) == []


def test_passphrase_changes_the_wallet():
    case = HD["abandon_about_with_passphrase"]
    seed = tronpay.mnemonic_to_seed(case["mnemonic"], case["passphrase"])
    assert seed.hex() == case["seed"]
    key = tronpay.hd_private_key(seed, case["path"])
    assert tronpay.address_from_private_key(key) == case["address_base58"]


def test_bip39_reference_vectors():
    vectors = HD["bip39_english_vectors"]["vectors"]
    assert len(vectors) >= 8
    for v in vectors:
        assert tronpay.is_valid_mnemonic(v["mnemonic"])
        seed = tronpay.mnemonic_to_seed(v["mnemonic"], v["passphrase"])
        assert seed.hex() == v["seed"]
        assert tronpay.hd_xprv(seed, "m") == v["master_xprv"]


def test_bip32_reference_chains():
    for vector in HD["bip32_vectors"]["vectors"]:
        seed = bytes.fromhex(vector["seed"])
        for chain in vector["chains"]:
            assert tronpay.hd_xpub(seed, chain["path"]) == chain["ext_pub"], chain["path"]
            assert tronpay.hd_xprv(seed, chain["path"]) == chain["ext_prv"], chain["path"]


def test_generated_mnemonics_are_valid_and_distinct():
    for count in (12, 15, 18, 21, 24):
        words = tronpay.generate_mnemonic(count)
        assert len(words.split(" ")) == count and tronpay.is_valid_mnemonic(words)
    assert tronpay.generate_mnemonic(12) != tronpay.generate_mnemonic(12)
    japanese = tronpay.generate_mnemonic(12, "japanese")
    assert len(japanese.split("\u3000")) == 12 and tronpay.is_valid_mnemonic(japanese)
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.generate_mnemonic(13)
    assert info.value.status == errors.E_ARG
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.generate_mnemonic(12, "klingon")
    assert info.value.status == errors.E_ARG


def test_invalid_mnemonics():
    words = ABANDON["mnemonic"].split(" ")
    for bad in (" ".join(words[:-1] + ["abandon"]),  # checksum
                " ".join(words[:-1]),  # 11 words
                " ".join(words[:-1] + ["abandonx"]),  # unknown word
                ABANDON["mnemonic"].upper(), " " + ABANDON["mnemonic"], ""):
        assert tronpay.is_valid_mnemonic(bad) is False, bad
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.mnemonic_to_seed(bad)
        assert info.value.status == errors.E_MNEMONIC
        assert info.value.detail and "abandonx" not in info.value.detail  # never quotes a word


def test_paths_and_extended_keys_are_checked():
    seed = bytes.fromhex(ABANDON["seed"])
    for path in ("", "m/", "m//0", "m/0/", "m/01", "m/2147483648", "m/1H", "44'/195'"):
        with pytest.raises(tronpay.TronPayError) as info:
            tronpay.hd_private_key(seed, path)
        assert info.value.status == errors.E_PATH, path
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.hd_xpub(seed[:15], "m")
    assert info.value.status == errors.E_ARG
    node = ABANDON["account_node"]
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.xpub_derive_addresses(node["ext_prv"], 0, 0, 1)
    assert info.value.status == errors.E_XKEY
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.xpub_derive_addresses(node["ext_pub"][:-1] + "x", 0, 0, 1)
    assert info.value.status == errors.E_XKEY
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.xpub_derive_addresses(node["ext_pub"], 0, 2**31 - 1, 2)
    assert info.value.status == errors.E_PATH
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.xpub_derive_addresses(node["ext_pub"], 0, 0, 1_000_001)
    assert info.value.status == errors.E_ARG
