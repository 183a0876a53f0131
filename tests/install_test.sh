#!/usr/bin/env bash
# End-to-end test of `cmake --install`: installs BUILD_DIR into a temporary prefix and runs the
# installed commands, as a user would, from a folder that is no source tree, with a HOME of its
# own: mlsys-index with no input indexes the installed bundled list into the user's data folder,
# mlsys-query finds it there, the man pages render and the completion registers.
set -euo pipefail
build_dir=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix

fail() { echo "install_test: $*" >&2; exit 1; }
expect_contains() {  # what, text, expected
    case $2 in *"$3"*) ;; *) fail "$1: expected \"$3\" in: $2" ;; esac
}

cmake --install "$build_dir" --prefix "$prefix" >/dev/null

for file in bin/mlsys-index bin/mlsys-query share/mlsys-search/papers.jsonl share/mlsys-search/venues.tsv \
            share/man/man1/mlsys-index.1 share/man/man1/mlsys-query.1 share/man/man7/mlsys-search.7 \
            share/bash-completion/completions/mlsys-query share/bash-completion/completions/mlsys-index; do
    [ -e "$prefix/$file" ] || fail "not installed: $file"
done
cmp -s "$prefix/share/mlsys-search/papers.jsonl" "$(dirname "$0")/../data/papers.jsonl" ||
    fail "the installed papers.jsonl differs from data/papers.jsonl"

mkdir "$scratch/work" "$scratch/home"
cd "$scratch/work"
export HOME=$scratch/home
unset XDG_DATA_HOME MLSYS_DB

indexed=$("$prefix/bin/mlsys-index")
expect_contains "mlsys-index with no input" "$indexed" \
    "$HOME/.local/share/mlsys-search/papers: 32 added, 0 updated, 0 removed"
[ "$("$prefix/bin/mlsys-query" --format ids gandiva | head -1)" = osdi18-gandiva ] ||
    fail "the installed mlsys-query did not find osdi18-gandiva first"
expect_contains "--version" "$("$prefix/bin/mlsys-query" --version)" "mlsys-query "
expect_contains "--help" "$("$prefix/bin/mlsys-query" --help)" \
    "\$MLSYS_DB, else index/papers in a source tree, else \$XDG_DATA_HOME/mlsys-search/papers"

# XDG_DATA_HOME, when set, is where the index goes.
export XDG_DATA_HOME=$scratch/xdg
expect_contains "mlsys-index under XDG_DATA_HOME" "$("$prefix/bin/mlsys-index")" "$scratch/xdg/mlsys-search/papers: 32 added"

# Each page renders, and says what its command is.
for page in man1/mlsys-index.1:"mlsys-index - index paper lists" man1/mlsys-query.1:"mlsys-query - search a paper index" \
            man7/mlsys-search.7:"mlsys-search - the query language"; do
    rendered=$(MANWIDTH=200 man -l "$prefix/share/man/${page%%:*}" 2>&1 | col -b)
    expect_contains "man -l ${page%%:*}" "$rendered" "${page#*:}"
done
fields=$(MANWIDTH=200 man -l "$prefix/share/man/man7/mlsys-search.7" 2>/dev/null | col -b | tr -s ' \t' ' ')
expect_contains "mlsys-search(7) fields" "$fields" "title: words in the title. Example: title:serving"
expect_contains "mlsys-search(7) record keys" "$fields" "a four-digit year; expected"

registered=$(bash -c "source '$prefix/share/bash-completion/completions/mlsys-query'; complete -p mlsys-query")
expect_contains "completion" "$registered" "_mlsys_complete"
echo "install_test: installed into $prefix and ran from $scratch/work: ok"
