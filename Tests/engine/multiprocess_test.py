#!/usr/bin/env python3
"""Many processes, one SQLite file (issue 15): 8 processes create invoices with overlapping
order ids in both address modes while a ninth applies blocks. No duplicate address, index or
unique amount; the same order id always answers the same invoice; TRONPAY_E_BUSY at worst
(the children retry it); no crash and no lost write."""
import collections
import os
import sqlite3
import subprocess
import sys
import tempfile

child = sys.argv[1]
postgresql = "--postgresql" in sys.argv[2:]
creators = 16 if postgresql else 8


def fresh_store(work):
    if not postgresql:
        return os.path.join(work, "shared.db")
    server = os.environ["TRONPAY_TEST_PG_URL"]
    name = f"multi_{os.getpid()}"
    subprocess.run(["psql", server, "-qX", "-c", f"CREATE DATABASE {name}"], check=True)
    return server.replace("postgresql:///postgres?", f"postgresql:///{name}?")


def rows(store, sql):
    if not postgresql:
        return sqlite3.connect(store).execute(sql).fetchall()
    out = subprocess.run(["psql", store, "-AtqX", "-F", "\t", "-c", sql], check=True,
                         capture_output=True, text=True).stdout
    return [tuple(int(v) if v.lstrip("-").isdigit() else v for v in line.split("\t"))
            for line in out.splitlines() if line]


with tempfile.TemporaryDirectory(prefix="tronpay-multi-") as work:
    store = fresh_store(work)
    # One process creates the store first, so the others race on invoices, not on migration.
    subprocess.run([child, "create", store, "1", "1", "1", os.path.join(work, "first.txt")],
                   check=True)
    procs = [subprocess.Popen([child, "create", store, str(100 + k), "60", "1",
                               os.path.join(work, f"c{k}.txt")]) for k in range(creators)]
    procs.append(subprocess.Popen([child, "run", store, "77", "60", "12",
                                   os.path.join(work, "deliveries.log")]))
    failed = [p.args for p in procs if p.wait(timeout=240) != 0]
    if failed:
        sys.exit(f"multiprocess: children failed: {failed}")
    answers = collections.defaultdict(set)
    for k in range(creators):
        with open(os.path.join(work, f"c{k}.txt")) as f:
            for line in f:
                order, invoice, address, due = line.split()
                answers[order].add((invoice, address, due))
    problems = [order for order, seen in answers.items() if len(seen) != 1]
    derived = rows(store, "SELECT derivation_index, address FROM invoices "
                          "WHERE derivation_index IS NOT NULL ORDER BY derivation_index")
    indexes = [row[0] for row in derived]
    unique = rows(store, "SELECT address, amount_due FROM invoices WHERE derivation_index IS NULL")
    blocks = rows(store, "SELECT count(*), min(number), max(number) FROM blocks")[0]
    next_index = rows(store, "SELECT next_index FROM wallets")[0][0]
    checks = {
        "one invoice per order id": not problems,
        "derivation indexes 0..n-1, each once": indexes == list(range(len(indexes))),
        "wallet counter equals the indexes taken": next_index == len(indexes),
        "derived addresses distinct": len({a for _, a in derived}) == len(derived),
        "unique amounts distinct on the shared address": len(set(unique)) == len(unique),
        "every block applied once": blocks[0] == 60 and blocks[2] - blocks[1] == 59,
    }
    for name, ok in checks.items():
        print(f"multiprocess: {name}: {'ok' if ok else 'FAILED'}")
    kind = "PostgreSQL" if postgresql else "SQLite"
    print(f"multiprocess on {kind}: {len(answers)} order ids, {len(derived)} derived, "
          f"{len(unique)} unique-amount invoices from {creators} processes while blocks were applied")
    bad = sum(not ok for ok in checks.values())
    print(f"multiprocess: {len(checks) - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)
