#!/usr/bin/env python3
"""Prints the tables of README.md from the files beside it: python3 table.py

python3 table.py DIR prints only the soak table of the runs in DIR (soak-*.json, each with its -metrics.csv)."""
import csv, glob, json, os, re, sys

def soak_table(directory, pattern):
    print("| run | ack p50 / p99 / max (ms) | seconds over 100 ms, all / after the first 100 | job's unread records p50 / max, after the first 150 samples | samples the job was > 10,000 behind |")
    print("|---|---|---|---|---:|")
    for path in sorted(glob.glob(os.path.join(directory, pattern))):
        soak = json.load(open(path))
        seconds = soak["p99BySecondMillis"]
        over = f"{sum(1 for s in seconds if s is not None and s > 100)} / {sum(1 for s in seconds[100:] if s is not None and s > 100)}"
        # an MQTT run's results (loadgen load --mqtt-port) carry no maximum, only the p99.9
        top = f"{soak['maxMillis']:.0f}" if "maxMillis" in soak else f"— (p99.9 {soak['p999Millis']:.0f})"
        rows = list(csv.DictReader(open(path.replace(".json", "-metrics.csv"))))
        unread = [int(r["job_unread_records"]) for r in rows]
        late = sorted(unread[150:])
        print(f"| {os.path.basename(path)[:-5]} | {soak['p50Millis']:.1f} / {soak['p99Millis']:.0f} / {top} | {over} "
              f"| {late[len(late) // 2]:,} / {late[-1]:,} | {sum(1 for u in unread if u > 10_000)} of {len(unread)} |")

if len(sys.argv) > 1:
    soak_table(sys.argv[1], "soak-*.json")
    sys.exit()

here = os.path.dirname(os.path.abspath(__file__))
print("| run | gridwarden cores | load generator cores | idle cores | seconds of the last 40 with ack p99 > 100 ms | their median p99 (ms) |")
print("|---|---:|---:|---:|---:|---:|")
for cpu in sorted(glob.glob(os.path.join(here, "cpu-100k", "*-cpu.txt"))):
    run = os.path.basename(cpu)[:-len("-cpu.txt")]
    figures = dict(re.findall(r"(\w+_cores) ([0-9.]+)", open(cpu).read()))
    seconds = [s for s in json.load(open(cpu.replace("-cpu.txt", "-load.json")))["p99BySecondMillis"] if s is not None][-40:]
    print(f"| {run} | {float(figures['gw_cores']):.2f} | {float(figures['lg_cores']):.2f} | {float(figures['idle_cores']):.2f} "
          f"| {sum(1 for s in seconds if s > 100)} | {sorted(seconds)[len(seconds) // 2]:.0f} |")
print()
print("| run | probes | missed | due → voice warning p50 / p99 / max (ms) | background rate |")
print("|---|---:|---:|---|---:|")
for path in sorted(glob.glob(os.path.join(here, "e2e", "*.json"))):
    f = json.load(open(path))["figures"][0]
    d = f["toDevice"]
    print(f"| {os.path.basename(path)[:-5]} | {f['samples']} | {f['missed']} | {d['p50']:.0f} / {d['p99']:.0f} / {d['max']:.0f} "
          f"| {f['backgroundEventsPerSecond']:,} |")
print()
soak_table(os.path.join(here, "soak"), "soak-p?.json")
