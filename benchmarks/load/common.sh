# Shared by run.sh and idle-memory.sh: process bookkeeping, waiting for a log line, the no-op
# plugin JARs and the runtime configuration. Sourced after WORK (a scratch directory) is set.

STARTED=()
cleanup() {
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Waits until FILE has a line matching REGEX (at most LIMIT seconds, default 30); prints the first
# capture group.
await_line() {
  local file=$1 regex=$2 limit=${3:-30} i=0
  while [ $i -lt $((limit * 20)) ]; do
    if grep -qE "$regex" "$file" 2>/dev/null; then
      grep -oE "$regex" "$file" | head -1 | sed -E "s|$regex|\\1|"
      return 0
    fi
    sleep 0.05
    i=$((i + 1))
  done
  return 1
}

# Builds COUNT no-op plugins as one plugin JAR each (docs/plugin-jar-format.md) into
# $WORK/plugins, from the classes in the benchmarks JAR BENCH_JAR.
build_noop_jars() {
  local bench_jar=$1 count=$2 n jar_dir
  mkdir -p "$WORK/plugins" "$WORK/classes"
  (cd "$WORK/classes" && unzip -q -o "$bench_jar" 'dev/framegate/benchmarks/load/plugins/*')
  for n in $(seq 1 "$count"); do
    jar_dir="$WORK/jar$n"
    mkdir -p "$jar_dir/META-INF/framegate"
    cp -r "$WORK/classes/dev" "$jar_dir/"
    cat >"$jar_dir/META-INF/framegate/plugin.properties" <<PROPERTIES
plugin.id=dev.framegate:framegate-load-noop-$n
plugin.version=1.0.0
pdk.version=1.0
plugin.classes=dev.framegate.benchmarks.load.plugins.NoOp$n
plugin.description=Load benchmark no-op plugin $n
PROPERTIES
    (cd "$jar_dir" && jar cf "$WORK/plugins/noop-$n.jar" META-INF dev)
  done
}

# Writes a runtime configuration FILE: one loopback listener, the no-op plugin JARs of $WORK/plugins,
# one route /echo to UPSTREAM with the first PLUGINS no-op plugins, limits large enough for 1 MiB
# messages; with RECORDINGS (a directory), the route records every connection there.
write_gateway_config() {
  local file=$1 upstream=$2 plugins=$3 recordings=${4:-} n
  {
    echo "listeners:"
    echo "  - {protocol: ws, host: 127.0.0.1, port: 0}"
    echo "plugins:"
    echo "  directory: $WORK/plugins"
    echo "  fail-fast: true"
    echo "defaults:"
    echo "  limits: {client-max-payload: 2MiB, upstream-max-payload: 2MiB}"
    echo "routes:"
    echo "  - name: echo"
    echo "    path: /echo"
    echo "    upstream: $upstream"
    if [ "$plugins" -gt 0 ]; then
      echo "    plugins:"
      for n in $(seq 1 "$plugins"); do echo "      - {name: noop-$n}"; done
    fi
    if [ -n "$recordings" ]; then
      # every connection, with caps high enough that the measured cells record all their traffic
      echo "    record:"
      echo "      directory: $recordings"
      echo "      sample-rate: 1.0"
      echo "      max-connection-bytes: 64MiB"
      echo "      max-directory-bytes: 2GiB"
    fi
  } >"$file"
}
