#!/usr/bin/env bash
# Usage: fuzz/run.sh [SECONDS] [TARGET…]
# Runs each fuzz target (default: all) for SECONDS (default 600), seeded from the seed
# dossier's own content. Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# A crash is saved under fuzz/artifacts/<target>/; commit it as a regression test.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
root=..

seed() {
  local target="$1"; shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] && cp "$file" "corpus/$target/$(basename "$file")"
  done
  true
}
seed txt_article "$root"/content/articles/*.txt "$root"/tests/fixtures/encodings/*
seed front_matter "$root"/content/entities/*.md "$root"/content/themes/*.md "$root"/content/articles/*.md "$root"/tests/fixtures/bad_input/*/*
mkdir -p corpus/matcher corpus/slug
printf 'Vladimir Putin|Putin|Vietnam|US|trade*|To Lam|Lam\nPresident Putin met To Lam in Hanoi; the US watched. Trade grew.\n' > corpus/matcher/seed
printf 'T\xc3\xb4 L\xc3\xa2m' > corpus/slug/seed

targets=("${@:2}")
[ ${#targets[@]} -gt 0 ] || targets=(txt_article front_matter matcher slug)
crashed=()
for target in "${targets[@]}"; do
  echo "== $target for ${seconds}s"
  if ! cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 >"$target.log" 2>&1; then
    crashed+=("$target")
    grep -A3 "Failing input" "$target.log" || tail -n 20 "$target.log"
  fi
  grep -E "^Done [0-9]+ runs" "$target.log" || true
done
if [ ${#crashed[@]} -gt 0 ]; then
  echo "crashes in: ${crashed[*]} (inputs under fuzz/artifacts/)"
  exit 1
fi
