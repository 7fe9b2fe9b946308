#!/usr/bin/env python3
"""Per round of each system and rate in a suite results.json: p99, seconds with p99 over the bound, the slowest."""
import json, sys
d = json.load(open(sys.argv[1]))
bound = d.get('p99BoundMillis', 100)
for part in ('httpRounds', 'mqttRounds'):
    print('##', part)
    seen = {}
    for p in d.get(part) or []:
        key = (p['system'], p['offeredEventsPerSecond'])
        seen[key] = seen.get(key, 0) + 1
        s = p.get('p99BySecondMillis') or []
        over = [x for x in s if x is None or x > bound]
        slow = sorted((x for x in s if x is not None), reverse=True)[:3]
        print(f"{p['system'][:40]:40} {p['offeredEventsPerSecond']:>7} r{seen[key]} p99 {p['p99Millis']:8.1f}  over {len(over):2}/{len(s)}  slowest {slow}  failed {p['failed']}")
