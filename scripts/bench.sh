#!/usr/bin/env bash
# Evident's cold build against Hugo and against a floor program, on the
# same generated documents, timed in turn round after round. Method and
# figures: docs/performance.md.
#
#   scripts/bench.sh              the alternating table (default)
#   scripts/bench.sh hyperfine    the older hyperfine runs: build and check of
#                                 the worked example and of 1,000 findings
#
# Environment: SIZES="1000 10000" (findings; each with N/10 cases),
# ROUNDS=5, BENCH_DIR=<folder to generate into, kept> (default: a fresh
# folder in /dev/shm, or in $TMPDIR where there is none, removed at the end).
#
# Needs cargo and Debian's `hugo` and `time` packages (and `hyperfine` for
# the second form); it installs nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

missing=()
command -v hugo >/dev/null || missing+=(hugo)
/usr/bin/time --version 2>&1 | grep -q GNU || missing+=(time)
if [ "${1:-}" = hyperfine ]; then
  command -v hyperfine >/dev/null || missing+=(hyperfine)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench.sh needs Debian's ${missing[*]}: apt-get install ${missing[*]}" >&2
  exit 2
fi

cargo build --release --quiet --bin evident --example generate_corpus --example floor
target=$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
bin="$target/release/evident"
floor="$target/release/examples/floor"
generate="$target/release/examples/generate_corpus"

if [ "${1:-}" = hyperfine ]; then
  corpus="${TMPDIR:-/tmp}/evident-corpus"
  "$generate" "$corpus" --findings 1000 --cases 200
  hyperfine --warmup 3 --runs 20 -N \
    "$bin build" \
    "$bin check" \
    "$bin build --root $corpus" \
    "$bin check --root $corpus"
  for root in . "$corpus"; do
    /usr/bin/time -f "peak memory, build --root $root: %M KiB" "$bin" build --root "$root" 2>&1 | tail -n 1
  done
  exit 0
fi

sizes=${SIZES:-1000 10000}
rounds=${ROUNDS:-5}
if [ -n "${BENCH_DIR:-}" ]; then
  work=$BENCH_DIR
  mkdir -p "$work"
else
  # In memory where the machine has /dev/shm: on a virtual disk, creating
  # and removing Hugo's 10,000 folders a round costs more than rendering
  # them, and more each round (docs/performance.md).
  base=${TMPDIR:-/tmp}
  [ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
  work=$(mktemp -d "$base/evident-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

# Run a command inside a folder; append "milliseconds peak-KiB" to a file.
# Wall time comes from the shell's microsecond clock around GNU time (whose
# own %e counts only hundredths of a second); peak resident memory from
# GNU time's %M. The command's output goes to a log.
measure() {
  local dir=$1 record=$2 log=$3
  shift 3
  local start end
  start=$EPOCHREALTIME
  (cd "$dir" && /usr/bin/time -f %M -o "$work/rss" "$@") >>"$log" 2>&1 || {
    echo "failed in $dir: $* (log: $log)" >&2
    tail -n 20 "$log" >&2
    exit 1
  }
  end=$EPOCHREALTIME
  echo "$(((${end/[.,]/} - ${start/[.,]/}) / 1000)) $(tail -n 1 "$work/rss")" >>"$record"
}

# The median of the numbers on standard input.
median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

html_files() { find "$1" -name '*.html' -type f | wc -l; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(hugo version | cut -d' ' -f1-2); rounds: $rounds; sizes: $sizes"
echo "folder: $work ($(stat -f -c %T "$work"))"
rm -f "$work/pages"
for n in $sizes; do
  cases=$((n / 10))
  evident_dir="$work/evident-$n"
  hugo_dir="$work/hugo-$n"
  "$generate" "$evident_dir" --findings "$n" --cases "$cases" --hugo "$hugo_dir" 2>/dev/null
  rm -f "$work"/*-"$n".times
  log="$work/run-$n.log"
  : >"$log"

  # One untimed run of each first, to check that every tool builds what it
  # should (and to have the files in the page cache for every round alike).
  rm -rf "$evident_dir/output"
  (cd "$evident_dir" && "$bin" build) >>"$log" 2>&1
  (cd "$evident_dir" && "$floor") >>"$log" 2>&1
  rm -rf "$hugo_dir/public" "$hugo_dir/resources" "$work/hugo-cache"
  hugo_check=$(cd "$hugo_dir" && hugo --printPathWarnings --cacheDir "$work/hugo-cache" 2>&1)
  echo "$hugo_check" >>"$log"
  if grep -E 'WARN|ERROR|found no layout' <<<"$hugo_check"; then
    echo "Hugo warned on the $n-finding site (above); its figures would not be comparable" >&2
    exit 1
  fi
  hugo_pages=$(html_files "$hugo_dir/public")
  if [ "$hugo_pages" -lt "$n" ]; then
    echo "Hugo wrote $hugo_pages HTML files for $n findings: the Hugo site is broken" >&2
    exit 1
  fi

  for round in $(seq 1 "$rounds"); do
    rm -rf "$evident_dir/output"
    measure "$evident_dir" "$work/evident-$n.times" "$log" "$bin" build
    measure "$evident_dir" "$work/floor-$n.times" "$log" "$floor"
    rm -rf "$hugo_dir/public" "$hugo_dir/resources" "$work/hugo-cache"
    measure "$hugo_dir" "$work/hugo-$n.times" "$log" \
      hugo --quiet --cacheDir "$work/hugo-cache"
    [ "$(html_files "$hugo_dir/public")" -eq "$hugo_pages" ] || {
      echo "Hugo's page count changed in round $round" >&2
      exit 1
    }
    echo "N=$n round $round/$rounds: evident $(tail -n 1 "$work/evident-$n.times" | cut -d' ' -f1) ms," \
      "floor $(tail -n 1 "$work/floor-$n.times" | cut -d' ' -f1) ms," \
      "hugo $(tail -n 1 "$work/hugo-$n.times" | cut -d' ' -f1) ms"
  done
  echo "$n $(html_files "$evident_dir/output") $hugo_pages" >>"$work/pages"

  # Stage timings of one more (untimed) Evident build.
  rm -rf "$evident_dir/output"
  (cd "$evident_dir" && RUST_LOG=evident=debug "$bin" build 2>&1) |
    grep -E 'evident::(pipeline|cmd::build)|^built' | sed "s/^/N=$n stages: /"
done

echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Medians over $rounds rounds (wall time in ms, peak resident memory in MiB):"
printf '%-7s %-8s %10s %10s %11s\n' N tool time memory "HTML files"
for n in $sizes; do
  read -r _ evident_pages hugo_pages < <(grep "^$n " "$work/pages")
  for tool in evident floor hugo; do
    f="$work/$tool-$n.times"
    t=$(cut -d' ' -f1 "$f" | median)
    m=$(cut -d' ' -f2 "$f" | median)
    case $tool in
      evident) pages=$evident_pages ;;
      hugo) pages=$hugo_pages ;;
      *) pages=- ;;
    esac
    printf '%-7s %-8s %10.0f %10.0f %11s\n' "$n" "$tool" "$t" "$(awk "BEGIN { print $m / 1024 }")" "$pages"
  done
done

echo
echo "Ratios of wall time: the median of the per-round ratios (each round runs"
echo "the three in turn, so they share the machine's load), and in brackets the"
echo "ratio of the medians."
printf '%-7s %-22s %-22s\n' N evident/hugo evident/floor
for n in $sizes; do
  row="$n"
  for other in hugo floor; do
    per_round=$(paste -d' ' "$work/evident-$n.times" "$work/$other-$n.times" |
      awk '{ print $1 / $3 }' | median)
    of_medians=$(awk "BEGIN { print $(cut -d' ' -f1 "$work/evident-$n.times" | median) / \
      $(cut -d' ' -f1 "$work/$other-$n.times" | median) }")
    row="$row $(printf '%.2f (%.2f)' "$per_round" "$of_medians")"
  done
  read -r a b c d e <<<"$row"
  printf '%-7s %-22s %-22s\n' "$a" "$b $c" "$d $e"
done
