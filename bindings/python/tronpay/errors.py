"""TronPayError and the status codes of include/tronpay.h."""

from __future__ import annotations

OK = 0
E_ARG = -1
E_BUFFER = -2
E_HEX = -3
E_ADDRESS = -4
E_KEY = -5
E_SIGNATURE = -6
E_VERIFY = -7
E_MNEMONIC = -8
E_PATH = -9
E_XKEY = -10
E_AMOUNT = -11
E_TX = -12
E_JSON = -13
E_RANDOM = -14
E_INTERNAL = -15
E_STORE = -16
E_CONFLICT = -17
E_NOT_FOUND = -18
E_STATE = -19
E_BUSY = -20


class TronPayError(Exception):
    """A libtronpay call failed.

    status: the negative TRONPAY_E_* code; name: its name ("TRONPAY_E_KEY");
    detail: the library's detail text ("checksum mismatch"), which never holds secrets.
    """

    def __init__(self, status: int, name: str, detail: str) -> None:
        super().__init__(f"{name}: {detail}" if detail else name)
        self.status = status
        self.name = name
        self.detail = detail


class TronPayTypeError(TronPayError, TypeError):
    """A Python value of the wrong type (str where bytes go, a float amount…): status E_ARG, as
    the library gives for a bad argument, and also a TypeError."""

    def __init__(self, detail: str) -> None:
        super().__init__(E_ARG, "TRONPAY_E_ARG", detail)


class TronPayLoadError(ImportError):
    """libtronpay could not be loaded (not found, a missing dependency, another ABI). Raised by
    the first call that needs the library, never by `import tronpay`; the message lists what
    was tried and what to do. An ImportError, so `except ImportError` guards keep working."""
