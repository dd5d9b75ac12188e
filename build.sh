#!/usr/bin/env bash
# CivicPractice build and test entry point.
#   ./build.sh run    start the platform on http://127.0.0.1:5080 (SQLite under ./data, demo county on first start);
#                     another address with ./build.sh run --urls http://0.0.0.0:8080 or ASPNETCORE_URLS
#   ./build.sh test   install what the tests need, build once, run every suite and the OpenAPI lint,
#                     print "N passed, N failed"
#   ./build.sh bench [sqlite|postgres] [--scale 1|10] [--rounds N] [--seconds S] [--connections C]
#                     the benchmark harness (bench/README.md): a fresh database seeded at the scale, the platform in
#                     Production on loopback, each scenario beside its baselines; prints a table, writes bench/results/*.json
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
CONFIG=${CONFIG:-Release}
RESULTS=$ROOT/TestResults

log() { printf '\n== %s\n' "$*"; }

ensure_test_dependencies() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    $sudo apt-get update -q >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >/dev/null || return 1
  fi
  # Debian's nodejs comes without npm (NodeSource's includes it). Only the API lint needs it: a failure here counts
  # as the lint's failure, not as the whole run's.
  if ! command -v npm >/dev/null 2>&1; then
    log "installing npm (apt)"
    [ ${#missing[@]} -gt 0 ] || $sudo apt-get update -q >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends npm >/dev/null \
      || echo "npm could not be installed: the API lint will fail"
  fi
}

PG_DIR=""
PG_BIN=""
start_postgres() {
  PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
  PG_DIR=$(mktemp -d /tmp/civic-pg.XXXXXX)
  # The first free port from 55432 on: a cluster left behind by an interrupted run must not stop this one.
  PG_PORT=${PG_PORT:-55432}
  while (echo > "/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
  chmod 755 "$PG_DIR"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || { cat "$PG_DIR/log"; return 1; }
  export CIVIC_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  local run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
}

# Redocly's CLI (version pinned in tools/api-lint/package-lock.json), installed while the solution builds;
# `npm ci` runs again only when the lock file changed.
API_LINT=$ROOT/tools/api-lint
API_LINT_INSTALL=""
install_api_lint() {
  cmp -s "$API_LINT/package-lock.json" "$API_LINT/node_modules/.civic-lock" && return 0
  (cd "$API_LINT" && npm ci --no-audit --no-fund --loglevel=error) && cp "$API_LINT/package-lock.json" "$API_LINT/node_modules/.civic-lock"
}

# Lints the OpenAPI document as the app serves it (saved by OpenApiDocumentTests in the SQLite run) with Redocly's
# recommended ruleset: any error fails the run. Counted as one check in the summary.
CHECKS_PASSED=0
CHECKS_FAILED=0
run_api_lint() {
  log "api-lint (Redocly, recommended ruleset)"
  local rc=0 doc=$RESULTS/openapi.json
  if ! wait "$API_LINT_INSTALL"; then
    echo "could not install @redocly/cli:"; tail -20 "$RESULTS/api-lint-install.log"; rc=1
  elif [ ! -s "$doc" ]; then
    echo "no OpenAPI document at $doc (OpenApiDocumentTests did not run)"; rc=1
  else
    REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$API_LINT/node_modules/.bin/redocly" lint "$doc" \
      --extends=recommended --format=stylish --max-problems=200 > "$RESULTS/api-lint.log" 2>&1 || rc=1
    grep -vE "^\s*$|validating|validated in" "$RESULTS/api-lint.log" | tail -40
  fi
  if [ $rc -eq 0 ]; then CHECKS_PASSED=$((CHECKS_PASSED + 1)); else CHECKS_FAILED=$((CHECKS_FAILED + 1)); fi
  printf '   %-24s %4s passed, %s failed\n' api-lint $((1 - rc)) $rc >> "$RESULTS/checks.txt"
}

# Runs one test project without rebuilding; its results land in $RESULTS/<name>.trx.
SUITE_FAILED=0
run_suite() {
  local name=$1 project=$2; shift 2
  log "$name"
  env "$@" dotnet test "$project" -c "$CONFIG" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" \
    > "$RESULTS/$name.log" 2>&1
  local rc=$?
  grep -E "^\s*(Passed|Failed|Skipped) |Total tests|Passed!|Failed!|error" "$RESULTS/$name.log" | grep -vE "^\s*Passed " | tail -40
  if [ $rc -ne 0 ]; then SUITE_FAILED=1; grep -A25 -E "^\s*Failed " "$RESULTS/$name.log" | head -120; fi
}

summarize() {
  local passed=0 failed=0 skipped=0 f p x s
  for f in "$RESULTS"/*.trx; do
    [ -f "$f" ] || continue
    p=$(grep -o '<Counters [^>]*' "$f" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    x=$(grep -o '<Counters [^>]*' "$f" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    s=$(grep -o '<Counters [^>]*' "$f" | grep -o ' notExecuted="[0-9]*"' | grep -o '[0-9]*')
    printf '   %-24s %4s passed, %s failed\n' "$(basename "$f" .trx)" "${p:-0}" "${x:-0}"
    passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0})); skipped=$((skipped + ${s:-0}))
  done
  [ -f "$RESULTS/checks.txt" ] && cat "$RESULTS/checks.txt"
  passed=$((passed + CHECKS_PASSED)); failed=$((failed + CHECKS_FAILED))
  if [ $SUITE_FAILED -ne 0 ] && [ $failed -eq 0 ]; then failed=1; echo "   (a suite failed without reporting a failed test: see $RESULTS/*.log)"; fi
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
  [ $failed -eq 0 ]
}

# The benchmark harness (bench/README.md): Release build, a fresh database (a SQLite file in a temporary folder, or a
# throw-away PostgreSQL cluster), the platform's own `seed --scale X`, then bench/CivicPractice.Bench starts the platform
# in Production on loopback and runs the scenarios. The platform's configuration is set here, in the environment.
run_bench() {
  local provider=sqlite scale=1 pass=()
  while [ $# -gt 0 ]; do
    case "$1" in
      sqlite|postgres) provider=$1 ;;
      --scale) scale=$2; shift ;;
      *) pass+=("$1") ;;
    esac
    shift
  done
  log "build (Release)"
  local p
  for p in src/CivicPractice.Web bench/CivicPractice.Bench bench/CivicPractice.Bench.Bare; do
    dotnet build "$p" -c Release --nologo -v q -clp:ErrorsOnly || return 1
  done
  BENCH_DIR=$(mktemp -d /tmp/civic-bench.XXXXXX)
  trap 'stop_postgres; rm -rf "$BENCH_DIR"' EXIT
  local logs=$RESULTS/bench
  rm -rf "$logs"; mkdir -p "$BENCH_DIR/data" "$logs"
  export ASPNETCORE_ENVIRONMENT=Production
  export Civic__DataDirectory=$BENCH_DIR/data
  export Civic__Sms__Provider=None
  export Civic__Pii__EncryptionKey=$(head -c 32 /dev/urandom | base64)
  export Civic__Pii__IndexKey=$(head -c 32 /dev/urandom | base64)
  export Logging__LogLevel__Default=Warning
  local cs
  if [ "$provider" = postgres ]; then
    start_postgres || { echo "PostgreSQL did not start"; return 1; }
    cs="${CIVIC_TEST_POSTGRES/;Database=postgres/};Database=civic_bench;Maximum Pool Size=200"
    export Civic__Database__Provider=Postgres Civic__Database__ConnectionString=$cs
  else
    cs="Data Source=$BENCH_DIR/data/civic.db;Default Timeout=30"
    export Civic__Database__Provider=Sqlite Civic__Database__ConnectionString=""
  fi
  local web=$ROOT/src/CivicPractice.Web dll=$ROOT/src/CivicPractice.Web/bin/Release/net10.0/CivicPractice.Web.dll
  log "seed --scale $scale ($provider)"
  local started=$(date +%s%3N)
  (cd "$web" && dotnet "$dll" seed --scale "$scale" > "$logs/seed.log" 2>&1) || { tail -30 "$logs/seed.log"; return 1; }
  local ms=$(( $(date +%s%3N) - started ))
  local seeded=$((ms / 1000)).$(printf '%03d' $((ms % 1000)))
  echo "seeded in $seeded s"
  log "bench"
  dotnet "$ROOT/bench/CivicPractice.Bench/bin/Release/net10.0/CivicPractice.Bench.dll" run --provider "$provider" --connection "$cs" \
    --platform "$dll" --content-root "$web" --bare "$ROOT/bench/CivicPractice.Bench.Bare/bin/Release/net10.0/CivicPractice.Bench.Bare.dll" \
    --logs "$logs" --results "$ROOT/bench/results" --scale "$scale" --seed-seconds "$seeded" \
    --commit "$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo +)" "${pass[@]}"
  local rc=$?
  if [ $rc -ne 0 ]; then echo "-- platform log (tail; all logs in $logs)"; tail -40 "$logs/platform.log" 2>/dev/null; fi
  return $rc
}

case "${1:-}" in
  run)
    shift
    export Civic__DataDirectory=${Civic__DataDirectory:-$ROOT/data}
    # Not the launch profile: `dotnet run` would let its applicationUrl override ASPNETCORE_URLS. Here --urls beats
    # ASPNETCORE_URLS beats the default address, and ASPNETCORE_ENVIRONMENT may be set too.
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
    export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
    exec dotnet run --project src/CivicPractice.Web --no-launch-profile -- "$@"
    ;;
  test)
    ensure_test_dependencies || { echo "could not install test dependencies"; exit 1; }
    rm -rf "$RESULTS"; mkdir -p "$RESULTS"
    install_api_lint > "$RESULTS/api-lint-install.log" 2>&1 &
    API_LINT_INSTALL=$!
    log "build ($CONFIG)"
    dotnet build CivicPractice.slnx -c "$CONFIG" --nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
    trap stop_postgres EXIT
    start_postgres || { echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
    run_suite domain tests/CivicPractice.Domain.Tests
    run_suite integration-sqlite tests/CivicPractice.Web.Tests CIVIC_TEST_PROVIDER=sqlite CIVIC_OPENAPI_OUT="$RESULTS/openapi.json"
    run_api_lint
    run_suite integration-postgres tests/CivicPractice.Web.Tests CIVIC_TEST_PROVIDER=postgres
    run_suite e2e-chromium tests/CivicPractice.E2E CIVIC_E2E_ARTIFACTS="$RESULTS/e2e"
    summarize
    ;;
  bench)
    shift
    run_bench "$@"
    ;;
  *)
    echo "usage: ./build.sh run | test | bench [sqlite|postgres] [--scale N]"; exit 2 ;;
esac
