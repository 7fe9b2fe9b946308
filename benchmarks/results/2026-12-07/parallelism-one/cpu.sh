#!/bin/bash
# cpu.sh RATE LABEL [extra gridwarden args...]: whole pipeline + loadgen load; CPU of each process
set -u
RATE=$1; LABEL=$2; shift 2
source "$(dirname "$0")/start.sh"
java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --town /work/perf/city-10000.yaml --rate $RATE --duration ${DUR:-PT70S} --warmup PT3S ${LGARGS:-} --out $OUT/load.json > $OUT/lg.log 2>&1 &
LG=$!
tck=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null; }
sleep ${SKIP:-10}
g0=$(cpu $GW); l0=$(cpu $LG); t0=$(date +%s.%N); idle0=$(awk '/^cpu /{print $5}' /proc/stat)
sleep ${SAMPLE:-55}
g1=$(cpu $GW); l1=$(cpu $LG); t1=$(date +%s.%N); idle1=$(awk '/^cpu /{print $5}' /proc/stat)
echo "gw_cores $(echo "($g1-$g0)/$tck/($t1-$t0)"|bc -l | cut -c1-5) lg_cores $(echo "($l1-$l0)/$tck/($t1-$t0)"|bc -l | cut -c1-5) idle_cores $(echo "($idle1-$idle0)/$tck/($t1-$t0)"|bc -l|cut -c1-5)" | tee $OUT/cpu.txt
wait $LG
kill $GW; wait $GW 2>/dev/null
grep -E "responsesByStatus|p99" $OUT/lg.log | tail -3
