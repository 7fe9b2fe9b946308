#!/bin/bash
# e2e.sh RATE LABEL: fresh process, loadgen e2e at RATE for DUR (300 probes at PT300S)
set -u
RATE=$1; LABEL=$2; shift 2
GW_ARGS="--command-gateway http://127.0.0.1:8070"
source "$(dirname "$0")/start.sh"
java -cp "$CP" io.gridwarden.benchmarks.LoadGen e2e --ingest http://127.0.0.1:8080 --ops http://127.0.0.1:8090 --town /work/perf/city-10000.yaml --rates $RATE --duration ${DUR:-PT300S} --prime ${PRIME:-PT30S} --warmup PT30S --out $OUT/e2e.json > $OUT/lg.log 2>&1
kill $GW; wait $GW 2>/dev/null
rm -rf $OUT/data
python3 - $OUT/e2e.json <<'PY'
import json,sys; j=json.load(open(sys.argv[1]))
print(json.dumps(j)[:600])
PY
