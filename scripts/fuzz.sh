#!/usr/bin/env bash
# Fuzz Evident's parsers with libFuzzer (cargo-fuzz, on the stable
# toolchain through RUSTC_BOOTSTRAP): each target in fuzz/fuzz_targets/
# runs for SECONDS (default 600), one after another, starting from the
# corpus kept in fuzz/corpus/ (seeded from the worked example and the
# fixtures). A crash stops the script and leaves the input in
# fuzz/artifacts/<target>/. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# See docs/robustness.md (Fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter markdown privacy request)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
cd fuzz
# Seeds: every content file of the worked example and the fixtures (and,
# for the Markdown target, their bodies), and a few request paths.
mkdir -p corpus/front_matter corpus/markdown corpus/privacy corpus/request
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "corpus/front_matter/seed-$n"
  cp "$file" "corpus/privacy/seed-$n"
  case "$file" in *.md) awk 'f>1{print} /^---$/{f++}' "$file" >"corpus/markdown/seed-$n" ;; esac
done < <(find ../content ../tests/fixtures ../browser-tests/fixtures -type f \( -name '*.md' -o -name '*.yaml' \) -print0)
for path in / /domains/2/ /domains/2/2-1.html //evil.example/x /%2e%2e/secret '/a\b' \
  localhost:4000 '[::1]:4000' 127.0.0.1 http://localhost:4000 /%C0%AE%C0%AE/x; do
  n=$((n + 1))
  printf '%s' "$path" >"corpus/request/seed-$n"
done
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
