#!/usr/bin/env python3
"""Prints the markdown table of a `make bench` run (build/bench.json), labelled with the CPU
model (lscpu) and the date, for bench/RESULTS.md.

Usage: results-table.py [build/bench.json]
"""
import datetime
import json
import subprocess
import sys


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown CPU"
    for line in out.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


def verdict(r):
    """✔ or ✘ for a row whose target is a bound, "" for information rows."""
    t = r["target"].replace(" ", "")
    if t.startswith("<=") and t.endswith("MiB"):
        return "✔" if r["mib"] <= float(t[2:-3]) else "✘"
    if t.endswith("xpy"):
        return ("✔" if r["peer_over_ours"] >= float(t[2:-3]) else "✘") \
            if "peer_over_ours" in r else "(no peer run)"
    for op, ok in (("<=", lambda a, b: a <= b), ("<", lambda a, b: a < b)):
        if t.startswith(op) and t.endswith("x") and "ratio" in r:
            return "✔" if ok(r["ratio"], float(t[len(op):-1])) else "✘"
    return ""


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "build/bench.json"
    with open(path) as f:
        run = json.load(f)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"CPU: {cpu_model()}, {run['rounds']} alternating rounds (5 for the 100k rows,\n9 fresh processes for load), medians; {when}.\n")
    print("| operation | libtronpay | raw | ours/raw | target | met | Python peer | peer/ours |")
    print("|---|---|---|---|---|---|---|---|")
    for r in run["results"]:
        if "mib" in r:
            print(f"| {r['name']} | {r['mib']:.2f} MiB | — | — | {r['target']} | {verdict(r)} "
                  "| — | — |")
            continue
        raw = f"{r['raw']}: {fmt_ns(r['raw_ns'])}" if r.get("raw_ns") else r["raw"]
        ratio = f"**{r['ratio']:.2f}×**" if "ratio" in r else "—"
        peer = f"{r['peer']} {fmt_ns(r['peer_ns'])}" if "peer" in r else "—"
        peer_ratio = f"{r['peer_over_ours']:.1f}×" if "peer_over_ours" in r else "—"
        print(f"| {r['name']} | {fmt_ns(r['ours_ns'])} | {raw} | {ratio} | {r['target']} | "
              f"{verdict(r)} | {peer} | {peer_ratio} |")


if __name__ == "__main__":
    main()
