#!/usr/bin/env bash
# Benchmarks dossier against Hugo on generated corpora.
#
#   bench/run.sh [SIZE ...]            default sizes: 1000 10000
#   RUNS=5 bench/run.sh 10000          each cell the median of 5 runs (default 1)
#
# Needs python3, GNU time (/usr/bin/time) and a release build (built here). Hugo is
# measured when `hugo` is on the PATH. The corpus generator is gen_corpus.py from
# the shared benchmark kit: set GEN_CORPUS to its path (default
# ../shared/bench/gen_corpus.py, relative to the repository).
#
# For each size it measures, with /usr/bin/time: a full dossier build into an empty
# folder with no cache, a rebuild with nothing changed, a rebuild after adding one
# article (both using the cache the full build left), and a
# full Hugo build of the same corpus. It prints a Markdown table (wall seconds, peak
# resident memory, each the median of RUNS runs); BENCHMARKS.md keeps the results.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
generator="${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/dossier-bench}"
sizes=("$@")
runs="${RUNS:-1}"
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)

if [ ! -f "$generator" ]; then
  echo "error: corpus generator not found at $generator; set GEN_CORPUS" >&2
  exit 1
fi
if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time (GNU time) is needed: apt-get install time" >&2
  exit 1
fi

cargo build --release --locked --quiet --manifest-path "$repo/Cargo.toml"
dossier="$repo/target/release/dossier"
mkdir -p "$work"

# Runs a command, discarding its output; prints "seconds peak_MiB".
measure() {
  local report
  report="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$report" "$@" >/dev/null 2>&1 || {
    echo "error: failed: $*" >&2
    exit 1
  }
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$report"
  rm -f "$report"
}

# The median of its arguments (the lower middle one for an even count).
median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Runs the function named by $1 to set the scene, then measures the rest of the
# arguments as a command; RUNS times. Prints "median_seconds median_peak_MiB".
cell() {
  local prepare="$1" wall peak
  local walls=() peaks=()
  shift
  for _ in $(seq "$runs"); do
    "$prepare"
    read -r wall peak < <(measure "$@")
    walls+=("$wall")
    peaks+=("$peak")
  done
  echo "$(median "${walls[@]}") $(median "${peaks[@]}")"
}

# Scenes. A full build starts from nothing: no output and no cache.
from_nothing() { rm -rf "$out" "$site/.dossier-cache"; }
as_it_is() { :; }
# One article more than the site as last built (rebuilt without it first, so every
# run adds it to the same site).
one_article_more() {
  rm -f "$site/content/articles/zz-one-more.md"
  "$dossier" --root "$site" --output "$out" >/dev/null
  sed 's/^title: .*/title: "One more article"/' "${articles[0]}" \
    > "$site/content/articles/zz-one-more.md"
}
no_hugo_output() { rm -rf "$work/hugo-out-$size"; }

echo "| articles | tool | run | wall s | peak MiB |"
echo "|---:|---|---|---:|---:|"
for size in "${sizes[@]}"; do
  corpus="$work/corpus-$size"
  site="$work/site-$size"
  if [ ! -f "$corpus/manifest.json" ]; then
    python3 "$generator" "$size" "$corpus" --layouts hugo,articles >/dev/null
  fi
  python3 "$repo/bench/corpus_site.py" "$corpus" "$site" "$generator"
  out="$site/public"
  articles=("$site"/content/articles/*.md)

  read -r wall peak < <(cell from_nothing "$dossier" --root "$site" --output "$out")
  echo "| $size | dossier | full build | $wall | $peak |"
  read -r wall peak < <(cell as_it_is "$dossier" --root "$site" --output "$out")
  echo "| $size | dossier | no-change rebuild | $wall | $peak |"
  read -r wall peak < <(cell one_article_more "$dossier" --root "$site" --output "$out")
  echo "| $size | dossier | add-one rebuild | $wall | $peak |"
  rm -f "$site/content/articles/zz-one-more.md"

  if command -v hugo >/dev/null; then
    read -r wall peak < <(cell no_hugo_output hugo --quiet --source "$corpus/hugo" --destination "$work/hugo-out-$size")
    echo "| $size | hugo | full build | $wall | $peak |"
  else
    echo "| $size | hugo | not installed | | |"
  fi
done
