"""A planner-mode host over ctypes, as each binding's README outlines it: the engine plans, this
makes the HTTP request to the (simulated) node and feeds the answer back. Used by
test_planner.py and bench/sync_catchup.py."""
import ctypes
import json
import os
import socket
import time
import urllib.error
import urllib.request

LIB = ctypes.CDLL(os.environ.get("TRONPAY_LIBRARY", "build/libtronpay.so.1"))
for name, args in {
    "tronpay_engine_open": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int64],
    "tronpay_sync_next": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64],
    "tronpay_sync_feed": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32,
                          ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int32,
                          ctypes.c_int64],
    "tronpay_invoice_create": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                               ctypes.c_size_t, ctypes.c_int64],
    "tronpay_invoice_get": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64],
    "tronpay_engine_health": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64],
    "tronpay_events_list": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_uint32],
    "tronpay_dispute_lookup": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64],
    "tronpay_refund_create": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                              ctypes.c_size_t, ctypes.c_int64],
    "tronpay_refund_submit": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                              ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int64],
    "tronpay_refund_get": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p],
    "tronpay_digest_sign": [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p],
}.items():
    getattr(LIB, name).argtypes = args
    getattr(LIB, name).restype = ctypes.c_int32
LIB.tronpay_engine_close.argtypes = [ctypes.c_void_p]
LIB.tronpay_free.argtypes = [ctypes.c_void_p]
LIB.tronpay_last_error.restype = ctypes.c_char_p

XPUB = ("xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQ"
        "gmv8D45oNUKx6DZMNZBCd")
KEY0 = "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28"  # m/44'/195'/0'/0/0
TRANSPORT = {"timeout": 1, "connect": 2, "reset": 5, "other": 6}


class Engine:
    def __init__(self, config: dict, now: int) -> None:
        self.handle = ctypes.c_void_p()
        text = json.dumps(config).encode()
        self.check(LIB.tronpay_engine_open(ctypes.byref(self.handle), text, len(text), now))

    @staticmethod
    def check(status: int) -> None:
        if status != 0:
            raise RuntimeError(f"status {status}: {LIB.tronpay_last_error().decode()}")

    def call(self, fn, *args) -> dict:
        out = ctypes.c_void_p()
        self.check(getattr(LIB, fn)(self.handle, ctypes.byref(out), *args))
        try:
            return json.loads(ctypes.string_at(out.value).decode())
        finally:
            LIB.tronpay_free(out)

    def close(self) -> None:
        LIB.tronpay_engine_close(self.handle)


def http(plan: dict):
    """Makes the planned request: (status, headers text, body bytes, transport error)."""
    request = urllib.request.Request(plan["url"], data=plan["body"].encode(),
                                     headers=plan["headers"], method=plan["method"])
    try:
        with urllib.request.urlopen(request, timeout=plan["timeout_ms"] / 1000 / 5) as answer:
            headers = "".join(f"{k}: {v}\r\n" for k, v in answer.headers.items())
            try:
                return answer.status, headers, answer.read(), 0
            except Exception:  # a body cut off after its headers
                return answer.status, headers, b"", TRANSPORT["reset"]
    except urllib.error.HTTPError as error:
        headers = "".join(f"{k}: {v}\r\n" for k, v in error.headers.items())
        return error.code, headers, error.read(), 0
    except (socket.timeout, TimeoutError):
        return 0, None, b"", TRANSPORT["timeout"]
    except urllib.error.URLError as error:
        kind = "timeout" if isinstance(error.reason, socket.timeout) else "connect"
        return 0, None, b"", TRANSPORT[kind]
    except Exception:
        return 0, None, b"", TRANSPORT["reset"]


def run(engine: Engine, clock, seconds: float = 60.0, until=None) -> list:
    """The host loop; stops at the head (or when until() holds). Answers the classes seen."""
    classes = []
    deadline = time.monotonic() + seconds
    waited_at_head = False
    while time.monotonic() < deadline:
        plan = engine.call("tronpay_sync_next", clock())
        if plan["kind"] == "http":
            if plan["purpose"] not in ("head", "solid_head"):
                waited_at_head = False
            status, headers, body, transport = http(plan)
            fed = engine.call("tronpay_sync_feed", plan["id"].encode(), status,
                              headers.encode() if headers else None, body, len(body),
                              transport, clock())
            classes.append(fed["class"])
        elif plan["kind"] == "wait":
            # At the head twice in a row, with a fresh head check between: settled.
            if plan["reason"] == "at_head":
                if waited_at_head and (until is None or until()):
                    return classes
                waited_at_head = True
            time.sleep(min(0.05, max(0.0, (plan["until_ms"] - clock()) / 1000)))
            clock.skip_to(plan["until_ms"])
        else:
            classes.append("idle:" + plan["reason"])
            return classes
    raise AssertionError(f"the host loop did not settle in {seconds} s: {classes[-20:]}")


class Clock:
    """The engine's now: the sim's chain time, moved forward by the loop's waits."""
    def __init__(self, sim) -> None:
        self.sim = sim
        self.extra = 0

    def __call__(self) -> int:
        return self.sim.clock_ms + 2_000 + self.extra

    def skip_to(self, ms: int) -> None:
        self.extra = max(self.extra, ms - self.sim.clock_ms - 2_000)
