#!/usr/bin/env bash
# The load benchmark: the same echo upstream reached directly, through the Framegate runtime with no
# plugin and with five no-op plugins loaded from plugin JARs (the build under test and, with
# --baseline, an older build beside it), and through nginx and HAProxy as WebSocket reverse proxies.
# One run measures every figure of docs/performance.md: CPU per round trip and throughput in four
# message scenarios, added latency at one connection, the resident set under load, connections set
# up per second, memory per idle connection and start-up time. Loopback only; every cell is bounded
# in time and message or connection count.
#
# Usage: benchmarks/load/run.sh [options]
#   --baseline DIR        also measure this runtime distribution (a directory holding bin/framegate)
#                         as baseline-0 / baseline-5
#   --baseline-commit REV build commit REV with build-baseline.sh (once; reused afterwards) and
#                         measure it as the baseline
#   --label NAME          names the results directory (default: run)
#   --out DIR             results directory (default benchmarks/load/results/<UTC date>-<label>)
#   --seconds S           measured seconds per message cell (default 10)
#   --warmup S            unmeasured seconds before each message cell (default 2)
#   --connect N           connections set up in the connect cell (default 5000)
#   --parallel P          handshakes outstanding at a time when opening connections (default 200)
#   --idle N              idle connections to hold (default 10000; capped by the open-file limit)
#   --targets A,B,...     only these targets (direct, framegate-0, framegate-5, framegate-5rec,
#                         baseline-0, baseline-5, nginx, haproxy); framegate-5rec is framegate-5
#                         with its route recording every connection (the cost of recording)
#   --scenarios A,B,...   only these cells (text-64B-1conn, text-64B-50conn,
#                         text-64B-pipelined-16x50, binary-1MiB-1conn, connect, idle)
#   --dist DIR            the distribution under test (default: this tree's
#                         sdk-runtime/gateway/target/framegate)
#   --no-pin              do not pin the proxy to CPU 1 and the driver and echo upstream to CPU 0
#
# The runtime targets start with the JVM options their bin/framegate ships; GATEWAY_JAVA_OPTS, when
# set, is passed to them as JAVA_OPTS instead. The connect and idle cells tell the runtime how many
# connections to expect with FRAMEGATE_CONNECTIONS, its documented sizing input (docs/sizing.md).
#
# Needs the runtime distribution and the benchmarks JAR:
#   ./mvnw -B -ntp -q -pl benchmarks,sdk-runtime/gateway -am package -DskipTests
# nginx-light and haproxy are installed with apt-get when missing (as root, or with sudo).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST="$ROOT/sdk-runtime/gateway/target/framegate"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
SECONDS_PER_CELL=10
WARMUP=2
IDLE=10000
CONNECT=5000
PARALLEL=200
OUT=""
LABEL=run
PIN=1
BASELINE=""
BASELINE_COMMIT=""
ONLY_TARGETS=""
ONLY_SCENARIOS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_CELL=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --connect) CONNECT=$2; shift 2 ;;
    --parallel) PARALLEL=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --label) LABEL=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --baseline-commit) BASELINE_COMMIT=$2; shift 2 ;;
    --targets) ONLY_TARGETS=$2; shift 2 ;;
    --scenarios) ONLY_SCENARIOS=$2; shift 2 ;;
    --dist) DIST=$2; shift 2 ;;
    --no-pin) PIN=0; shift ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

for needed in "$DIST/bin/framegate" "$BENCH_JAR"; do
  if [ ! -e "$needed" ]; then
    echo "missing $needed; build first: ./mvnw -B -ntp -q -pl benchmarks,sdk-runtime/gateway -am package -DskipTests" >&2
    exit 2
  fi
done
if [ -n "$BASELINE_COMMIT" ]; then
  [ -z "$BASELINE" ] || { echo "--baseline and --baseline-commit exclude each other" >&2; exit 2; }
  BASELINE=$("$ROOT/benchmarks/load/build-baseline.sh" "$BASELINE_COMMIT")
fi
if [ -n "$BASELINE" ]; then
  [ -x "$BASELINE/bin/framegate" ] || BASELINE="$BASELINE/sdk-runtime/gateway/target/framegate"
  [ -x "$BASELINE/bin/framegate" ] || { echo "--baseline: no bin/framegate in $BASELINE" >&2; exit 2; }
  BASELINE=$(cd "$BASELINE" && pwd)
  # the source tree it was built in, when it is one (build-baseline.sh's or a checkout)
  BASELINE_TREE=$BASELINE
  tree=$(cd "$BASELINE/../../../.." && pwd)
  if [ -f "$tree/BASELINE-COMMIT" ] || [ -e "$tree/.git" ]; then BASELINE_TREE=$tree; fi
fi

[ -n "$OUT" ] || OUT="$ROOT/benchmarks/load/results/$(date -u +%Y-%m-%d)-$LABEL"
mkdir -p "$OUT"
RAW="$OUT/raw.txt"
LOG="$OUT/run.log"
COMMANDS="$OUT/command-lines.txt"
: >"$RAW"
: >"$LOG"
: >"$COMMANDS"

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$LOG" >&2; }

# What the results files show of a path or command line: this tree, the baseline's tree and the
# scratch directory by name, so that the results say which build ran without naming this machine's
# directories.
shown() {
  local text=$1
  [ -n "${BASELINE_TREE:-}" ] && text=${text//"$BASELINE_TREE"/<baseline>}
  text=${text//"$ROOT"/<repository>}
  [ -n "${WORK:-}" ] && text=${text//"$WORK"/<scratch>}
  echo "$text"
}

# ------------------------------------------------------------------ nginx and HAProxy
install_missing() {
  local packages=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx-light)
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || packages+=(haproxy)
  [ ${#packages[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  log "installing ${packages[*]}"
  # the packages' own services are not used: the script starts its own instances
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >>"$LOG" 2>&1 ||
    { $sudo apt-get update -q >>"$LOG" 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >>"$LOG" 2>&1; } ||
    log "could not install ${packages[*]}: those targets are skipped"
}
install_missing
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)

# ------------------------------------------------------------------ processes
WORK=$(mktemp -d /tmp/framegate-load.XXXXXX)
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

# Raise the soft open-file limit to the hard one; the hard limit itself needs privileges this
# script may not have.
NOFILE=$(ulimit -Hn)
[ "$NOFILE" = unlimited ] && NOFILE=1048576
ulimit -n "$NOFILE" 2>/dev/null || true
NOFILE=$(ulimit -n)
# A proxy holds two sockets per connection (client and upstream) plus its own files (a JVM about 60).
MAX_CONNECTIONS=$(( (NOFILE - 200) / 2 ))
if [ "$IDLE" -gt "$MAX_CONNECTIONS" ]; then
  log "open-file limit is $NOFILE (hard limit $(ulimit -Hn)): idle connections capped at $MAX_CONNECTIONS instead of $IDLE"
  IDLE=$MAX_CONNECTIONS
fi
if [ "$CONNECT" -gt "$MAX_CONNECTIONS" ]; then
  log "open-file limit is $NOFILE: connect cell capped at $MAX_CONNECTIONS connections instead of $CONNECT"
  CONNECT=$MAX_CONNECTIONS
fi

CPUS=$(nproc)
if [ "$PIN" -eq 1 ] && [ "$CPUS" -ge 2 ] && command -v taskset >/dev/null; then
  LOAD_CPU=(taskset -c 0)
  PROXY_CPU=(taskset -c 1)
  # this script's own polling and measuring (and jcmd) stay off the proxy's CPU too
  taskset -p -c 0 $$ >/dev/null
else
  LOAD_CPU=()
  PROXY_CPU=()
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    echo $(( 20000 + RANDOM % 10000 ))
}

now_ms() { date +%s%3N; }

# Waits (at most 30 s) until 127.0.0.1:PORT accepts connections, or until process PID has ended.
await_port() {
  local port=$1 pid=$2 deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return 0
    sleep 0.01
  done
  return 1
}

# Waits (at most 30 s) until FILE has a line matching REGEX, or until process PID has ended, checking
# every 10 ms so that start-up times are not rounded up to a coarse poll; prints the first capture
# group.
await_start() {
  local file=$1 regex=$2 pid=$3 deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    if grep -qE "$regex" "$file" 2>/dev/null; then
      grep -oE "$regex" "$file" | head -1 | sed -E "s|$regex|\\1|"
      return 0
    fi
    sleep 0.01
  done
  return 1
}

# CPU time (user + system) process PID has used so far, in ms: start-up cost that, unlike the time to
# listening, does not grow when other work shares the CPU.
cpu_ms() {
  awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat" 2>/dev/null || true
}

# Forgets a pid once its process has been waited for, so that the exit trap never signals a reused pid.
forget() {
  local kept=() pid
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  STARTED=("${kept[@]+"${kept[@]}"}")
}

stop_pid() {
  local pid=$1 i=0
  if kill "$pid" 2>/dev/null; then
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  forget "$pid"
}

DRIVER_JAVA_OPTS=${DRIVER_JAVA_OPTS:--Xmx2g}

# The shared upstream, from the build under test, with the same JVM settings whichever launcher it
# has: the JVM's own defaults and a 2 GiB heap (FRAMEGATE_JAVA_OPTS set and empty turns a sizing
# launcher's defaults off; an older launcher ignores it).
log "starting the echo upstream"
FRAMEGATE_JAVA_OPTS="" JAVA_OPTS="-Xmx2g" "${LOAD_CPU[@]}" "$DIST/bin/framegate" echo --port 0 \
  >"$WORK/echo.out" 2>"$WORK/echo.err" &
ECHO_PID=$!
STARTED+=("$ECHO_PID")
ECHO_PORT=$(await_line "$WORK/echo.out" 'listening on ws://127\.0\.0\.1:([0-9]+)/echo' 30) ||
  { cat "$WORK/echo.err" >&2; exit 1; }
ECHO_URL="ws://127.0.0.1:$ECHO_PORT/echo"
log "echo upstream at $ECHO_URL (pid $ECHO_PID)"

# Five no-op plugins, one plugin JAR each.
build_noop_jars "$BENCH_JAR" 5

write_gateway_config "$WORK/gateway-0.yaml" "$ECHO_URL" 0
write_gateway_config "$WORK/gateway-5.yaml" "$ECHO_URL" 5
write_gateway_config "$WORK/gateway-5rec.yaml" "$ECHO_URL" 5 "$WORK/recordings"

write_nginx_config() {
  local port=$1
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile $NOFILE;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections $((NOFILE - 100)); }
http {
  access_log off;
  client_body_temp_path $WORK/nginx;
  proxy_temp_path $WORK/nginx;
  fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx;
  scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://127.0.0.1:$ECHO_PORT;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
EOF
}

write_haproxy_config() {
  local port=$1
  cat >"$WORK/haproxy.cfg" <<EOF
global
  nbthread 1
  maxconn $(( (NOFILE - 50) / 2 ))
defaults
  mode http
  timeout connect 5s
  timeout client 1h
  timeout server 1h
  timeout tunnel 1h
frontend ws
  bind 127.0.0.1:$port
  default_backend echo
backend echo
  server echo 127.0.0.1:$ECHO_PORT
EOF
}

# Starts a target; sets TARGET_URL, TARGET_PID (the process doing the proxying, for CPU and memory),
# TARGET_STOP (the pid to stop), TARGET_JVM (1 for the runtime) and STARTUP_MS. EXPECTED_CONNECTIONS,
# when set, is passed to the runtime as FRAMEGATE_CONNECTIONS.
start_target() {
  local target=$1 t0 port dist
  TARGET_PID=0
  TARGET_STOP=0
  TARGET_JVM=0
  STARTUP_MS=""
  STARTUP_CPU_MS=""
  case "$target" in
    direct)
      TARGET_URL=$ECHO_URL
      ;;
    framegate-0 | framegate-5 | framegate-5rec | baseline-0 | baseline-5)
      local config="$WORK/gateway-${target##*-}.yaml"
      dist=$DIST
      [ "${target%-*}" = baseline ] && dist=$BASELINE
      local env=()
      [ -n "${GATEWAY_JAVA_OPTS:-}" ] && env+=("JAVA_OPTS=$GATEWAY_JAVA_OPTS")
      [ -n "${EXPECTED_CONNECTIONS:-}" ] && env+=("FRAMEGATE_CONNECTIONS=$EXPECTED_CONNECTIONS")
      rm -f "$WORK/$target.out" # the previous launch's line must not be mistaken for this one's
      t0=$(now_ms)
      env -u JAVA_OPTS -u FRAMEGATE_JAVA_OPTS -u FRAMEGATE_CONNECTIONS "${env[@]+"${env[@]}"}" \
        "${PROXY_CPU[@]}" "$dist/bin/framegate" run --config "$config" >"$WORK/$target.out" 2>"$WORK/$target.err" &
      TARGET_STOP=$!
      STARTED+=("$TARGET_STOP")
      port=$(await_start "$WORK/$target.out" 'running on port ([0-9]+)' "$TARGET_STOP") && [ -n "$port" ] ||
        { log "$target did not start: $(tail -5 "$WORK/$target.err")"; return 1; }
      STARTUP_MS=$(( $(now_ms) - t0 ))
      STARTUP_CPU_MS=$(cpu_ms "$TARGET_STOP")
      TARGET_PID=$TARGET_STOP
      TARGET_JVM=1
      TARGET_URL="ws://127.0.0.1:$port/echo"
      ;;
    nginx)
      [ -x "$NGINX" ] || return 1
      port=$(free_port)
      write_nginx_config "$port"
      t0=$(now_ms)
      "${PROXY_CPU[@]}" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx.out" 2>&1 &
      TARGET_STOP=$!
      STARTED+=("$TARGET_STOP")
      await_port "$port" "$TARGET_STOP" || { log "nginx did not start: $(tail -5 "$WORK/nginx.out" "$WORK/nginx/error.log")"; return 1; }
      STARTUP_MS=$(( $(now_ms) - t0 ))
      STARTUP_CPU_MS=$(cpu_ms "$TARGET_STOP")
      # the master only supervises: the single worker does the proxying
      TARGET_PID=""
      for _ in $(seq 1 40); do
        TARGET_PID=$(pgrep -P "$TARGET_STOP" | head -1 || true)
        [ -n "$TARGET_PID" ] && break
        sleep 0.025
      done
      [ -n "$TARGET_PID" ] || { log "nginx started no worker"; return 1; }
      TARGET_URL="ws://127.0.0.1:$port/echo"
      ;;
    haproxy)
      [ -x "$HAPROXY" ] || return 1
      port=$(free_port)
      write_haproxy_config "$port"
      t0=$(now_ms)
      "${PROXY_CPU[@]}" "$HAPROXY" -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.out" 2>&1 &
      TARGET_STOP=$!
      STARTED+=("$TARGET_STOP")
      await_port "$port" "$TARGET_STOP" || { log "haproxy did not start: $(tail -5 "$WORK/haproxy.out")"; return 1; }
      STARTUP_MS=$(( $(now_ms) - t0 ))
      STARTUP_CPU_MS=$(cpu_ms "$TARGET_STOP")
      TARGET_PID=$TARGET_STOP
      TARGET_URL="ws://127.0.0.1:$port/echo"
      ;;
  esac
}

stop_target() {
  [ "$TARGET_STOP" -gt 0 ] && stop_pid "$TARGET_STOP"
  TARGET_STOP=0
  # keep the proxies' own complaints (refused connections, limits) with the results
  local file
  for file in "$WORK/nginx/error.log" "$WORK/haproxy.out" "$WORK"/framegate-*.err "$WORK"/baseline-*.err; do
    if [ -s "$file" ]; then
      { echo "== $(basename "$file") after $name"; tail -20 "$file"; } >>"$OUT/proxy-logs.txt"
      : >"$file"
    fi
  done
}

# Live heap after a full GC, in bytes (the class histogram forces one).
live_heap() {
  jcmd "$1" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}'
}

driver() {
  # shellcheck disable=SC2086
  "${LOAD_CPU[@]}" java $DRIVER_JAVA_OPTS -cp "$BENCH_JAR" dev.framegate.benchmarks.load.LoadDriver "$@"
}

selected() { # LIST ITEM: is ITEM in the comma-separated LIST (an empty LIST selects everything)?
  [ -z "$1" ] || [[ ",$1," == *",$2,"* ]]
}

TARGETS=()
for target in direct framegate-0 framegate-5 framegate-5rec baseline-0 baseline-5 nginx haproxy; do
  [ "${target%-*}" = baseline ] && [ -z "$BASELINE" ] && continue
  selected "$ONLY_TARGETS" "$target" && TARGETS+=("$target")
done
# name | driver arguments
SCENARIOS=()
for entry in \
  "text-64B-1conn|--scenario rr --connections 1 --size 64" \
  "text-64B-50conn|--scenario rr --connections 50 --size 64" \
  "text-64B-pipelined-16x50|--scenario pipelined --connections 50 --inflight 16 --size 64" \
  "binary-1MiB-1conn|--scenario bulk --connections 1 --size 1048576 --max-messages 200000" \
  "connect|--scenario connect --connections $CONNECT --parallel $PARALLEL" \
  "idle|--scenario idle --connections $IDLE --parallel $PARALLEL"; do
  selected "$ONLY_SCENARIOS" "${entry%%|*}" && SCENARIOS+=("$entry")
done
[ ${#TARGETS[@]} -gt 0 ] && [ ${#SCENARIOS[@]} -gt 0 ] || { echo "no target or no scenario selected" >&2; exit 2; }

describe_build() { # DIST: the commit a distribution was built from, when known
  local dist=$1 tree
  tree=$(cd "$dist/../../../.." 2>/dev/null && pwd)
  if [ -f "$tree/BASELINE-COMMIT" ]; then
    cut -c1-12,41- "$tree/BASELINE-COMMIT"
  elif git -C "$tree" rev-parse --short=12 HEAD >/dev/null 2>&1; then
    echo "$(git -C "$tree" rev-parse --short=12 HEAD) $(git -C "$tree" log -1 --format='%cs %s' | cut -c1-90)$(git -C "$tree" diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)')"
  else
    echo "unknown commit"
  fi
}

{
  echo "# started $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -srm), $CPUS CPUs, $(java -version 2>&1 | head -1)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# pinning: $([ ${#PROXY_CPU[@]} -gt 0 ] && echo 'proxy on CPU 1, driver and echo upstream on CPU 0' || echo none)"
  shown "# framegate-0/-5: $DIST, $(describe_build "$DIST")"
  [ -n "$BASELINE" ] && shown "# baseline-0/-5: $BASELINE, $(describe_build "$BASELINE")"
  echo "# runtime JVM options: $([ -n "${GATEWAY_JAVA_OPTS:-}" ] && echo "GATEWAY_JAVA_OPTS=$GATEWAY_JAVA_OPTS for every runtime target" || echo "as each bin/framegate ships them (command-lines.txt)")"
  echo "# open-file limit: $NOFILE (hard $(ulimit -Hn)); idle connections: $IDLE; connect cell: $CONNECT, $PARALLEL in parallel"
  echo "# nginx: $("$NGINX" -v 2>&1 | head -1); haproxy: $("$HAPROXY" -v 2>&1 | head -1)"
} >>"$RAW"

index=0
for entry in "${SCENARIOS[@]}"; do
  name=${entry%%|*}
  # shellcheck disable=SC2206
  args=(${entry#*|})
  EXPECTED_CONNECTIONS=""
  case "$name" in
    connect) EXPECTED_CONNECTIONS=$CONNECT ;;
    idle) EXPECTED_CONNECTIONS=$IDLE ;;
  esac
  # rotate the order of the targets per scenario
  order=()
  for i in "${!TARGETS[@]}"; do
    order+=("${TARGETS[$(( (i + index) % ${#TARGETS[@]} ))]}")
  done
  index=$((index + 1))
  position=0
  for target in "${order[@]}"; do
    position=$((position + 1))
    [ "$name" = idle ] && [ "$target" = direct ] && continue # no proxy to measure
    if ! start_target "$target"; then
      log "$name: $target skipped"
      stop_target
      continue
    fi
    log "$name: $target ($TARGET_URL, proxy pid $TARGET_PID, start-up ${STARTUP_MS:-n/a} ms, ${STARTUP_CPU_MS:-n/a} ms CPU)"
    if [ "$TARGET_JVM" -eq 1 ]; then
      shown "$name $target: $(tr '\0' ' ' <"/proc/$TARGET_PID/cmdline")" >>"$COMMANDS"
    fi
    extra="cell=$name order=$position load=$(cut -d' ' -f1 /proc/loadavg)"
    [ -n "$STARTUP_MS" ] && extra="$extra startupMs=$STARTUP_MS"
    [ -n "$STARTUP_CPU_MS" ] && extra="$extra startupCpuMs=$STARTUP_CPU_MS"
    case "$name" in
      idle)
        heap_before=""
        [ "$TARGET_JVM" -eq 1 ] && heap_before=$(live_heap "$TARGET_PID")
        hold="$WORK/hold"
        rm -f "$hold"
        driver --url "$TARGET_URL" --label "$target" "${args[@]}" --pid "$TARGET_PID" --warmup 3 \
          --seconds 60 --hold-file "$hold" >"$WORK/cell.out" 2>>"$LOG" &
        driver_pid=$!
        STARTED+=("$driver_pid")
        i=0
        while [ ! -e "$hold" ] && kill -0 "$driver_pid" 2>/dev/null && [ $i -lt 1300 ]; do sleep 0.05; i=$((i + 1)); done
        if [ -e "$hold" ] && [ -n "$heap_before" ]; then
          heap_after=$(live_heap "$TARGET_PID")
          opened=$(awk '{print $2}' "$hold")
          if [ -n "$heap_after" ] && [ "${opened:-0}" -gt 0 ]; then
            extra="$extra heapPerConnKiB=$(awk -v a="$heap_after" -v b="$heap_before" -v n="$opened" 'BEGIN {printf "%.1f", (a - b) / 1024 / n}')"
            extra="$extra heapBeforeMiB=$(awk -v b="$heap_before" 'BEGIN {printf "%.1f", b / 1048576}')"
          fi
        fi
        rm -f "$hold"
        wait "$driver_pid" || log "$name: driver for $target failed"
        forget "$driver_pid"
        ;;
      connect)
        driver --url "$TARGET_URL" --label "$target" "${args[@]}" --pid "$TARGET_PID" --seconds 60 \
          >"$WORK/cell.out" 2>>"$LOG" || log "$name: driver for $target failed"
        ;;
      *)
        driver --url "$TARGET_URL" --label "$target" "${args[@]}" --pid "$TARGET_PID" \
          --seconds "$SECONDS_PER_CELL" --warmup "$WARMUP" >"$WORK/cell.out" 2>>"$LOG" ||
          log "$name: driver for $target failed"
        ;;
    esac
    if [ -s "$WORK/cell.out" ]; then
      line="$(tail -1 "$WORK/cell.out") $extra"
      echo "$line" >>"$RAW"
      log "  $line"
    fi
    : >"$WORK/cell.out"
    stop_target
    # let the sockets of the cell leave TIME_WAIT pressure behind before the next one
    sleep 1
  done
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg); finished $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$RAW"

{
  echo "# Load benchmark, $(date -u +%Y-%m-%d), $LABEL"
  echo
  grep '^#' "$RAW" | sed 's/^# /- /'
  echo "- targets: direct = the echo upstream (\`framegate echo\`); framegate-0/-5 = \`framegate run\` of the build under test with no plugin / five no-op plugins from five plugin JARs; framegate-5rec = framegate-5 recording every connection$([ -n "$BASELINE" ] && echo "; baseline-0/-5 = the same with the baseline build"); nginx-light and HAProxy with one worker each"
  echo "- each message cell: ${WARMUP} s warm-up, then ${SECONDS_PER_CELL} s measured; 'order' is the target's position in that scenario's rotation"
  echo "- proxy CPU is utime + stime of the proxying process over the measured window; RSS under load is the largest VmRSS sampled every 20 ms in that window"
  java -cp "$BENCH_JAR" dev.framegate.benchmarks.load.LoadReport "$RAW"
} >"$OUT/summary.md"
log "summary: $OUT/summary.md"
