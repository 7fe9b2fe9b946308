#!/usr/bin/env python3
"""GC summary of a gridwarden GC log over the load's steady part: gcsum.py DIR [skip-seconds].
Young pauses (p50/p90/p99/max), time paused, allocation (eden freed per second) and promotion (old regions gained per
second), in MB from the log's region size, mixed collections and concurrent mark cycles started."""
import re, sys, statistics
d = sys.argv[1]; skip = float(sys.argv[2]) if len(sys.argv) > 2 else 150
region = 1; pauses = []; marks = 0; mixed = 0; first = None; last = 0; eden = 0; promoted = 0
for line in open(d + '/gc.log'):
    r = re.search(r'Heap Region Size: (\d+)M', line)
    if r: region = int(r.group(1))
    m = re.search(r'\]\[(\d+\.\d+)s\]', line)
    if not m: continue
    t = float(m.group(1))
    if t < skip: continue
    if first is None: first = t
    last = t
    p = re.search(r'Pause Young \((\w+)\).* (\d+\.\d+)ms$', line.strip())
    if p:
        pauses.append(float(p.group(2)))
        if p.group(1) == 'Mixed': mixed += 1
    e = re.search(r'Eden regions: (\d+)->(\d+)', line)
    if e: eden += int(e.group(1)) - int(e.group(2))
    o = re.search(r'Old regions: (\d+)->(\d+)', line)
    if o: promoted += max(0, int(o.group(2)) - int(o.group(1)))
    if re.search(r'Concurrent Mark Cycle$', line.strip()): marks += 1
span = last - first
q = statistics.quantiles(pauses, n=100)
print(f"{d}: {span:.0f} s; {len(pauses)} young pauses p50 {q[49]:.0f} p90 {q[89]:.0f} p99 {q[98]:.0f} max {max(pauses):.0f} ms; "
      f"paused {100*sum(pauses)/1000/span:.1f} %; allocated {region*eden/span:.0f} MB/s, promoted {region*promoted/span:.1f} MB/s; "
      f"mixed {mixed}, mark cycles {marks}")
