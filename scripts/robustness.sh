#!/usr/bin/env bash
# Time a release build of each hostile input (examples/hostile_inputs.rs)
# at half, full and twice its size: each should answer within about two
# seconds, and twice the input should take about twice as long, or stop at
# a limit at once. Figures: docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
base="${TMPDIR:-/tmp}/evident-hostile"
for scale in 0.5 1.0 2.0; do
  cargo run --release --quiet --example hostile_inputs -- "$base/$scale" --scale "$scale" >/dev/null
done
bin="$PWD/target/release/evident"
printf '%-16s %14s %14s %14s  %s\n' input x0.5 x1 x2 "result at x1"
for project in "$base/1.0"/*; do
  name=$(basename "$project")
  line=$(printf '%-16s' "$name")
  result=""
  for scale in 0.5 1.0 2.0; do
    start=$(date +%s.%N)
    set +e
    out=$("$bin" build --root "$base/$scale/$name" -o "$base/out" 2>&1)
    code=$?
    set -e
    end=$(date +%s.%N)
    line="$line $(printf '%12.2fs' "$(echo "$end - $start" | bc)")"
    if [ "$scale" = 1.0 ]; then
      result=$(echo "$out" | grep -o 'error\[[a-z-]*\]' | sort -u | tr '\n' ' ')
      [ -n "$result" ] || result="built (exit $code)"
    fi
  done
  echo "$line  $result"
done
