#!/usr/bin/env bash
# Benchmarks dossier against Hugo on generated corpora.
#
#   bench/run.sh [SIZE ...]            default sizes: 1000 10000
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
# resident memory); BENCHMARKS.md keeps the results.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
generator="${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/dossier-bench}"
sizes=("$@")
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
  # A full build starts from nothing: no output and no cache.
  rm -rf "$out" "$site/.dossier-cache"

  read -r wall peak < <(measure "$dossier" --root "$site" --output "$out")
  echo "| $size | dossier | full build | $wall | $peak |"
  read -r wall peak < <(measure "$dossier" --root "$site" --output "$out")
  echo "| $size | dossier | no-change rebuild | $wall | $peak |"
  articles=("$site"/content/articles/*.md)
  sed 's/^title: .*/title: "One more article"/' "${articles[0]}" \
    > "$site/content/articles/zz-one-more.md"
  read -r wall peak < <(measure "$dossier" --root "$site" --output "$out")
  echo "| $size | dossier | add-one rebuild | $wall | $peak |"
  rm -f "$site/content/articles/zz-one-more.md"

  if command -v hugo >/dev/null; then
    rm -rf "$work/hugo-out-$size"
    read -r wall peak < <(measure hugo --quiet --source "$corpus/hugo" --destination "$work/hugo-out-$size")
    echo "| $size | hugo | full build | $wall | $peak |"
  else
    echo "| $size | hugo | not installed | | |"
  fi
done
