#!/bin/bash
# drift.sh RATE LABEL: whole pipeline at RATE (HTTP) for DUR; every 60 s the CPU of each thread group
set -u
RATE=$1; LABEL=$2; shift 2
source "$(dirname "$0")/../parallelism-one/start.sh"
java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --town /work/perf/city-10000.yaml --rate $RATE --duration ${DUR:-PT420S} --warmup PT3S --out $OUT/load.json > $OUT/lg.log 2>&1 &
LG=$!
snap() { for t in /proc/$GW/task/*; do echo "$(cat $t/comm 2>/dev/null | tr ' ' '_' | sed -E 's/#[0-9]+$//; s/[0-9]+$//') $(awk '{print $14+$15}' $t/stat 2>/dev/null)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}'; }
prev=$(snap); t=0
while kill -0 $LG 2>/dev/null; do
  sleep 60; t=$((t+60)); cur=$(snap)
  echo "t=$t $(join <(echo "$prev"|sort) <(echo "$cur"|sort) | awk '{d=($3-$2)/100/60; if (d>=0.01) printf "%s=%.2f ", $1, d; tot+=d} END {printf "TOTAL=%.2f", tot}')"
  du -sm $OUT/data/* 2>/dev/null | tr '\n' ' '; echo
  prev=$cur
done | tee $OUT/drift.txt
kill $GW; wait $GW 2>/dev/null
