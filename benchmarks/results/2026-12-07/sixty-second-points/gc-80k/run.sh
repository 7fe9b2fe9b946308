#!/usr/bin/env bash
# run.sh RATE LABEL CITY: the whole pipeline (run --no-simulator, -Xmx1g, JOPTS added) under `loadgen load` over HTTP
# for 60 s unmeasured and 180 s measured, with a GC log, Flink's checkpoint history every ~4 s (REST on 8081), the
# job's lag every 2 s and the event log's RocksDB LOG. From the repository root, after
# `mvn -B -q -DskipTests package -pl launcher,benchmarks -am`.
set -u
RATE=$1; LABEL=$2; CITY=$3
JAR=launcher/target/gridwarden.jar; CP="benchmarks/target/classes:$(cat benchmarks/target/jmh-classpath.txt)"
D=${OUT:-/tmp}/$LABEL; rm -rf "$D"; mkdir -p "$D"
java -Xmx1g ${JOPTS:-} -Xlog:gc*:file=$D/gc.log:time,uptime -jar $JAR run --no-simulator --data-dir $D/data --device-rate=1000000 \
  --device-burst=1000000 --town "$CITY" --flink-web-port=8081 > $D/run.log 2>&1 &
PID=$!
for i in $(seq 1 90); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8090/health/ready)" = 200 ] && break; sleep 1; done
( while kill -0 $PID 2>/dev/null; do
    echo "T $(date +%s.%N)"
    curl -s -H 'Authorization: Bearer demo-admin' http://127.0.0.1:8080/metrics | grep -E '^gridwarden_log_lag_events'
    sleep 2; done ) > $D/metrics.txt 2>/dev/null &
( while kill -0 $PID 2>/dev/null; do
    J=$(curl -s http://127.0.0.1:8081/jobs | python3 -c "import json,sys;d=json.load(sys.stdin);print(d['jobs'][0]['id'])" 2>/dev/null)
    [ -n "$J" ] && curl -s http://127.0.0.1:8081/jobs/$J/checkpoints > $D/cp-$(date +%s).json
    sleep 4; done ) 2>/dev/null &
date +%s.%N > $D/load-start.txt
java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --town "$CITY" --rate $RATE --duration ${DUR:-PT180S} --warmup ${WARMUP:-PT60S} \
  --out $D/load.json > $D/load.txt 2>&1
kill $PID; wait $PID 2>/dev/null
cp $D/data/event-log/LOG $D/eventlog.LOG 2>/dev/null
rm -rf $D/data
