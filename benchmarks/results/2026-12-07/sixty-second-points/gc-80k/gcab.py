#!/usr/bin/env python3
"""gcab.py RUN...: for each run here (RUN-load.json, RUN-gc.log.gz): the window's p99, seconds over 100 ms, young
pauses, seconds with five or more young collections (G1 squeezing eden while the old generation is full) and the
largest heap left after a young collection."""
import gzip, json, re, sys
for run in sys.argv[1:] or ['h80-diag2', 'h80-base3', 'h80-ihop30', 'h80-ihop30b']:
    d = json.load(open(f'{run}-load.json')); s = d['p99BySecondMillis']
    lines = [l for l in gzip.open(f'{run}-gc.log.gz', 'rt') if re.search(r'Pause Young.*ms$', l)]
    p = sorted(float(re.search(r' ([\d.]+)ms$', l).group(1)) for l in lines)
    per = {}
    for l in lines: per[l[12:20]] = per.get(l[12:20], 0) + 1
    heap = max(int(m.group(1)) for m in (re.search(r'->(\d+)M\(', l) for l in lines) if m)
    q = lambda f: p[min(len(p) - 1, int(len(p) * f))]
    print(f"{run:12} p99 {d['p99Millis']:6.1f} ms, seconds over 100 ms {sum(1 for x in s if x is None or x > 100)}/{len(s)}, "
          f"slowest {max(x for x in s if x):.0f} ms; young pauses {len(p)}, p50/p90/p99 {q(.5):.0f}/{q(.9):.0f}/{q(.99):.0f} ms, "
          f"{sum(p)/1000:.1f} s in all; seconds with >= 5 of them {sum(1 for v in per.values() if v >= 5)}; "
          f"largest heap after one {heap} MB")
