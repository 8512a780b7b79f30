"""libtronpay through ctypes, doing the work of each peer row on the same inputs, so that
peers.py can alternate rounds of the peer and of the library in one process and report a
peer/ours ratio measured under the same load. ctypes adds about a microsecond per call, which
counts against the library, never for it.

Every factory returns fn(n) doing n operations, or None when the library lacks the function.
"""
import ctypes
import json

KEY = bytes(range(1, 33))
USDT_HEX = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c"
TO_HEX = "41ec20315a879c48f5e3a6a1c9826d5225f8b658b8"
REF_BLOCK_ID = bytes.fromhex("000000000421afbf4e85c21e37dfb0c51942076d0e5c118a3b619025d74406a3")
ABANDON_SEED = bytes.fromhex(
    "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc1"
    "9a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4")

u8p = ctypes.POINTER(ctypes.c_uint8)


class TxOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("ref_block_id", ctypes.c_char_p),
                ("timestamp_ms", ctypes.c_int64), ("expiration_ms", ctypes.c_int64),
                ("fee_limit_sun", ctypes.c_int64), ("memo", ctypes.c_char_p),
                ("memo_len", ctypes.c_size_t), ("permission_id", ctypes.c_int32)]


class Ours:
    def __init__(self, path):
        self.lib = ctypes.CDLL(path)
        self.lib.tronpay_free.argtypes = [ctypes.c_void_p]
        self.lib.tronpay_free.restype = None

    def has(self, *names):
        return all(hasattr(self.lib, n) for n in names)

    def check(self, status, what):
        if status != 0:
            raise RuntimeError(f"{what} failed with status {status}")

    def trc20_raw(self):
        lib = self.lib
        owner = ctypes.create_string_buffer(21)
        self.check(lib.tronpay_address_from_privkey(owner, KEY), "address_from_privkey")
        opt = TxOptions(ctypes.sizeof(TxOptions), REF_BLOCK_ID, 1738601502223, 1738602162000,
                        50_000_000, None, 0, 0)
        raw, length = u8p(), ctypes.c_size_t()
        self.check(lib.tronpay_tx_build_trc20_transfer(
            ctypes.byref(raw), ctypes.byref(length), owner, bytes.fromhex(USDT_HEX),
            bytes.fromhex(TO_HEX), b"41677389", ctypes.byref(opt)), "tx_build_trc20_transfer")
        data = ctypes.string_at(raw, length.value)
        lib.tronpay_free(raw)
        return owner, opt, data

    def tx_build_sign(self):
        if not self.has("tronpay_tx_build_trc20_transfer", "tronpay_tx_sign", "tronpay_tx_to_json"):
            return None
        lib = self.lib
        owner, opt, _ = self.trc20_raw()
        usdt, to = bytes.fromhex(USDT_HEX), bytes.fromhex(TO_HEX)

        def run(n):
            for _ in range(n):
                raw, length = u8p(), ctypes.c_size_t()
                sig = ctypes.create_string_buffer(65)
                out = ctypes.c_void_p()
                self.check(lib.tronpay_tx_build_trc20_transfer(
                    ctypes.byref(raw), ctypes.byref(length), owner, usdt, to, b"41677389",
                    ctypes.byref(opt)), "build")
                self.check(lib.tronpay_tx_sign(sig, raw, length, KEY), "sign")
                self.check(lib.tronpay_tx_to_json(ctypes.byref(out), raw, length, sig,
                                                  ctypes.c_size_t(1)), "to_json")
                lib.tronpay_free(out)
                lib.tronpay_free(raw)
        return run

    def sign(self):
        if not self.has("tronpay_tx_build_trc20_transfer", "tronpay_tx_sign"):
            return None
        _, _, data = self.trc20_raw()
        sig = ctypes.create_string_buffer(65)

        def run(n):
            for _ in range(n):
                self.check(self.lib.tronpay_tx_sign(sig, data, ctypes.c_size_t(len(data)), KEY),
                           "tx_sign")
        return run

    def recover(self, digest, signature65):
        if not self.has("tronpay_digest_recover"):
            return None
        addr = ctypes.create_string_buffer(21)

        def run(n):
            for _ in range(n):
                self.check(self.lib.tronpay_digest_recover(addr, digest, signature65), "recover")
        return run

    def xpub_address(self):
        if not self.has("tronpay_xpub_derive_addresses", "tronpay_hd_xpub"):
            return None
        xpub = ctypes.create_string_buffer(112)
        self.check(self.lib.tronpay_hd_xpub(xpub, ABANDON_SEED, ctypes.c_size_t(64),
                                            b"m/44'/195'/0'"), "hd_xpub")
        out = ctypes.create_string_buffer(21 * 100)

        def run(n):
            for start in range(0, n, 100):
                self.check(self.lib.tronpay_xpub_derive_addresses(
                    out, xpub, ctypes.c_uint32(0), ctypes.c_uint32(0),
                    ctypes.c_uint32(min(100, n - start))), "xpub_derive_addresses")
        return run

    def address_parse(self, text):
        out = ctypes.create_string_buffer(21)

        def run(n):
            for _ in range(n):
                self.check(self.lib.tronpay_address_parse(out, text.encode()), "address_parse")
        return run

    def address_to_base58(self, raw):
        out = ctypes.create_string_buffer(35)

        def run(n):
            for _ in range(n):
                self.check(self.lib.tronpay_address_to_base58(out, raw), "address_to_base58")
        return run

    def mnemonic_to_seed(self, words):
        if not self.has("tronpay_mnemonic_to_seed"):
            return None
        seed = ctypes.create_string_buffer(64)

        def run(n):
            for _ in range(n):
                self.check(self.lib.tronpay_mnemonic_to_seed(seed, words.encode(), None),
                           "mnemonic_to_seed")
        return run

    def transfers_parse(self, block_bytes):
        if not self.has("tronpay_transfers_parse"):
            return None
        out = ctypes.c_void_p()

        def run(n):
            for _ in range(n):
                self.check(self.lib.tronpay_transfers_parse(
                    ctypes.byref(out), block_bytes, ctypes.c_size_t(len(block_bytes))),
                    "transfers_parse")
                self.lib.tronpay_free(out)
        return run

    def transfers_count(self, block_bytes):
        """How many transfers the library reads from the block (to compare with the peer)."""
        out = ctypes.c_char_p()
        self.check(self.lib.tronpay_transfers_parse(
            ctypes.byref(out), block_bytes, ctypes.c_size_t(len(block_bytes))), "transfers_parse")
        n = len(json.loads(out.value)["transfers"])
        self.lib.tronpay_free(ctypes.cast(out, ctypes.c_void_p))
        return n
