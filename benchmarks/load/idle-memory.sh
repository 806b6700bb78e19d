#!/usr/bin/env bash
# Memory per idle proxied connection, the runtime only: starts the echo upstream and `framegate run`
# (one route, N no-op plugins from plugin JARs), opens idle connections through it with the load
# driver's idle scenario, and compares the runtime's class histograms (each forces a full GC) and
# resident set before and while the connections are held. Loopback only; bounded in time.
#
# Usage: benchmarks/load/idle-memory.sh [--connections N] [--plugins P] [--out DIR]
#   --connections N   idle connections to hold (default 2000)
#   --plugins P       no-op plugins on the route, 0 to 5 (default 5)
#   --out DIR         where the histograms and the summary go (default: a temporary directory)
# The runtime starts with the JVM options bin/framegate ships, sized with FRAMEGATE_CONNECTIONS=N;
# GATEWAY_JAVA_OPTS, when set, replaces them.
#
# Needs the runtime distribution and the benchmarks JAR:
#   ./mvnw -B -ntp -q -pl benchmarks,sdk-runtime/gateway -am package -DskipTests
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST="$ROOT/sdk-runtime/gateway/target/framegate"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
CONNECTIONS=2000
PLUGINS=5
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --plugins) PLUGINS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for needed in "$DIST/bin/framegate" "$BENCH_JAR"; do
  [ -e "$needed" ] || { echo "missing $needed; build first (see the header of this script)" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/framegate-idle.XXXXXX)
[ -n "$OUT" ] || OUT=$(mktemp -d /tmp/framegate-idle-out.XXXXXX)
mkdir -p "$OUT"
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
max=$(( ($(ulimit -n) - 300) / 2 ))
[ "$CONNECTIONS" -le "$max" ] || { echo "open-file limit allows $max connections, not $CONNECTIONS" >&2; exit 2; }


FRAMEGATE_JAVA_OPTS="" JAVA_OPTS="-Xmx2g" "$DIST/bin/framegate" echo --port 0 >"$WORK/echo.out" 2>"$WORK/echo.err" &
STARTED+=($!)
echo_port=$(await_line "$WORK/echo.out" 'listening on ws://127\.0\.0\.1:([0-9]+)/echo') ||
  { cat "$WORK/echo.err" >&2; exit 1; }

build_noop_jars "$BENCH_JAR" "$PLUGINS"
write_gateway_config "$WORK/gateway.yaml" "ws://127.0.0.1:$echo_port/echo" "$PLUGINS"

# the shipped JVM options, sized for the connections to hold; GATEWAY_JAVA_OPTS replaces them
if [ -n "${GATEWAY_JAVA_OPTS:-}" ]; then
  FRAMEGATE_JAVA_OPTS="" JAVA_OPTS="$GATEWAY_JAVA_OPTS" "$DIST/bin/framegate" run --config "$WORK/gateway.yaml" \
    >"$WORK/gateway.out" 2>"$WORK/gateway.err" &
else
  FRAMEGATE_CONNECTIONS="$CONNECTIONS" "$DIST/bin/framegate" run --config "$WORK/gateway.yaml" \
    >"$WORK/gateway.out" 2>"$WORK/gateway.err" &
fi
gateway=$!
STARTED+=("$gateway")
port=$(await_line "$WORK/gateway.out" 'running on port ([0-9]+)') || { cat "$WORK/gateway.err" >&2; exit 1; }

histogram() { jcmd "$gateway" GC.class_histogram >"$1" 2>/dev/null; awk '/^Total/ {print $3}' "$1"; }

# Let start-up settle, then the baseline.
sleep 2
heap_before=$(histogram "$OUT/histogram-before.txt")
hold="$WORK/hold"
java -Xmx1g -cp "$BENCH_JAR" dev.framegate.benchmarks.load.LoadDriver --url "ws://127.0.0.1:$port/echo" \
  --label "framegate-$PLUGINS" --scenario idle --connections "$CONNECTIONS" --pid "$gateway" --warmup 3 \
  --seconds 120 --hold-file "$hold" >"$WORK/driver.out" 2>"$WORK/driver.err" &
driver=$!
STARTED+=("$driver")
i=0
while [ ! -e "$hold" ] && kill -0 "$driver" 2>/dev/null && [ $i -lt 2400 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$hold" ] || { echo "the driver did not open the connections: $(tail -5 "$WORK/driver.err")" >&2; exit 1; }
heap_after=$(histogram "$OUT/histogram-after.txt")
opened=$(awk '{print $2}' "$hold")
rm -f "$hold"
wait "$driver" || true

{
  echo "# idle memory: framegate run, $PLUGINS no-op plugin(s), $opened idle connections"
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "driver: $(tail -1 "$WORK/driver.out")"
  awk -v a="$heap_after" -v b="$heap_before" -v n="$opened" \
    'BEGIN {printf "live heap: %.1f MiB before, %.1f MiB held, %.1f KiB per connection\n", b / 1048576, a / 1048576, (a - b) / 1024 / n}'
  echo
  echo "top classes by retained bytes per connection (after - before):"
  printf '%10s %8s  %s\n' "bytes/conn" "obj/conn" "class"
  awk -v n="$opened" '
    FNR == 1 { file++ }
    $1 ~ /^[0-9]+:$/ { key = $4; if (file == 1) { bb[key] = $3; bi[key] = $2 } else { ab[key] = $3; ai[key] = $2 } }
    END { for (k in ab) { d = ab[k] - bb[k]; if (d / n >= 16) printf "%10.0f %8.1f  %s\n", d / n, (ai[k] - bi[k]) / n, k } }
  ' "$OUT/histogram-before.txt" "$OUT/histogram-after.txt" | sort -k1,1nr | head -40
} | tee "$OUT/summary.txt"
