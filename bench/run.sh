#!/usr/bin/env bash
# OneHall foundation benchmark: gateway overhead, memory of the six JVMs, cold start of the whole stack.
# Run it as `./hall bench` (which starts the hall, installs wrk when missing and exports JAVA_HOME and the secrets).
# Writes bench/results/foundation-<UTC>.md and a copy in bench/results/LATEST-foundation.md; raw outputs go to
# bench/results/raw/ (ignored by git). Exit status: 0 when every figure is valid and meets its target, 1 otherwise.
# See bench/README.md for what is measured and why.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HALL="$ROOT/hall"
RUN="$ROOT/.hall/run"
LOGS="$ROOT/.hall/logs"
RESULTS="$ROOT/bench/results"
RAW="$RESULTS/raw"

# ---------------------------------------------------------------- parameters (environment overrides)
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARM_SLICE="${BENCH_WARMUP_SLICE:-10}" # warm-up: runs of this many seconds per path until the throughput stops rising...
WARM_MAX="${BENCH_WARMUP_MAX:-150}"    # ...but no longer than this (the freshly restarted gateway needs ~100 s)
WARM_RISE=5                           # still rising: mean of the last two runs more than this many per cent above the two before
DURATION="${BENCH_DURATION:-20}"      # seconds per measured run
WRK_TIMEOUT="${BENCH_WRK_TIMEOUT:-5s}" # a response slower than this counts as a wrk timeout error
COLD_START="${BENCH_COLD_START:-1}"   # 0: skip scenario 3 (the stack is then not restarted)
BENCH_RATE_PER_SECOND=1000000         # the gateway's limiter during the load runs: never throttles, still calls Redis
BENCH_RATE_BURST=2000000

RATIO_TARGET=0.6
RSS_TARGET_MIB=2560                   # 2.5 GiB for the six OneHall JVMs together
COLD_TARGET_S=60

DIRECT_URL="http://localhost:8081/api/catalog/whoami"
GATEWAY_URL="http://localhost:8080/api/catalog/whoami"
TOKEN_URL="http://localhost:8180/realms/onehall/protocol/openid-connect/token"
ONEHALL_JVMS=(catalog-service application-service e-license-service identity-service supervision-service gateway)
ONEHALL_PORTS=(8081 8082 8083 8084 8085 8080 9080 8180 9000)
STATUS_SCRIPT="$ROOT/bench/status-count.lua"
CLK_TCK="$(getconf CLK_TCK)"

STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
REPORT="$RESULTS/foundation-$STAMP.md"
T0=$SECONDS

source "$ROOT/bench/lib.sh"


command -v wrk >/dev/null 2>&1 || die "wrk is missing: run ./hall bench (it installs wrk) or apt-get install wrk"
[[ -n "${ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET:-}" ]] || die "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET is not set: run ./hall bench"
[[ -n "${JAVA_HOME:-}" ]] || die "JAVA_HOME is not set: run ./hall bench"
mkdir -p "$RAW"

# ---------------------------------------------------------------- leave the hall as configured, whatever happens
GATEWAY_HAS_BENCH_LIMITS=0
STACK_STOPPED=0
restore() {
  local rc=$?
  trap - EXIT INT TERM
  if (( GATEWAY_HAS_BENCH_LIMITS )); then
    say "restoring the gateway with its configured rate limits"
    hall stop-one gateway || true
    hall start-one gateway || true
  fi
  if (( STACK_STOPPED )); then
    say "starting the hall again (./hall up --no-build)"
    hall up --no-build || true
  fi
  exit "$rc"
}
trap restore EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers
fetch_token() {
  local body
  body="$(curl -sS --max-time 15 -d grant_type=client_credentials -d client_id=county-taishan \
          -d "client_secret=$ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET" "$TOKEN_URL")" || die "cannot reach Keycloak for a token"
  TOKEN="$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$body")"
  [[ -n "$TOKEN" ]] || die "Keycloak gave no access token for county-taishan"
}

# URL -> the status code of one authenticated GET; the headers go to $1.headers, the body to $1.body (under raw/)
probe() { # name url
  curl -sS --max-time 10 -o "$RAW/$STAMP-probe-$1.body" -D "$RAW/$STAMP-probe-$1.headers" -w '%{http_code}' \
       -H "Authorization: Bearer $TOKEN" "$2" || echo 000
}

header_of() { sed -n "s/^$2: *\([^[:space:]]*\).*/\1/Ip" "$RAW/$STAMP-probe-$1.headers" | tail -n 1; }

wrk_cmd_text() { # duration url (the token is not written anywhere)
  echo "wrk -t$THREADS -c$CONNECTIONS -d${1}s --timeout $WRK_TIMEOUT --latency -s bench/status-count.lua -H 'Authorization: Bearer <county-taishan token>' $2"
}

run_wrk() { # label duration url [quiet] -> raw/<stamp>-<label>.txt
  local label="$1" dur="$2" url="$3" quiet="${4:-}" out="$RAW/$STAMP-$1.txt" rc=0
  fetch_token
  [[ -n "$quiet" ]] || say "wrk $label: ${dur} s, -t$THREADS -c$CONNECTIONS, $url"
  CPU_BEFORE[$label]="$(cpu_snapshot)"
  timeout --kill-after=5 $((dur + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${dur}s" --timeout "$WRK_TIMEOUT" --latency \
      -s "$STATUS_SCRIPT" -H "Authorization: Bearer $TOKEN" "$url" >"$out" 2>&1 || rc=$?
  CPU_AFTER[$label]="$(cpu_snapshot)"
  echo "wrk exit status: $rc" >>"$out"
  local rps; rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  say "wrk $label done: ${rps:-no result} req/s$( (( rc == 0 )) || echo " (wrk exit status $rc)")"
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
gib() { awk -v k="$1" 'BEGIN { printf "%.2f", k / 1048576 }'; }

gc_counts() { # pid -> "YGC YGCT FGC FGCT" from jstat (by column name)
  "$JAVA_HOME/bin/jstat" -gcutil "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    NR == 2 { print $c["YGC"], $c["YGCT"], $c["FGC"], $c["FGCT"] }' || true
}
gc_delta() { # "before" "after" -> "N young (X ms), M full (Y ms)"
  awk -v b="$1" -v a="$2" 'BEGIN { split(b, x, " "); split(a, y, " ")
    if (x[1] == "" || y[1] == "") { print "n/a"; exit }
    printf "%d young (%.0f ms), %d full (%.0f ms)", y[1] - x[1], (y[2] - x[2]) * 1000, y[3] - x[3], (y[4] - x[4]) * 1000 }'
}

# CPU time (clock ticks) of the processes that serve the load, and of the whole machine, for CPU per request.
declare -A CPU_BEFORE CPU_AFTER
pid_ticks() { [[ -n "${1:-}" && -r "/proc/$1/stat" ]] && awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_snapshot() { # -> "gateway catalog redis keycloak machine_busy machine_total" in ticks
  local kc=0 p t
  for p in $(pgrep -g "$(cat "$RUN/keycloak.pid" 2>/dev/null || echo 0)" 2>/dev/null || true); do t="$(pid_ticks "$p")"; kc=$((kc + t)); done
  echo "$(pid_ticks "$(cat "$RUN/gateway.pid" 2>/dev/null)") $(pid_ticks "$(cat "$RUN/catalog-service.pid" 2>/dev/null)")" \
       "$(pid_ticks "$(pgrep -o -x redis-server 2>/dev/null || true)") $kc" \
       "$(awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat)"
}
cpu_rows() { # label requests -> Markdown rows: CPU seconds and CPU per request for each process, for that run
  awk -v b="${CPU_BEFORE[$1]:-}" -v a="${CPU_AFTER[$1]:-}" -v n="${2:-0}" -v hz="$CLK_TCK" -v cores="$(nproc)" -v run="$1" 'BEGIN {
    split(b, x, " "); split(a, y, " "); if (x[5] == "" || n + 0 == 0) { printf "| %s | n/a | | | | | |\n", run; exit }
    for (i = 1; i <= 6; i++) d[i] = y[i] - x[i]
    wall = d[6] / cores / hz; other = d[5] - d[1] - d[2] - d[3] - d[4]
    printf "| %s | %.1f of %d | ", run, d[5] / d[6] * cores, cores
    for (i = 1; i <= 4; i++) printf "%.1f s, %.0f µs | ", d[i] / hz, d[i] / hz / n * 1e6
    printf "%.1f s, %.0f µs |\n", other / hz, other / hz / n * 1e6 }'
}

all_ports_closed() { local p; for p in "${ONEHALL_PORTS[@]}"; do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 1; done; return 0; }

# ---------------------------------------------------------------- machine and build facts
say "OneHall foundation benchmark; report: ${REPORT#"$ROOT"/}"
CPU_MODEL="$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
MEM_TOTAL_KIB="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
MEM_AVAIL_KIB="$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)"
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
JAVA_VERSION="$("$JAVA_HOME/bin/java" -version 2>&1)"
WRK_VERSION="$( { wrk -v 2>&1 || true; } | awk 'NR == 1 { sub(/ Copyright.*/, ""); print }')"
GIT_COMMIT="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
GIT_SUBJECT="$(git -C "$ROOT" log -1 --format=%s 2>/dev/null || true)"
GIT_DIRTY="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | wc -l)"
COMMAND="${BENCH_COMMAND:-bench/run.sh}"
for v in BENCH_THREADS BENCH_CONNECTIONS BENCH_WARMUP_SLICE BENCH_WARMUP_MAX BENCH_DURATION BENCH_WRK_TIMEOUT BENCH_COLD_START; do
  if [[ -n "${!v:-}" ]]; then COMMAND="$v=${!v} $COMMAND"; fi
done
SERVICE_JVM_FLAGS="$( { tr '\0' ' ' <"/proc/$(cat "$RUN/catalog-service.pid")/cmdline"; } 2>/dev/null | sed 's/ -jar .*//; s/^[^ ]*java //' || true)"

# ---------------------------------------------------------------- scenario 1: gateway overhead
say "phase 1/3: gateway overhead (restarting the gateway with rate limit $BENCH_RATE_PER_SECOND/s, burst $BENCH_RATE_BURST)"
GATEWAY_HAS_BENCH_LIMITS=1
hall stop-one gateway
ONEHALL_RATE_PER_SECOND=$BENCH_RATE_PER_SECOND ONEHALL_RATE_BURST=$BENCH_RATE_BURST hall start-one gateway \
  || die "the gateway did not start with the bench limits; see .hall/logs/gateway.log"

fetch_token
[[ "$(probe direct "$DIRECT_URL")" == 200 ]] || die "GET $DIRECT_URL does not answer 200 for county-taishan"
[[ "$(probe gateway "$GATEWAY_URL")" == 200 ]] || die "GET $GATEWAY_URL does not answer 200 for county-taishan"
grep -q '"service":"catalog-service"' "$RAW/$STAMP-probe-gateway.body" || die "the gateway's answer does not come from catalog-service"
LIMIT_SEEN="$(header_of gateway X-RateLimit-Replenish-Rate)"
[[ "$LIMIT_SEEN" == "$BENCH_RATE_PER_SECOND" ]] \
  || die "the gateway answers with X-RateLimit-Replenish-Rate '${LIMIT_SEEN}', not $BENCH_RATE_PER_SECOND: the bench limit is not in effect"
say "both paths answer 200; the gateway's limiter reports replenish rate $LIMIT_SEEN/s"

GW_PID="$(cat "$RUN/gateway.pid")"; CAT_PID="$(cat "$RUN/catalog-service.pid")"
# Warm both paths first (the gateway's warm-up also warms catalog-service further), then measure them back to back.
warm_up direct "$DIRECT_URL"
warm_up gateway "$GATEWAY_URL"
GC_BEFORE_CAT="$(gc_counts "$CAT_PID")"; GC_BEFORE_GW="$(gc_counts "$GW_PID")"
run_wrk direct "$DURATION" "$DIRECT_URL"
GC_MID_CAT="$(gc_counts "$CAT_PID")"; GC_MID_GW="$(gc_counts "$GW_PID")"
run_wrk gateway "$DURATION" "$GATEWAY_URL"
GC_AFTER_CAT="$(gc_counts "$CAT_PID")"; GC_AFTER_GW="$(gc_counts "$GW_PID")"
GC_DIRECT_CAT="$(gc_delta "$GC_BEFORE_CAT" "$GC_MID_CAT")"
GC_GATEWAY_CAT="$(gc_delta "$GC_MID_CAT" "$GC_AFTER_CAT")"; GC_GATEWAY_GW="$(gc_delta "$GC_MID_GW" "$GC_AFTER_GW")"

# The limiter fails open when Redis is slow: then the run skipped the Redis call and measured less than intended.
LIMITER_FAIL_OPEN="$(grep -c 'rate limiter cannot reach Redis' "$LOGS/gateway.log" 2>/dev/null || true)"
fetch_token
AFTER_STATUS="$(probe gateway-after "$GATEWAY_URL")"
LIMIT_AFTER="$(header_of gateway-after X-RateLimit-Remaining)"

parse_wrk direct
D_RPS=$W_RPS D_P50=$W_P50 D_P99=$W_P99 D_REQS=$W_REQS D_NON2XX=$W_NON2XX D_VALID=$W_VALID D_WHY=$W_WHY D_SAMPLE=$W_SAMPLE
parse_wrk gateway
G_RPS=$W_RPS G_P50=$W_P50 G_P99=$W_P99 G_REQS=$W_REQS G_NON2XX=$W_NON2XX G_VALID=$W_VALID G_WHY=$W_WHY G_SAMPLE=$W_SAMPLE
if [[ "${LIMITER_FAIL_OPEN:-0}" != 0 ]]; then G_VALID=0; G_WHY="${G_WHY:+$G_WHY; }the limiter failed open (Redis slower than its timeout) $LIMITER_FAIL_OPEN time(s)"; fi
if [[ "$AFTER_STATUS" != 200 ]]; then G_VALID=0; G_WHY="${G_WHY:+$G_WHY; }right after the run the gateway still answered $AFTER_STATUS"
elif [[ -z "$LIMIT_AFTER" ]]; then G_VALID=0; G_WHY="${G_WHY:+$G_WHY; }no X-RateLimit headers after the run (limiter not consulted)"; fi

if (( D_VALID && G_VALID )); then
  RATIO="$(awk -v g="$G_RPS" -v d="$D_RPS" 'BEGIN { printf "%.2f", g / d }')"
  RATIO_RESULT="$(awk -v r="$RATIO" -v t="$RATIO_TARGET" 'BEGIN { print (r >= t) ? "PASS" : "FAIL" }')"
  P50_OVERHEAD="$(awk -v g="$G_P50" -v d="$D_P50" 'BEGIN { printf "%+.2f", g - d }')"
else
  RATIO="n/a"; RATIO_RESULT="INVALID"; P50_OVERHEAD="n/a"
fi
say "direct $D_RPS req/s, gateway $G_RPS req/s, ratio $RATIO ($RATIO_RESULT)"

# ---------------------------------------------------------------- scenario 2: memory after the load
say "phase 2/3: resident memory of the six JVMs and Keycloak"
RSS_ROWS=""; RSS_TOTAL_KIB=0; RSS_OK=1; BIGGEST=""; BIGGEST_KIB=0
for svc in "${ONEHALL_JVMS[@]}"; do
  pid="$(cat "$RUN/$svc.pid" 2>/dev/null || true)"; kib=""; [[ -z "$pid" ]] || kib="$(rss_kib "$pid")"
  if [[ -z "$kib" ]]; then RSS_OK=0; RSS_ROWS+="| $svc | ${pid:-none} | not running | |"$'\n'; continue; fi
  RSS_TOTAL_KIB=$((RSS_TOTAL_KIB + kib))
  if (( kib > BIGGEST_KIB )); then BIGGEST_KIB=$kib; BIGGEST=$svc; fi
  RSS_ROWS+="| $svc | $pid | $(mib "$kib") MiB | $(case $svc in catalog-service|gateway) echo "loaded by phase 1";; *) echo idle;; esac) |"$'\n'
done
KC_PID="$(cat "$RUN/keycloak.pid" 2>/dev/null || true)"; KC_KIB=0
if [[ -n "$KC_PID" ]]; then  # kc.sh and the Keycloak JVM it starts share one process group (setsid)
  for p in $(pgrep -g "$KC_PID" 2>/dev/null || true); do k="$(rss_kib "$p")"; KC_KIB=$((KC_KIB + ${k:-0})); done
fi
if (( RSS_OK )); then
  if (( RSS_TOTAL_KIB <= RSS_TARGET_MIB * 1024 )); then RSS_RESULT=PASS; else RSS_RESULT=FAIL; fi
else RSS_RESULT=INVALID; fi
say "six JVMs: $(mib "$RSS_TOTAL_KIB") MiB ($RSS_RESULT); Keycloak $(mib "$KC_KIB") MiB"

# ---------------------------------------------------------------- scenario 3: cold start
COLD_WALL="n/a"; COLD_HALL="n/a"; COLD_RESULT="SKIPPED"; COLD_LINES=""
if [[ "$COLD_START" != 0 ]]; then
  say "phase 3/3: cold start: stopping the six services and Keycloak (MariaDB and Redis stay up)"
  STACK_STOPPED=1; GATEWAY_HAS_BENCH_LIMITS=0
  pids=()
  for svc in "${ONEHALL_JVMS[@]}" keycloak; do "$HALL" stop-one "$svc" >/dev/null 2>&1 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || true; done
  for _ in $(seq 1 60); do all_ports_closed && break; sleep 0.5; done
  all_ports_closed || die "ports ${ONEHALL_PORTS[*]} are not all free after stopping the stack"
  say "stack stopped; timing ./hall up --no-build"
  t_start="$(date +%s.%N)"
  set +e
  "$HALL" up --no-build 2>&1 >/dev/null | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$RAW/$STAMP-coldstart.log" | sed -u 's/^/            /' >&2
  rc="${PIPESTATUS[0]}"
  set -e
  t_end="$(date +%s.%N)"
  COLD_WALL="$(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.1f", b - a }')"
  COLD_HALL="$(sed -n 's/.*the hall is up in \([0-9]*\) s.*/\1/p' "$RAW/$STAMP-coldstart.log" | tail -n 1)"
  COLD_LINES="$(grep -E 'ready after|the hall is up|starting' "$RAW/$STAMP-coldstart.log" | sed 's/^\[hall\] //' || true)"
  if [[ "$rc" == 0 && -n "$COLD_HALL" ]]; then
    STACK_STOPPED=0
    COLD_RESULT="$(awk -v w="$COLD_WALL" -v t="$COLD_TARGET_S" 'BEGIN { print (w <= t) ? "PASS" : "FAIL" }')"
  else
    COLD_RESULT="FAIL"; COLD_HALL="${COLD_HALL:-n/a}"
    say "./hall up --no-build failed (exit $rc); see $RAW/$STAMP-coldstart.log"
  fi
  say "cold start: ${COLD_WALL} s wall, hall says ${COLD_HALL} s ($COLD_RESULT)"
else
  say "phase 3/3 skipped (BENCH_COLD_START=0); restoring the gateway's configured limits"
  GATEWAY_HAS_BENCH_LIMITS=0
  hall stop-one gateway; hall start-one gateway || die "the gateway did not start again; run ./hall up"
fi

# The gateway must be back on its configured limits (not the bench ones).
LIMIT_RESTORED="n/a"
if [[ "$STACK_STOPPED" == 0 ]]; then
  fetch_token
  if [[ "$(probe gateway-restored "$GATEWAY_URL")" == 200 ]]; then LIMIT_RESTORED="$(header_of gateway-restored X-RateLimit-Replenish-Rate)"; fi
fi

# ---------------------------------------------------------------- report
SAMPLES_MD=""
[[ -z "$D_SAMPLE" ]] || SAMPLES_MD+="First non-2xx answer of each status, direct: \`$D_SAMPLE\`"$'\n\n'
[[ -z "$G_SAMPLE" ]] || SAMPLES_MD+="First non-2xx answer of each status, gateway: \`$G_SAMPLE\`"$'\n\n'
validity() { (( $1 )) && echo "valid" || echo "INVALID: $2"; }
OVERALL=PASS
for r in "$RATIO_RESULT" "$RSS_RESULT" "$COLD_RESULT"; do [[ "$r" == PASS || "$r" == SKIPPED ]] || OVERALL=FAIL; done
TOTAL_S=$((SECONDS - T0))

cat >"$REPORT.tmp" <<EOF
# OneHall foundation benchmark — $STARTED_AT

Overall: **$OVERALL** ($( [[ "$OVERALL" == PASS ]] && echo "every figure valid and within its target" || echo "at least one figure invalid or outside its target" )) — the whole run took $TOTAL_S s.

| # | Figure | Measured | Target | Result |
|---|--------|----------|--------|--------|
| 1a | catalog-service direct (:8081) | ${D_RPS:-n/a} req/s, p50 ${D_P50:-n/a} ms, p99 ${D_P99:-n/a} ms | no errors | $( (( D_VALID )) && echo ok || echo INVALID) |
| 1b | same GET through the gateway (:8080) | ${G_RPS:-n/a} req/s, p50 ${G_P50:-n/a} ms, p99 ${G_P99:-n/a} ms | no errors | $( (( G_VALID )) && echo ok || echo INVALID) |
| 1 | gateway/direct throughput ratio | **$RATIO** (p50 overhead $P50_OVERHEAD ms) | ≥ $RATIO_TARGET | **$RATIO_RESULT** |
| 2 | RSS of the six OneHall JVMs after the load | **$(mib "$RSS_TOTAL_KIB") MiB** ($(gib "$RSS_TOTAL_KIB") GiB) | ≤ $RSS_TARGET_MIB MiB (2.5 GiB) | **$RSS_RESULT** |
| 2b | Keycloak RSS (not counted) | $(mib "$KC_KIB") MiB | — | — |
| 3 | cold start, \`./hall up --no-build\` to all ready | **$COLD_WALL s** wall (hall says $COLD_HALL s) | ≤ $COLD_TARGET_S s | **$COLD_RESULT** |

## Run

- Date (UTC): $STARTED_AT; report written $(date -u +%Y-%m-%dT%H:%M:%SZ)
- Command: \`$COMMAND\`
- Git commit: \`$GIT_COMMIT\` ($GIT_SUBJECT)$( (( GIT_DIRTY > 0 )) && echo "; the work tree had $GIT_DIRTY modified tracked file(s): the jars may contain uncommitted changes" || true)
- Parameters: wrk $THREADS threads, $CONNECTIONS connections, wrk timeout $WRK_TIMEOUT; per path a warm-up of ${WARM_SLICE} s runs
  until the throughput stops rising (the mean of the last two runs no more than ${WARM_RISE} % above the mean of the two
  before; at most ${WARM_MAX} s), then one measured run of ${DURATION} s; order: warm-up direct, warm-up gateway, measured direct, measured
  gateway (back to back, the same token client)
- Gateway rate limit during phase 1: \`ONEHALL_RATE_PER_SECOND=$BENCH_RATE_PER_SECOND ONEHALL_RATE_BURST=$BENCH_RATE_BURST\`
  (the gateway was restarted with them so the bench is never throttled while every request still makes the limiter's
  Redis call; the gateway answered with \`X-RateLimit-Replenish-Rate: $LIMIT_SEEN\`). Afterwards it was started again
  without them$( [[ "$COLD_START" != 0 ]] && echo " (by the cold start)" || true): it now answers with \`X-RateLimit-Replenish-Rate: $LIMIT_RESTORED\`.
- Service JVM flags: \`$SERVICE_JVM_FLAGS\`

## Machine

- CPUs (nproc): $(nproc); CPU model: $CPU_MODEL
- Memory: $(gib "$MEM_TOTAL_KIB") GiB total, $(gib "$MEM_AVAIL_KIB") GiB available at the start
- Kernel: $(uname -srm)
- Load average at the start (1/5/15 min): $LOADAVG
- wrk: $WRK_VERSION

\`\`\`
$JAVA_VERSION
\`\`\`

## 1. Gateway overhead: authenticated \`GET /api/catalog/whoami\` (client county-taishan)

| Path | Command | Requests | Req/s | p50 ms | p99 ms | Non-2xx | Run |
|------|---------|----------|-------|--------|--------|---------|-----|
| direct | \`$(wrk_cmd_text "$DURATION" "$DIRECT_URL")\` | ${D_REQS:-n/a} | ${D_RPS:-n/a} | ${D_P50:-n/a} | ${D_P99:-n/a} | $D_NON2XX | $(validity "$D_VALID" "$D_WHY") |
| gateway | \`$(wrk_cmd_text "$DURATION" "$GATEWAY_URL")\` | ${G_REQS:-n/a} | ${G_RPS:-n/a} | ${G_P50:-n/a} | ${G_P99:-n/a} | $G_NON2XX | $(validity "$G_VALID" "$G_WHY") |

${SAMPLES_MD}Warm-up (req/s of each ${WARM_SLICE} s run): direct ${WARM_CURVE[direct]} (${WARM_NOTE[direct]});
gateway ${WARM_CURVE[gateway]} (${WARM_NOTE[gateway]}).

Ratio gateway/direct throughput: **$RATIO** (target ≥ $RATIO_TARGET): **$RATIO_RESULT**. A run with any non-2xx response,
socket error or timeout, or in which the limiter failed open, is invalid and yields no ratio.

Garbage collections during the measured runs (jstat): catalog-service while measured directly: $GC_DIRECT_CAT;
while measured through the gateway: catalog-service $GC_GATEWAY_CAT, gateway $GC_GATEWAY_GW.

Where the CPU went during the measured runs (CPU seconds from /proc/<pid>/stat over the run, and per request;
"other" is the rest of the machine: wrk itself, MariaDB, the idle services, the kernel):

| Run | busy cores | gateway | catalog-service | Redis | Keycloak | other (wrk, …) |
|-----|-----------|---------|-----------------|-------|----------|----------------|
$(cpu_rows direct "$D_REQS")
$(cpu_rows gateway "$G_REQS")

The gateway path does, per request: JWT validation (cached JWKS), the limiter's Redis token-bucket script, the
circuit breaker, a proxied HTTP call to catalog-service (which validates the JWT again). On this machine the gateway,
catalog-service, Redis and wrk share the same $(nproc) cores, so the ratio is roughly
catalog's CPU per request / (catalog's + gateway's + Redis's CPU per request).

## 2. Resident memory (VmRSS from /proc/<pid>/status, pids from .hall/run/)

| JVM | pid | RSS | |
|-----|-----|-----|---|
${RSS_ROWS}| **six OneHall JVMs** | | **$(mib "$RSS_TOTAL_KIB") MiB** | target ≤ $RSS_TARGET_MIB MiB: **$RSS_RESULT** |
| Keycloak (kc.sh and its JVM; not counted) | $KC_PID | $(mib "$KC_KIB") MiB | |

Taken after phase 1 (warm-up and measured runs). Largest: ${BIGGEST:-n/a} ($(mib "$BIGGEST_KIB") MiB).

## 3. Cold start

EOF
if [[ "$COLD_START" != 0 ]]; then
  cat >>"$REPORT.tmp" <<EOF
The six services and Keycloak were stopped (\`./hall stop-one\`; MariaDB and Redis kept running, jars and the Keycloak
distribution already on disk and in the page cache), then \`./hall up --no-build\` was timed from its start until it
returned with every service ready: **$COLD_WALL s** wall clock; the launcher reported "the hall is up in $COLD_HALL s".
Target ≤ $COLD_TARGET_S s: **$COLD_RESULT**.

\`\`\`
$COLD_LINES
\`\`\`
EOF
else
  echo "Skipped (BENCH_COLD_START=0)." >>"$REPORT.tmp"
fi
cat >>"$REPORT.tmp" <<EOF

Raw outputs (not committed): \`bench/results/raw/$STAMP-*\`.
EOF
mv "$REPORT.tmp" "$REPORT"
cp "$REPORT" "$RESULTS/LATEST-foundation.md"

say "done in $TOTAL_S s: ratio $RATIO ($RATIO_RESULT), RSS $(mib "$RSS_TOTAL_KIB") MiB ($RSS_RESULT), cold start $COLD_WALL s ($COLD_RESULT)"
say "report: ${REPORT#"$ROOT"/} (copy: bench/results/LATEST-foundation.md)"
[[ "$OVERALL" == PASS ]]
