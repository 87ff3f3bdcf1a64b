#!/usr/bin/env bash
# Benchmark full builds with hyperfine (Debian package `hyperfine`) and peak
# memory with GNU time: the worked example, and a generated project of 1,000
# findings and 200 cases. Figures and method: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${TMPDIR:-/tmp}/evident-corpus"
cargo build --release --quiet
cargo run --release --quiet --example generate_corpus -- "$corpus" --findings 1000 --cases 200
bin=./target/release/evident
hyperfine --warmup 3 --runs 20 -N \
  "$bin build" \
  "$bin check" \
  "$bin build --root $corpus" \
  "$bin check --root $corpus"
for root in . "$corpus"; do
  /usr/bin/time -f "peak memory, build --root $root: %M KiB" "$bin" build --root "$root" 2>&1 | tail -n 1
done
