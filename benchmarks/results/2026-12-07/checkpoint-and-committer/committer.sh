#!/bin/bash
# committer.sh JAR LABEL RATE: ingest alone; CPU of the log-committer thread and of the process over 40 s of load
# RESULTS (default /tmp/gridwarden-runs) and CITY from the environment
set -u
JAR=$1; LABEL=$2; RATE=$3
cd "$(dirname "$0")/../../../.."
OUT=${RESULTS:-/tmp/gridwarden-runs}/$LABEL; rm -rf $OUT; mkdir -p $OUT
CP="benchmarks/target/classes:$(cat benchmarks/target/jmh-classpath.txt)"
java -Xmx1g -jar $JAR run --ingest-only --no-simulator --data-dir $OUT/data --max-lag-events=9223372036854775807 \
  --device-rate=1000000 --device-burst=1000000 --town ${CITY:?town file: loadgen city --cameras 10000} > $OUT/gw.log 2>&1 &
GW=$!
for i in $(seq 1 120); do curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health/ready 2>/dev/null | grep -q 200 && break; sleep 1; done
java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --town ${CITY:?town file: loadgen city --cameras 10000} --rate $RATE --duration PT60S --warmup PT3S --out $OUT/load.json > $OUT/lg.log 2>&1 &
LG=$!
tck=$(getconf CLK_TCK)
thr() { for t in /proc/$GW/task/*; do if grep -q "^log-committer" $t/comm 2>/dev/null; then awk "{print \$14+\$15}" $t/stat; fi; done | paste -sd+ | bc; }
sleep 15
c0=$(thr); g0=$(awk '{print $14+$15}' /proc/$GW/stat)
sleep 40
c1=$(thr); g1=$(awk '{print $14+$15}' /proc/$GW/stat)
echo "committer_cores $(echo "($c1-$c0)/$tck/40"|bc -l|cut -c1-5) gw_cores $(echo "($g1-$g0)/$tck/40"|bc -l|cut -c1-5)" > $OUT/cpu.txt
wait $LG; kill $GW; wait $GW 2>/dev/null; rm -rf $OUT/data
