"""Amounts: exact, never float, the library's grammar."""

from __future__ import annotations

import pytest

import tronpay
from tronpay import errors

MAX = 2**256 - 1


@pytest.mark.parametrize("text,decimals,units", [
    ("12.5", 6, 12500000), ("0", 6, 0), ("0.000001", 6, 1), ("1", 0, 1),
    ("41.677389", 6, 41677389), ("1.1", 6, 1100000), (str(MAX), 0, MAX),
    ("1", 18, 10**18), ("0.1", 77, 10**76), ("0", 255, 0),
])
def test_to_base_units(text, decimals, units):
    assert tronpay.to_base_units(text, decimals) == units
    assert isinstance(tronpay.to_base_units(text, decimals), int)


@pytest.mark.parametrize("units,decimals,text", [
    (12500000, 6, "12.5"), ("12500000", 6, "12.5"), (0, 6, "0"), (1, 6, "0.000001"),
    (1000000, 6, "1"), ("000100", 2, "1"), (MAX, 0, str(MAX)),
    (MAX, 6, str(MAX)[:-6] + "." + str(MAX)[-6:]),
])
def test_from_base_units(units, decimals, text):
    assert tronpay.from_base_units(units, decimals) == text


@pytest.mark.parametrize("text", ["-1", "+1", "1e6", " 1", "1 ", ".5", "5.", "", "1,000",
                                  "1.0000001", str(2**256), "0x10", "١"])
def test_malformed_human_amounts(text):
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.to_base_units(text, 6)
    assert info.value.status == errors.E_AMOUNT


def test_scaling_past_2_to_the_256_is_refused():
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.to_base_units("1", 78)  # 10^78 > 2^256 - 1
    assert info.value.status == errors.E_AMOUNT


@pytest.mark.parametrize("units", [-1, "1.5", "", "abc", 2**256])
def test_malformed_base_units(units):
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.from_base_units(units, 6)
    assert info.value.status == errors.E_AMOUNT


def test_float_and_bool_are_refused():
    with pytest.raises(TypeError):
        tronpay.to_base_units(12.5, 6)
    with pytest.raises(TypeError):
        tronpay.from_base_units(1.0, 6)
    with pytest.raises(TypeError):
        tronpay.from_base_units(True, 6)
    with pytest.raises(TypeError):
        tronpay.to_base_units("1", 6.0)


def test_decimals_range_is_the_librarys():
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.to_base_units("1", 256)
    assert info.value.status == errors.E_ARG
    with pytest.raises(tronpay.TronPayError) as info:
        tronpay.from_base_units(1, 2**40)  # would wrap in a uint32: refused before the call
    assert info.value.status == errors.E_ARG


def test_round_trip_is_exact():
    for units in (1, 999999, 10**30 + 7, MAX):
        for decimals in (0, 6, 18, 77):
            human = tronpay.from_base_units(units, decimals)
            assert tronpay.to_base_units(human, decimals) == units
