# Sourced by the bench scripts: wall time and peak extra disk of one command under $work.
# The sourcing script defines used() (bytes under $work: allocated or apparent, as its files need) and $work.

now() { date +%s.%N; }

# runs "$@" (output in $work/last.log); prints "SECONDS PEAK_EXTRA_BYTES", the peak of used() while it ran minus
# used() before; a failing command prints its log and ends the bench
measure() {
  local start peak=0 pid t0 t1 size
  start=$(used)
  t0=$(now)
  "$@" >"$work/last.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    size=$(used); ((size > peak)) && peak=$size
    sleep 1
  done
  wait "$pid" || { cat "$work/last.log" >&2; exit 1; }
  t1=$(now)
  echo "$(awk "BEGIN { print $t1 - $t0 }") $((peak - start))"
}
