#!/usr/bin/env bash
# Builds the runtime distribution of an older commit, to measure it beside the current build in one
# run of run.sh (--baseline). The commit's tree is exported with `git archive` (no worktree, no branch)
# into DIR and packaged there with the commit's own Maven wrapper; the class-data-sharing archive is
# recorded as that commit's build does.
#
# Usage: benchmarks/load/build-baseline.sh REV [DIR]
#   REV   a commit, tag or branch of this repository
#   DIR   where to export and build it (default benchmarks/target/baseline-<short commit>, which
#         the build's clean removes)
# Prints the distribution directory (DIR/sdk-runtime/gateway/target/framegate). A DIR that already
# holds a built distribution of REV is reused.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 REV [DIR]" >&2; exit 2; }
COMMIT=$(git -C "$ROOT" rev-parse --verify "$1^{commit}")
SHORT=$(git -C "$ROOT" rev-parse --short "$COMMIT")
DIR=${2:-$ROOT/benchmarks/target/baseline-$SHORT}
DIST="$DIR/sdk-runtime/gateway/target/framegate"

if [ -x "$DIST/bin/framegate" ] && [ "$(cat "$DIR/BASELINE-COMMIT" 2>/dev/null | cut -d' ' -f1)" = "$COMMIT" ]; then
  echo "$DIST"
  exit 0
fi
if [ -e "$DIR" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ] && [ ! -f "$DIR/BASELINE-COMMIT" ]; then
  echo "$DIR exists and is not a baseline build directory; choose another DIR" >&2
  exit 2
fi
rm -rf "$DIR"
mkdir -p "$DIR"
git -C "$ROOT" archive "$COMMIT" | tar -x -C "$DIR"
echo "building $SHORT ($(git -C "$ROOT" log -1 --format=%s "$COMMIT")) in $DIR" >&2
# offline first (the dependencies are usually in the local repository already), then online
(cd "$DIR" && { ./mvnw -B -ntp -q -o -pl sdk-runtime/gateway -am package -DskipTests >&2 ||
  ./mvnw -B -ntp -q -pl sdk-runtime/gateway -am package -DskipTests >&2; })
[ -x "$DIST/bin/framegate" ] || { echo "the build of $SHORT made no distribution in $DIST" >&2; exit 1; }
echo "$COMMIT $(git -C "$ROOT" log -1 --format='%cs %s' "$COMMIT")" >"$DIR/BASELINE-COMMIT"
echo "$DIST"
