#!/usr/bin/env python3
"""Crash safety of the engine (issue 15): a child applies a seeded chain, creates invoices and
acknowledges webhook deliveries; it is killed with SIGKILL at random moments (at least
CRASH_KILLS times, 200 by default), restarted each time, and the store is then checked by
crash_child check. The seed is printed; CRASH_SEED=N repeats a run."""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

child = sys.argv[1]
kills_wanted = int(os.environ.get("CRASH_KILLS", "200"))
seed = int(os.environ.get("CRASH_SEED", str(int(time.time()) % 1_000_000)))
rng = random.Random(seed)
print(f"crash harness: seed {seed} (CRASH_SEED={seed} repeats it), {kills_wanted} kills wanted")

kills = 0
rounds = 0
deadline = time.monotonic() + 300
with tempfile.TemporaryDirectory(prefix="tronpay-crash-") as work:
    while kills < kills_wanted:
        if time.monotonic() > deadline:
            sys.exit("crash harness: out of time")
        rounds += 1
        store = os.path.join(work, f"round{rounds}.db")
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
print(f"crash harness: {kills} kills over {rounds} rounds, every invariant held (seed {seed})")
print(f"crash: {rounds} passed, 0 failed")
