"""What the end-to-end test scripts share (the tool's, the examples'): checks that go on after
a failure and are counted, the summary that sets the exit status, and a free local port.
Standard library only, like the simulated node beside it."""

from __future__ import annotations

import socket
import sys
import time
from typing import Any, List, NoReturn, Optional


class Checks:
    """`check(condition, what)` prints "ok" or "FAIL" and counts; `check.exit()` ends the
    script with status 1 if anything failed. `failures` is a plain list, so a script may add
    a failure of its own (an exception that ended a phase)."""

    def __init__(self) -> None:
        self.passed = 0
        self.failures: List[str] = []
        self.started = time.time()

    def __call__(self, condition: Any, what: str, got: Any = None) -> bool:
        if condition:
            self.passed += 1
            print("ok   " + what, flush=True)
        else:
            self.failures.append(what)
            print("FAIL " + what + ("" if got is None else f"\n     got: {got!r}"), flush=True)
        return bool(condition)

    def exit(self, name: str = "", kept: Optional[str] = None) -> NoReturn:
        prefix = f"{name}: " if name else ""
        print(f"\n{prefix}{self.passed} passed, {len(self.failures)} failed in "
              f"{time.time() - self.started:.1f} s")
        for what in self.failures:
            print("failed: " + what)
        if self.failures and kept:
            print(f"files kept in {kept}")
        sys.exit(1 if self.failures else 0)


def free_port() -> int:
    """A port nothing listens on now (bound, then released): for a service the test starts,
    or for a connection that must be refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
