# Shared by bench/run.sh (the foundation) and bench/AREA/run.sh: logging, warm-up and reading wrk's output.
# The sourcing script sets ROOT, T0, RAW and STAMP, the WARM_* parameters, and defines run_wrk LABEL DURATION URL [quiet],
# which writes wrk's output to $RAW/$STAMP-LABEL.txt followed by a line "wrk exit status: N".

# The launcher's own log lines (stderr), without colours, indented under ours. Its stdout (the status table,
# which prints secrets) is dropped.
hall() { "$ROOT/hall" "$@" 2>&1 >/dev/null | sed -u 's/\x1b\[[0-9;]*m//g; s/^/            /' >&2; return "${PIPESTATUS[0]}"; }
say()  { printf '\033[1;36m[bench %3d s]\033[0m %s\n' "$((SECONDS - T0))" "$*" >&2; }
die()  { printf '\033[1;31m[bench %3d s]\033[0m %s\n' "$((SECONDS - T0))" "$*" >&2; exit 1; }
# Warm one path with WARM_SLICE-second runs until the mean of the last two is no more than WARM_RISE % above the
# mean of the two before (so at least four runs; one noisy run does not end it), WARM_MAX seconds at most, or a run
# has errors.
# Sets WARM_CURVE[name] (req/s of each slice) and WARM_NOTE[name].
declare -A WARM_CURVE WARM_NOTE
warm_up() { # name url
  local name="$1" url="$2" i=0 rps r=()
  WARM_CURVE[$name]=""; WARM_NOTE[$name]="stopped rising"
  say "warm-up $name: ${WARM_SLICE} s runs until the throughput stops rising (at most ${WARM_MAX} s), $url"
  while :; do
    i=$((i + 1))
    run_wrk "warmup-$name-$i" "$WARM_SLICE" "$url" quiet
    parse_wrk "warmup-$name-$i"; rps="$(printf '%.0f' "${W_RPS:-0}")"
    WARM_CURVE[$name]+="${WARM_CURVE[$name]:+, }$rps"
    if (( ! W_VALID )); then WARM_NOTE[$name]="stopped: errors ($W_WHY)"; say "warm-up $name: errors ($W_WHY); stopping the warm-up"; break; fi
    r+=("$rps")
    if (( i >= 4 && (r[i-1] + r[i-2]) * 100 <= (r[i-3] + r[i-4]) * (100 + WARM_RISE) )); then break; fi
    if (( i * WARM_SLICE >= WARM_MAX )); then WARM_NOTE[$name]="still rising at the ${WARM_MAX} s limit"; break; fi
  done
  say "warm-up $name done after $((i * WARM_SLICE)) s (${WARM_NOTE[$name]}): ${WARM_CURVE[$name]} req/s"
}

to_ms() { # wrk duration (812.00us, 1.23ms, 1.01s, 2.00m) -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# label -> sets W_RPS W_P50 W_P99 W_REQS W_NON2XX W_SOCKERR W_VALID W_WHY
parse_wrk() {
  local f="$RAW/$STAMP-$1.txt" rc
  W_RPS="$(awk '/^Requests\/sec:/ {print $2}' "$f")"
  W_P50="$(awk '/Latency Distribution/ {d=1; next} d && $1 == "50%" {print $2; exit}' "$f")"
  W_P99="$(awk '/Latency Distribution/ {d=1; next} d && $1 == "99%" {print $2; exit}' "$f")"
  W_REQS="$(awk '/ requests in / {print $1; exit}' "$f")"
  W_NON2XX="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$f")"; W_NON2XX="${W_NON2XX:-0}"
  W_STATUSES="$(sed -n 's/^Status \([0-9]*\): \([0-9]*\) response.*/\2 × \1/p' "$f" | paste -sd, - | sed 's/,/, /g')"
  W_SAMPLE="$(sed -n 's/^Status \([0-9]*\): .*first body: \(.*\)/\1: \2/p' "$f" | tr -d '`|' | paste -sd ';' - | cut -c1-400)"
  W_SOCKERR="$(sed -n 's/.*Socket errors: *connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/connect \1, read \2, write \3, timeout \4/p' "$f")"
  rc="$(awk '/^wrk exit status:/ {print $4}' "$f")"
  W_VALID=1; W_WHY=""
  [[ "$rc" == 0 ]] || { W_VALID=0; W_WHY+="wrk exit status $rc; "; }
  [[ -n "$W_RPS" && -n "$W_P50" && -n "$W_P99" && -n "$W_REQS" && "$W_REQS" != 0 ]] || { W_VALID=0; W_WHY+="no wrk result; "; }
  (( W_NON2XX == 0 )) || { W_VALID=0; W_WHY+="$W_NON2XX non-2xx responses${W_STATUSES:+ ($W_STATUSES)}; "; }
  [[ -z "$W_SOCKERR" ]] || { W_VALID=0; W_WHY+="socket errors ($W_SOCKERR); "; }
  [[ -n "$W_P50" ]] && W_P50="$(to_ms "$W_P50")"
  [[ -n "$W_P99" ]] && W_P99="$(to_ms "$W_P99")"
  W_WHY="${W_WHY%; }"
  return 0
}

