#!/usr/bin/env bash
# Reproduce static/fonts/ from the npm registry (fontsource packages, OFL-1.1).
# Usage: bash fonts-tools/fetch-fonts.sh   (from the repository root)
# Needs: node + npm. Downloads into a temp folder outside the repository.
set -euo pipefail

NASKH_VERSION="${NASKH_VERSION:-5.3.0}"
KUFI_VERSION="${KUFI_VERSION:-5.3.0}"

repo="$(cd "$(dirname "$0")/.." && pwd)"
dest="$repo/static/fonts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  "@fontsource/noto-naskh-arabic@$NASKH_VERSION" \
  "@fontsource/noto-kufi-arabic@$KUFI_VERSION"

naskh="$tmp/node_modules/@fontsource/noto-naskh-arabic"
kufi="$tmp/node_modules/@fontsource/noto-kufi-arabic"

mkdir -p "$dest"
# <family>-<weight>-<subset>.woff2
for w in 400 700; do
  for s in arabic latin; do
    cp "$naskh/files/noto-naskh-arabic-$s-$w-normal.woff2" "$dest/noto-naskh-arabic-$w-$s.woff2"
  done
done
for s in arabic latin; do
  cp "$kufi/files/noto-kufi-arabic-$s-700-normal.woff2" "$dest/noto-kufi-arabic-700-$s.woff2"
done

# One licence file: both copyright lines, then the (identical) OFL 1.1 text.
{
  head -n 1 "$naskh/LICENSE"
  head -n 1 "$kufi/LICENSE"
  tail -n +2 "$naskh/LICENSE"
} > "$dest/OFL.txt"

ls -l "$dest"
echo "total font bytes: $(cat "$dest"/*.woff2 | wc -c)"
