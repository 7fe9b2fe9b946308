#!/usr/bin/env python3
"""gc.py GC_LOG...: each run's collections from its -Xlog:gc* log (G1 or parallel), after the first 120 s of the process:
young pauses (count, mean, p99, max), full collections, old generation after the last collection."""
import re, sys

for path in sys.argv[1:]:
    young, full, old = [], [], None
    for line in open(path):
        m = re.search(r"\]\[(\d+\.\d+)s\] GC\(\d+\) Pause (Young|Full)\b.*?(\d+)M->(\d+)M\(\d+M\) (\d+\.\d+)ms$", line)
        if m and float(m.group(1)) > 120:
            (young if m.group(2) == "Young" else full).append(float(m.group(5)))
        o = re.search(r"GC\(\d+\) (?:ParOldGen: \d+K\(\d+K\)->(\d+)K|Old regions: \d+->(\d+))", line)
        if o:
            old = int(o.group(1)) // 1024 if o.group(1) else int(o.group(2))  # G1 regions are 1 MB at a 1 GB heap
    young.sort()
    print(f"{path}: young pauses {len(young)}, mean {sum(young) / len(young):.1f} ms, p99 {young[int(len(young) * 0.99)]:.0f}, "
          f"max {young[-1]:.0f}; full collections {len(full)}{' (' + ', '.join(f'{f:.0f}' for f in full) + ' ms)' if full else ''}; "
          f"old generation at the end {old} MB")
