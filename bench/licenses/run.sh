#!/usr/bin/env bash
# Licence library benchmark (issue: electronic licences): public verification of a QR payload, anonymous, straight to
# e-license-service and through the gateway, in one run. Target through the gateway: >= 3,000 verifications/s with
# p99 <= 30 ms. Run it as `./hall bench licenses`. Report: bench/results/licenses-<UTC>.md and LATEST-licenses.md.
# Both rate limits (the gateway's per client, the licence service's public one) are lifted for the run, as the
# foundation bench does, and restored afterwards: a verifier flood is a different test (429, in the module's tests).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RESULTS="$ROOT/bench/results"
RAW="$RESULTS/raw"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARM_SLICE="${BENCH_WARMUP_SLICE:-10}"
WARM_MAX="${BENCH_WARMUP_MAX:-90}"
WARM_RISE=5
DURATION="${BENCH_DURATION:-20}"
WRK_TIMEOUT="${BENCH_WRK_TIMEOUT:-5s}"
RPS_TARGET=3000
P99_TARGET_MS=30
UNLIMITED=1000000
WHEN="$(date -u +%Y-%m-%dT%H%M%SZ)"
STAMP="$WHEN-licenses"   # raw wrk outputs: raw/<WHEN>-licenses-<label>.txt
REPORT="$RESULTS/licenses-$WHEN.md"
T0=$SECONDS
source "$ROOT/bench/lib.sh"

command -v wrk >/dev/null 2>&1 || die "wrk is missing: run ./hall bench licenses"
mkdir -p "$RAW"

LIMITS_LIFTED=0
restore() {
  local rc=$?
  trap - EXIT INT TERM
  if (( LIMITS_LIFTED )); then
    say "restoring the gateway and e-license-service with their configured limits"
    for svc in gateway e-license-service; do hall stop-one "$svc" || true; hall start-one "$svc" || true; done
  fi
  exit "$rc"
}
trap restore EXIT
trap 'exit 130' INT TERM

run_wrk() { # label duration url [quiet]: anonymous GETs, as a verifier's app sends them
  local label="$1" dur="$2" url="$3" out="$RAW/$STAMP-$1.txt" rc=0
  [[ -n "${4:-}" ]] || say "wrk $label: ${dur} s, -t$THREADS -c$CONNECTIONS"
  timeout --kill-after=5 $((dur + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${dur}s" --timeout "$WRK_TIMEOUT" --latency \
      -s "$ROOT/bench/status-count.lua" "$url" >"$out" 2>&1 || rc=$?
  echo "wrk exit status: $rc" >>"$out"
}

say "lifting the rate limits of the gateway and e-license-service for the run"
LIMITS_LIFTED=1
hall stop-one gateway; ONEHALL_RATE_PER_SECOND=$UNLIMITED ONEHALL_RATE_BURST=$((UNLIMITED * 2)) hall start-one gateway
hall stop-one e-license-service; ONEHALL_LICENSE_PUBLIC_RATE=$UNLIMITED hall start-one e-license-service

# A real licence of the demo library: zhangsan's identity card, its signed QR payload.
TOKEN="$(curl -sS --max-time 15 -d grant_type=password -d client_id=onehall-dev -d username=zhangsan -d 'password=Demo#2026' \
  http://localhost:8180/realms/onehall/protocol/openid-connect/token | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[[ -n "$TOKEN" ]] || die "no token for zhangsan"
LICENCE="$(curl -sS -H "Authorization: Bearer $TOKEN" http://localhost:8083/api/licenses/mine | sed -n 's/.*"licenceId":"\([^"]*\)".*/\1/p' | head -n 1)"
[[ -n "$LICENCE" ]] || die "zhangsan holds no licence in the demo library"
PAYLOAD="$(curl -sS -H "Authorization: Bearer $TOKEN" "http://localhost:8083/api/licenses/$LICENCE/qr-payload" | sed -n 's/.*"payload":"\([^"]*\)".*/\1/p')"
[[ -n "$PAYLOAD" ]] || die "no QR payload for licence $LICENCE"
urlencode() { local s="$1" out="" c i; for ((i = 0; i < ${#s}; i++)); do c="${s:i:1}"
  case "$c" in [A-Za-z0-9._~-]) out+="$c" ;; *) out+="$(printf '%%%02X' "'$c")" ;; esac; done; printf '%s' "$out"; }
QUERY="payload=$(urlencode "$PAYLOAD")"
DIRECT_URL="http://localhost:8083/api/licenses/public/verify?$QUERY"
GATEWAY_URL="http://localhost:8080/api/licenses/public/verify?$QUERY"
for url in "$DIRECT_URL" "$GATEWAY_URL"; do
  curl -sS --max-time 10 "$url" | grep -q '"valid":true' || die "the verification of $LICENCE is not VALID at ${url%%\?*}"
done
say "licence $LICENCE verifies VALID on both paths"

warm_up direct "$DIRECT_URL"
warm_up gateway "$GATEWAY_URL"
run_wrk direct "$DURATION" "$DIRECT_URL"
run_wrk gateway "$DURATION" "$GATEWAY_URL"
parse_wrk direct;  D_RPS=$W_RPS D_P50=$W_P50 D_P99=$W_P99 D_VALID=$W_VALID D_WHY=$W_WHY
parse_wrk gateway; G_RPS=$W_RPS G_P50=$W_P50 G_P99=$W_P99 G_VALID=$W_VALID G_WHY=$W_WHY

verdict() { (( $1 )) || { echo INVALID; return; }; awk -v v="$2" -v t="$3" -v op="$4" 'BEGIN { print ((op == "ge" ? v >= t : v <= t) ? "PASS" : "FAIL") }'; }
RPS_RESULT="$(verdict "$G_VALID" "${G_RPS:-0}" $RPS_TARGET ge)"
P99_RESULT="$(verdict "$G_VALID" "${G_P99:-0}" $P99_TARGET_MS le)"
RATIO="$( (( D_VALID && G_VALID )) && awk -v g="$G_RPS" -v d="$D_RPS" 'BEGIN { printf "%.2f", g / d }' || echo n/a)"

{
  echo "# OneHall licence verification benchmark — $WHEN"
  echo
  echo "| # | Figure | Measured | Target | Result |"
  echo "|---|--------|----------|--------|--------|"
  echo "| 1a | verify by QR payload, e-license-service direct (:8083) | ${D_RPS:-?} req/s, p50 ${D_P50:-?} ms, p99 ${D_P99:-?} ms | reference | $( (( D_VALID )) && echo ok || echo "INVALID: $D_WHY") |"
  echo "| 1b | the same through the gateway (:8080) | ${G_RPS:-?} req/s, p50 ${G_P50:-?} ms, p99 ${G_P99:-?} ms | — | $( (( G_VALID )) && echo ok || echo "INVALID: $G_WHY") |"
  echo "| 1 | gateway throughput | **${G_RPS:-?} req/s** | ≥ $RPS_TARGET/s | **$RPS_RESULT** |"
  echo "| 2 | gateway p99 | **${G_P99:-?} ms** | ≤ $P99_TARGET_MS ms | **$P99_RESULT** |"
  echo "| 3 | gateway/direct throughput ratio | $RATIO | — | — |"
  echo
  echo "## Run"
  echo
  echo "- Command: \`${BENCH_COMMAND:-./hall bench licenses}\`; git commit \`$(git -C "$ROOT" rev-parse HEAD)\`"
  echo "- wrk -t$THREADS -c$CONNECTIONS, warm-up slices of ${WARM_SLICE} s until the throughput stops rising (≤ ${WARM_MAX} s),"
  echo "  then $DURATION s measured per path, back to back; anonymous GET /api/licenses/public/verify?payload=… of one"
  echo "  real demo licence (SM2 signature checked on every call, status read live, verification counted in Redis)"
  echo "- Warm-up curves (req/s): direct ${WARM_CURVE[direct]}; gateway ${WARM_CURVE[gateway]}"
  echo "- Rate limits lifted for the run (gateway and e-license-service public limit $UNLIMITED/s), restored afterwards"
  echo "- Machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$REPORT"
cp "$REPORT" "$RESULTS/LATEST-licenses.md"
say "gateway ${G_RPS:-?} req/s ($RPS_RESULT), p99 ${G_P99:-?} ms ($P99_RESULT); report ${REPORT#"$ROOT"/}"
[[ "$RPS_RESULT" == PASS && "$P99_RESULT" == PASS ]]
