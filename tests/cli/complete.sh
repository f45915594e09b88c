#!/bin/bash
# complete.sh: shell completion.  "margo complete" offers the subcommands,
# the options each takes (all those its --help names), the values of
# --format, and the tags, entity names and article ids of the library that
# start with what was typed, byte for byte; it reads the library without
# changing it and, with no library, offers nothing and makes none.  The
# bash completion, sourced in a plain bash, registers itself and gives
# those candidates at each place of a command line; the zsh and fish ones
# are checked by their shells when installed; make install puts the three
# files where configure said.
. "$top_srcdir/tests/lib.sh"

ask() { "$MARGO" complete "$@" 2>&1; }

# ---- no library: nothing, and none made -----------------------------------------
out=$(ask tags); rc=$?
is "$out|$rc" "|0" "no library: complete tags prints nothing and exits 0"
is "$(ask entities K)|$(ask articles)" "|" "no library: no entities, no articles"
ok "no library: complete made no library file" test ! -e "$MARGO_DB"

# ---- commands and options: one list with what margo runs --------------------------
cmds=$(ask commands)
like "$cmds" '^annotations$' "complete commands lists the subcommands"
unlike "$cmds" '^complete$' "complete commands leaves out the hidden complete itself"
is "$(ask commands an)" "annotate
annotations" "complete commands an: only those starting with an"
is "$(ask commands x)" "" "complete commands x: nothing starts with x"
bad=
for c in $cmds; do
	"$MARGO" "$c" --help 2>/dev/null | head -1 | grep -q "^Usage: margo $c " || bad="$bad $c"
done
is "$bad" "" "every command offered is one margo runs (margo CMD --help shows its usage)"
# Every option the usage lines of a command's --help name is offered.
missing=
for c in $cmds; do
	opts=$(ask options "$c")
	for o in $("$MARGO" "$c" --help | awk 'NR == 1 || /^ {6,}/ { print; next } { exit }' |
		grep -oE -- '(^|[[ ])--?[a-z][a-z-]*' | tr -d '[ ' | sort -u); do
		printf '%s\n' "$opts" | grep -qx -- "$o" || missing="$missing $c:$o"
	done
done
is "$missing" "" "complete options CMD offers every option CMD's usage names"
is "$(ask options list --u)" "--unread" "complete options list --u: --unread"
is "$(ask options)" "--db
--config
--no-config
-n
--help
--version" "complete options with no command: margo's own options"
like "$cmds" '^keys$' "complete commands offers keys"
is "$(ask values keys --format)" "config
markdown
man" "complete values keys --format: its three formats"
is "$(ask values export --format m)" "markdown" "complete values export --format m: markdown"
is "$(ask values list --format)" "plain
jsonl" "complete values list --format: plain and jsonl"
out=$(ask bogus); rc=$?
is "$rc" 2 "complete bogus: a usage error (exit 2)"
like "$out" '^margo: complete: unknown WHAT "bogus"' "complete bogus says what it does not know, in one line"

# ---- names from a library ---------------------------------------------------------
fresh_library
"$MARGO" annotate 1 0 5 --tag "pol/it,economia" >/dev/null
"$MARGO" annotate 2 0 5 --tag "Politica" >/dev/null
before=$(sha256sum "$MARGO_DB")
is "$(ask tags)" "Politica
economia
pol/it" "complete tags: every tag in use, in order"
is "$(ask tags p)" "pol/it" "complete tags p: case-sensitive, as shells compare"
is "$(ask tags pol/it)" "pol/it" "complete tags pol/it: the whole tag is its own prefix"
like "$(ask entities)" '^Vladimir Putin$' "complete entities: the entity names of the library"
is "$(ask entities 'Kim ')" "Kim Jong-un" "complete entities 'Kim ': a name with a space, whole"
is "$(ask articles)" "1
2
3
4
5" "complete articles: the article ids"
is "$(sha256sum "$MARGO_DB")" "$before" "completing changed nothing in the library"
ok "completing left no -wal file" test ! -e "$MARGO_DB-wal"
"$MARGO" annotate 3 0 5 --tag "$(printf 'zz\033[31m')" >/dev/null 2>&1
is "$(ask tags z | wc -c)" 0 "complete tags: a tag holding an escape is not offered (it would reach the terminal)"

many=$TEST_TMP/many.db
for i in $(seq 1 25); do
	printf '{"id":"a%d","title":"Titolo %d","text":"Testo numero %d."}\n' "$i" "$i" "$i"
done >"$TEST_TMP/many.jsonl"
"$MARGO" --db "$many" add "$TEST_TMP/many.jsonl" >/dev/null
is "$("$MARGO" --db "$many" complete articles 1 | tr '\n' ' ')" "1 10 11 12 13 14 15 16 17 18 19 " \
	"complete articles 1: 1 and 10 to 19 of 25"
is "$("$MARGO" --db "$many" complete articles 0)$("$MARGO" --db "$many" complete articles x)" "" \
	"complete articles 0 or x: no id is written so"

# ---- bash ---------------------------------------------------------------------------
bash_script=$top_srcdir/completions/margo.bash
cat >"$TEST_TMP/drive.bash" <<'EOF'
source "$1" || exit 1
shift
complete -p margo
# One line a call: the COMPREPLY for the words given, the last the one
# being completed.
t() {
	COMP_WORDS=("$MARGO" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_margo margo "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '[%s]' "${COMPREPLY[@]}"
	echo
}
t an
t list --
t export --format ''
t annotate 1 0 5 --tag p
t annotate 1 0 5 --tag economia,p
t annotations --tag ''
t mentions 'Kim'
t mentions 'Kim\ J'
t show ''
t --db "$MANY" show 2
t add "$TMPFILES/notiz"
t search --limit ''
t timeline --by ''
t timeline --format ''
t timeline 'Kim'
EOF
mkdir -p "$TEST_TMP/files" && : >"$TEST_TMP/files/notizie.txt"
out=$(MANY=$many TMPFILES=$TEST_TMP/files bash --norc --noprofile "$TEST_TMP/drive.bash" "$bash_script" 2>&1)
line() { printf '%s\n' "$out" | sed -n "${1}p"; }
is "$(line 1)" "complete -F _margo margo" "bash: complete -p margo shows the completion function"
is "$(line 2)" "[annotate][annotations]" "bash: margo an<Tab> offers the subcommands annotate and annotations"
is "$(line 3)" "[--format][--unread][--db][--help]" "bash: margo list --<Tab> offers list's options"
is "$(line 4)" "[w3c][jsonl][csv][markdown]" "bash: margo export --format <Tab> offers the export formats"
is "$(line 5)" "[pol/it]" "bash: --tag p<Tab> offers the tag pol/it of the library"
is "$(line 6)" "[economia,pol/it]" "bash: --tag economia,p<Tab> completes the tag after the comma"
is "$(line 7)" "[Politica][economia][pol/it]" "bash: margo annotations --tag <Tab> offers every tag"
is "$(line 8)" "[Kim Jong-un]" "bash: margo mentions Kim<Tab> offers the entity Kim Jong-un"
is "$(line 9)" "[Kim Jong-un]" "bash: margo mentions Kim\\ J<Tab> (a quoted space) too"
is "$(line 10)" "[1][2][3][4][5]" "bash: margo show <Tab> offers the article ids"
is "$(line 11)" "[2][20][21][22][23][24][25]" "bash: --db FILE on the line: the ids of that library"
is "$(line 12)" "[$TEST_TMP/files/notizie.txt]" "bash: margo add <Tab> completes a file path"
is "$(line 13)" "[]" "bash: margo search --limit <Tab> offers nothing"
is "$(line 14)" "[month][year]" "bash: margo timeline --by <Tab> offers month and year"
is "$(line 15)" "[plain][jsonl][svg]" "bash: margo timeline --format <Tab> offers its formats"
is "$(line 16)" "[Kim Jong-un]" "bash: margo timeline Kim<Tab> offers the entity"

# ---- zsh and fish -----------------------------------------------------------------
if command -v zsh >/dev/null; then
	ok "zsh: completions/_margo is valid zsh (zsh -n)" zsh -n "$top_srcdir/completions/_margo"
	# compadd and friends stand in for the completion system: they print
	# what _margo offers.
	cat >"$TEST_TMP/drive.zsh" <<'EOF'
compadd() { if [[ $1 == -a ]]; then print -r -- "[${(j:][:)${(P)2}}]"; fi }
_files() { print -r -- "[files]" }
_message() { print -r -- "[]" }
compset() { [[ $1 == -P ]] && PREFIX=${PREFIX##*,} }
source "$1" >/dev/null  # it ends by completing the empty line
t() { words=("$MARGO" "$@"); CURRENT=$#words; PREFIX=${words[CURRENT]}; _margo }
t an
t export --format ''
t annotate 1 0 5 --tag economia,p
t mentions Kim
EOF
	zout=$(zsh -f "$TEST_TMP/drive.zsh" "$top_srcdir/completions/_margo" 2>&1)
	is "$zout" "[annotate][annotations]
[files]
[w3c][jsonl][csv][markdown]
[pol/it]
[Kim Jong-un]" "zsh: subcommands (and paths), export formats, a tag after a comma, an entity"
else
	skip "zsh: completions/_margo is valid zsh" "zsh is not installed"
	skip "zsh: what _margo offers" "zsh is not installed"
fi
if command -v fish >/dev/null; then
	ok "fish: completions/margo.fish is valid fish (fish -n)" fish -n "$top_srcdir/completions/margo.fish"
	fc() { fish --no-config -c "source '$top_srcdir/completions/margo.fish'; complete -C \"\$argv\"" "$1" |
		cut -f1 | tr '\n' ' '; }
	# fish runs margo by its name: put the one tested first on PATH.
	mkdir -p "$TEST_TMP/bin" && ln -sf "$MARGO" "$TEST_TMP/bin/margo"
	fout=$(PATH=$TEST_TMP/bin:$PATH; fc "margo an"; echo; fc "margo export --format "; echo
		fc "margo annotate 1 0 5 --tag economia,p"; echo; fc "margo mentions Kim")
	is "$fout" "annotate annotations 
csv jsonl markdown w3c 
economia,pol/it 
Kim Jong-un " "fish: subcommands, export formats, a tag after a comma, an entity"
else
	skip "fish: completions/margo.fish is valid fish" "fish is not installed"
	skip "fish: what margo.fish offers" "fish is not installed"
fi

# ---- make install -------------------------------------------------------------------
if [ -f "$top_builddir/Makefile" ] && grep -q '^bashcompletiondir = ' "$top_builddir/Makefile"; then
	dest=$TEST_TMP/inst
	unset MAKEFLAGS MAKELEVEL MFLAGS  # a make of its own, not part of make check's
	make -s --no-print-directory -C "$top_builddir" install-bashcompletionDATA install-dist_zshcompletionDATA \
		install-dist_fishcompletionDATA DESTDIR="$dest" >/dev/null 2>&1
	dirs=$(make -s --no-print-directory -C "$top_builddir" -f - print-dirs <<'EOF' 2>/dev/null
include Makefile
print-dirs:
	@echo $(bashcompletiondir) $(zshcompletiondir) $(fishcompletiondir)
EOF
)
	set -- $dirs
	ok "make install: the bash completion in bashcompletiondir ($1), named margo" \
		cmp -s "$dest$1/margo" "$bash_script"
	ok "make install: the zsh completion in zshcompletiondir ($2)" \
		cmp -s "$dest$2/_margo" "$top_srcdir/completions/_margo"
	ok "make install: the fish completion in fishcompletiondir ($3)" \
		cmp -s "$dest$3/margo.fish" "$top_srcdir/completions/margo.fish"
else
	skip "make install: the completions where configure said" "no configured build tree"
	skip "make install: the zsh completion" "no configured build tree"
	skip "make install: the fish completion" "no configured build tree"
fi

done_testing
