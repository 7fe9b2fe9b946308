#!/bin/bash
# prof.sh RATE LABEL: whole pipeline at RATE for 100 s, cpu profile 40..90 s
# RESULTS (default /tmp/gridwarden-runs), AP, CITY, JAR (default the launcher's) from the environment; run from anywhere
set -u
RATE=$1; LABEL=$2; shift 2
cd "$(dirname "$0")/../../../.."
OUT=${RESULTS:-/tmp/gridwarden-runs}/$LABEL; rm -rf $OUT; mkdir -p $OUT
CP="benchmarks/target/classes:$(cat benchmarks/target/jmh-classpath.txt)"
AP=${AP:?path to libasyncProfiler.so (linux-x64/ in the tools.profiler:async-profiler 4.0 jar)}
java -Xmx1g ${JOPTS:-} -Xlog:gc*:file=$OUT/gc.log:time,uptime -jar ${JAR:-launcher/target/gridwarden.jar} run --no-simulator --data-dir $OUT/data \
  --device-rate=1000000 --device-burst=1000000 --town ${CITY:?town file: loadgen city --cameras 10000} "$@" > $OUT/gw.log 2>&1 &
GW=$!
for i in $(seq 1 120); do curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health/ready 2>/dev/null | grep -q 200 && break; sleep 1; done
java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --town ${CITY:?town file: loadgen city --cameras 10000} --rate $RATE --duration PT100S --warmup PT3S --out $OUT/load.json > $OUT/lg.log 2>&1 &
LG=$!
sleep 40
jcmd $GW JVMTI.agent_load $AP "\"start,event=${EV:-cpu},interval=${INT:-1ms},threads,collapsed,file=$OUT/prof.collapsed\"" > /dev/null
sleep 50
jcmd $GW JVMTI.agent_load $AP "\"stop,file=$OUT/prof.collapsed,collapsed,threads${EV:+,total}\"" > /dev/null
wait $LG
kill $GW; wait $GW 2>/dev/null
ls -l $OUT/data/checkpoints/*/chk-*/_metadata > $OUT/metadata.txt
rm -rf $OUT/data
