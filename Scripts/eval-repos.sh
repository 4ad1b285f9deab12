#!/usr/bin/env bash
# Checks the pinned commits of a repository list out of local git mirrors: the development set
# (Eval/repos/repos.tsv, the default) or another list such as the held-out set (Eval/holdout/repos.tsv).
#
#   bash Scripts/eval-repos.sh checkout MIRRORS DEST [LIST]
#
# MIRRORS holds one git directory per repository, at MIRRORS/<owner>+<name>/repo (the layout the
# fetch tool leaves) or MIRRORS/<owner>+<name> (a bare clone). Each repository is checked out at its
# pinned commit into DEST/<owner>+<name>; an existing checkout there is replaced. Nothing is fetched
# from the network and nothing is written inside the repository this script lives in.
set -euo pipefail

usage() { echo "usage: bash Scripts/eval-repos.sh checkout MIRRORS DEST [LIST]" >&2; exit 2; }
fail() { echo "eval-repos: $*" >&2; exit 2; }

{ [ "$#" -eq 3 ] || [ "$#" -eq 4 ]; } && [ "$1" = "checkout" ] || usage
root="$(cd "$(dirname "$0")/.." && pwd)"
list="${4:-$root/Eval/repos/repos.tsv}"
mirrors="$2"
dest="$3"
[ -f "$list" ] || fail "$list: not found"
[ -d "$mirrors" ] || fail "$mirrors: not a directory"
dest="$(realpath -m "$dest")"
case "$dest/" in "$root"/*) fail "$dest: DEST must be outside the repository" ;; esac
mkdir -p "$dest"

count=0
while IFS=$'\t' read -r repo commit _; do
    [ -z "$repo" ] || [ "$repo" = "repo" ] || [ "${repo#\#}" != "$repo" ] && continue
    slug="${repo/\//+}"
    gitdir=""
    for candidate in "$mirrors/$slug/repo" "$mirrors/$slug"; do
        if git --git-dir="$candidate" rev-parse --git-dir >/dev/null 2>&1; then gitdir="$candidate"; break; fi
    done
    [ -n "$gitdir" ] || fail "$repo: no git mirror at $mirrors/$slug (fetch it first)"
    git --git-dir="$gitdir" cat-file -e "$commit^{commit}" 2>/dev/null \
        || fail "$repo: pinned commit $commit is not in $gitdir (fetch it again)"
    target="$dest/$slug"
    rm -rf "$target"
    git clone --quiet --shared --no-checkout "$gitdir" "$target"
    git -C "$target" -c advice.detachedHead=false checkout --quiet "$commit"
    echo "$repo $commit -> $target"
    count=$((count + 1))
done < "$list"
[ "$count" -gt 0 ] || fail "$list: no repositories listed"
echo "checked out $count repositories into $dest"
