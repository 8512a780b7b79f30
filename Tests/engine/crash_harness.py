#!/usr/bin/env python3
"""Crash safety of the engine (issue 15): a child applies a seeded chain, creates invoices and
acknowledges webhook deliveries; it is killed with SIGKILL at random moments (at least
CRASH_KILLS times, 200 by default), restarted each time, and the store is then checked by
crash_child check. The seed is printed; CRASH_SEED=N repeats a run.
With --postgresql (inside scripts/with-postgres) every round runs on a fresh PostgreSQL
database of that server instead of a SQLite file (issue 17)."""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

child = sys.argv[1]
postgresql = "--postgresql" in sys.argv[2:]
server = os.environ.get("TRONPAY_TEST_PG_URL", "")
if postgresql and not server:
    sys.exit("crash harness: --postgresql needs TRONPAY_TEST_PG_URL (run it in scripts/with-postgres)")


def fresh_store(work: str, round_number: int) -> str:
    if not postgresql:
        return os.path.join(work, f"round{round_number}.db")
    name = f"crash_{os.getpid()}_{round_number}"
    subprocess.run(["psql", server, "-qX", "-c", f"CREATE DATABASE {name}"], check=True)
    return server.replace("postgresql:///postgres?", f"postgresql:///{name}?")
kills_wanted = int(os.environ.get("CRASH_KILLS", "200"))
seed = int(os.environ.get("CRASH_SEED", str(int(time.time()) % 1_000_000)))
rng = random.Random(seed)
store_kind = "PostgreSQL" if postgresql else "SQLite"
print(f"crash harness on {store_kind}: seed {seed} (CRASH_SEED={seed} repeats it), "
      f"{kills_wanted} kills wanted")

kills = 0
rounds = 0
deadline = time.monotonic() + 300
with tempfile.TemporaryDirectory(prefix="tronpay-crash-") as work:
    while kills < kills_wanted:
        if time.monotonic() > deadline:
            sys.exit("crash harness: out of time")
        rounds += 1
        store = fresh_store(work, rounds)
        log = os.path.join(work, f"round{rounds}.log")
        args = [store, str(seed + rounds), "120", "12", log]
        finished = False
        while not finished:
            p = subprocess.Popen([child, "run", *args])
            time.sleep(rng.uniform(0.0, 0.06))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                p.wait()
                kills += 1
            elif p.returncode == 0:
                finished = True
            else:
                sys.exit(f"crash harness: the child failed with {p.returncode} (seed {seed})")
        check = subprocess.run([child, "check", *args])
        if check.returncode != 0:
            sys.exit(f"crash harness: invariants broken in round {rounds} (seed {seed})")
print(f"crash harness on {store_kind}: {kills} kills over {rounds} rounds, every invariant held "
      f"(seed {seed})")
print(f"crash: {rounds} passed, 0 failed")
