#!/bin/bash
# tests/tmux/italian.sh: the reader in Italian, in a real terminal through a
# private tmux server like tests/tmux/tmux.sh.  Under LANG=it_IT.UTF-8 (the
# locale and the catalogue made by italian_locale in tests/lib.sh) the help
# shows its title and the actions' descriptions in Italian, and the status
# line the count of articles, the hint and a message after an action, the
# related passages why each is listed and the mentions view the entity's
# type; under C.UTF-8 the same screens are in English.  At 80x24 and
# 200x60 every line of the Italian screens is whole UTF-8 and no wider than
# the terminal.
# Skips (a TAP "1..0 # SKIP") when tmux is not installed or the Italian
# locale cannot be made.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
italian_locale || skip_all "$italian_problem"

unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"
SOCK="margo-italian-$$"
CONF="$top_srcdir/tests/tmux/tmux.conf"
T() { tmux -L "$SOCK" -f "$CONF" "$@"; }
at_exit 'T kill-server >/dev/null 2>&1'

fresh_library

# margo_cmd LOCALE-ENV...: a pane command running margo in that locale.
margo_cmd() {
	printf 'exec env TZ=UTC NO_COLOR=1 MARGO_DB=%q XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q' \
		"$MARGO_DB" "$TEST_TMP/config" "$TEST_TMP/state"
	printf ' %q' "$@" "$MARGO"
}
start() { T new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3"; }
cap() { T capture-pane -p -t "$1"; }
last() { cap "$1" | tail -n 1; }
# wait_for NAME TEXT [TRIES]: poll the screen every 0.01 s (5 s by default).
wait_for() {
	_i=0
	until cap "$1" | grep -qF -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt "${3:-500}" ] || return 1
		sleep 0.01
	done
}
# fits NAME COLS: every line of the screen is valid UTF-8 and at most COLS
# characters wide (none cut mid-character, none running over).
fits() {
	_s=$(cap "$1")
	printf '%s\n' "$_s" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || return 1
	_w=$(printf '%s\n' "$_s" | LC_ALL=C.UTF-8 wc -L)
	[ "$_w" -le "$2" ]
}

# shellcheck disable=SC2086  # IT_ENV holds several VAR=value words
for size in 80x24 200x60; do
	cols=${size%x*}
	# Italian: the status line, then the help, then a message after an action.
	start it "$size" "$(margo_cmd $IT_ENV)"
	ok "$size: the status line counts the articles in Italian" wait_for it "articolo 1/5"
	like "$(last it)" "\\? per l'aiuto *\$" "$size: the status line's hint is in Italian"
	ok "$size: the list's header is in Italian" wait_for it "Articoli (5)"
	if [ "$cols" -ge 100 ]; then
		has "$(cap it)" "Articoli (5) per arrivo" "$size: ... and so is the name of its order"
	fi
	ok "$size: the Italian screen fits the terminal, whole characters only" fits it "$cols"
	T send-keys -t it '?'
	ok "$size: the help's title is in Italian" wait_for it "Aiuto: tasti (q o ? chiude)"
	has "$(cap it)" "Apri l'articolo precedente dell'elenco" "$size: the help's descriptions are in Italian"
	ok "$size: the Italian help fits the terminal, whole characters only" fits it "$cols"
	T send-keys -t it '?'
	T send-keys -t it u
	ok "$size: a message after an action is in Italian" wait_for it "nulla da annullare"
	T send-keys -t it Enter
	ok "$size: the open article's place is in Italian" wait_for it "frase 1/"
	ok "$size: the Italian text pane fits the terminal" fits it "$cols"
	# The related passages say why in Italian; the mentions view names the
	# type of the entity in Italian.
	T send-keys -t it r
	ok "$size: a related passage says what it shares in Italian" wait_for it "in comune: "
	hasnt "$(cap it)" "shared: " "$size: ... and not in English"
	ok "$size: the related passages fit the terminal" fits it "$cols"
	T send-keys -t it Escape Tab Enter
	ok "$size: the mentions view names the type in Italian" wait_for it "Vladimir Putin (persona): 23 menzioni"
	ok "$size: the mentions view fits the terminal" fits it "$cols"
	T kill-session -t it

	# English under C.UTF-8: the same screens.
	start en "$size" "$(margo_cmd LC_ALL=C.UTF-8)"
	ok "$size: under C.UTF-8 the status line is in English" wait_for en "article 1/5"
	like "$(last en)" '\? for help *$' "$size: under C.UTF-8 the hint is in English"
	T send-keys -t en '?'
	ok "$size: under C.UTF-8 the help's title is in English" wait_for en "Help: keys (q or ? closes)"
	has "$(cap en)" "Open the previous article of the list" "$size: under C.UTF-8 the help's descriptions are in English"
	T send-keys -t en '?'
	T send-keys -t en u
	ok "$size: under C.UTF-8 a message after an action is in English" wait_for en "nothing to undo"
	T send-keys -t en Enter r
	ok "$size: under C.UTF-8 a related passage says what it shares in English" wait_for en "shared: "
	T send-keys -t en Escape Tab Enter
	ok "$size: under C.UTF-8 the mentions view names the type by its code" wait_for en "Vladimir Putin (PER): 23 mentions"
	T kill-session -t en
done

done_testing
