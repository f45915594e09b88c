#!/bin/bash
# tests/tmux/tmux.sh: margo in a real terminal, through a private tmux
# server (layer B of docs/ARCHITECTURE.md, "Tests").  What only a terminal shows:
#   - start, keys and q (exit status 0) on the bundled corpus at 80x24;
#   - resizing (SIGWINCH): 10x3, 1x1, 200x60, back to 80x24, a burst of 20;
#   - escape sequences inside an article (window title, clipboard, clear
#     screen) must not reach the terminal; `cat` of the same file proves
#     the test would see them;
#   - colours, NO_COLOR, monochrome terminals; an unknown or missing TERM;
#   - SIGTERM, SIGHUP and a closed terminal: margo ends within a second and
#     leaves the terminal modes sane; ^Z and fg in a shell; LANG=C;
#   - annotating, drafts after a hang-up, and busy neighbour processes;
#   - a crash signal: the terminal is restored before margo dies.
# Skips (a TAP "1..0 # SKIP") only when tmux is not installed.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

started=$(date +%s)
unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"  # the socket lives in the test's folder
SOCK="margo-$$"
CONF="$top_srcdir/tests/tmux/tmux.conf"
T() {
	# A session killed with margo in it: margo keeps its reading position
	# on the way out; wait for it, so the next session starts after.
	if [ "$1" = kill-session ] && [ "$2" = -t ]; then
		_kpid=$(tmux -L "$SOCK" -f "$CONF" display-message -p -t "$3" '#{pane_pid}' 2>/dev/null)
		tmux -L "$SOCK" -f "$CONF" "$@"
		for _ in $(seq 1 60); do
			[ -n "$_kpid" ] && kill -0 "$_kpid" 2>/dev/null || break
			sleep 0.05
		done
		return 0
	fi
	tmux -L "$SOCK" -f "$CONF" "$@"
}
at_exit 'T kill-server >/dev/null 2>&1'

fresh_library

# The env(1) words of a pinned environment for margo in a pane: leading
# "-u VAR" arguments unset VAR (-u NO_COLOR lets colours through, else
# NO_COLOR=1); the rest (VAR=value words, then the command) follow.
_env_words() {
	_nc=" NO_COLOR=1"
	while [ "$1" = -u ]; do
		printf ' -u %q' "$2"
		[ "$2" != NO_COLOR ] || _nc=
		shift 2
	done
	printf ' LC_ALL=C.UTF-8 TZ=UTC%s MARGO_DB=%q' "$_nc" "$MARGO_DB"
	printf ' %q' "$@"
}

# margo_cmd [-u VAR]... [VAR=value]... MARGO [ARGS]: a pane command;
# `exec`, so #{pane_pid} is margo.
margo_cmd() {
	printf 'exec env'
	_env_words "$@"
}

# wrap_cmd OUT [-u VAR]... [VAR=value]... MARGO [ARGS]: for runs that
# must be looked at after margo ends.  margo's pid, standard error and exit
# status go to OUT.pid, OUT.err, OUT.rc, the terminal modes (stty -a) to
# OUT.stty, then "DONE" appears on the screen.
cat >"$TEST_TMP/wrap.sh" <<'EOF'
out=$1
shift
sh -c 'echo $$ >"$0"; exec "$@"' "$out.pid" "$@" 2>"$out.err"
echo $? >"$out.rc"
stty -a >"$out.stty" 2>&1
echo "DONE"
read _ # stay: tmux may lose the last output of a pane that ends at once
EOF
wrap_cmd() {
	printf 'sh %q %q env' "$TEST_TMP/wrap.sh" "$1"
	shift
	_env_words "$@"
}

# start NAME COLSxLINES COMMAND: a new detached session running COMMAND.
start() {
	forget_reading
	T new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3"
}

cap() { T capture-pane -p -t "$1"; }
capc() { T capture-pane -p -e -t "$1"; }  # with colours and attributes

# wait_for NAME TEXT [TRIES]: poll the screen (every 0.05 s, 5 s by
# default) until it shows TEXT.
wait_for() {
	_i=0
	until cap "$1" | grep -qF -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt "${3:-100}" ] || return 1
		sleep 0.05
	done
}

# poll TRIES COMMAND...: run COMMAND every 0.02 s until it succeeds.
poll() {
	_n=$1
	shift
	until "$@"; do
		_n=$((_n - 1))
		[ $_n -gt 0 ] || return 1
		sleep 0.02
	done
}

# wait_dead NAME [TRIES]: poll #{pane_dead} every 0.02 s (5 s by default).
_is_dead() { [ "$(T display-message -p -t "$1" '#{pane_dead}')" = 1 ]; }
wait_dead() { poll "${2:-250}" _is_dead "$1"; }

# end_of NAME [TRIES]: "status N" or "signal N" once the pane is dead,
# else "still running".  tmux 3.3 sometimes misses the SIGCHLD of a pane
# (the process stays a zombie and #{pane_dead_status} empty); any other
# child of the server ending makes it reap them all, so run-shell nudges it.
_has_status() {
	_st=$(T display-message -p -t "$1" '#{pane_dead_status}/#{pane_dead_signal}')
	[ "$_st" != / ] && return 0
	T run-shell true
	return 1
}
end_of() {
	if ! wait_dead "$1" "${2:-250}"; then
		echo "still running"
	elif ! poll 25 _has_status "$1"; then
		echo "dead, no exit status from tmux"
	else
		case $_st in
		/*) echo "signal ${_st#/}" ;;
		*) echo "status ${_st%/}" ;;
		esac
	fi
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The terminal modes a shell needs after margo: canonical input, echo,
# signals, CR -> NL on input, output processing.
sane_tty() {
	for flag in icanon echo isig icrnl opost; do
		grep -Eq "(^| )$flag( |$)" "$1" || return 1
	done
}

# The screen as one line: rows joined by single spaces.
flat() { tr -s ' \n' '  ' | sed 's/^ //; s/ $//'; }

# ---------------------------------------------------------------------------
# 1. The bundled corpus at 80x24: keys and quitting.

start basic 80x24 "$(margo_cmd "$MARGO")"
if wait_for basic "article 1/5"; then
	pass "80x24: margo starts; the status line says \"article 1/5\""
else
	fail "80x24: margo starts; the status line says \"article 1/5\"" "$(cap basic)"
fi
first=$(cap basic)
like "$(printf '%s\n' "$first" | head -n 1)" '^ Articles \(5\) by added +Text  1/5 +Entities$' \
	"80x24: the three pane headers"
T send-keys -t basic j j Enter
ok "j j Enter opens article 3 (the text header says 3/5)" wait_for basic "Text  3/5"
like "$(cap basic | tail -n 1)" '^ article 3/5 · text ' "the status line says article 3/5, text"
T send-keys -t basic Tab
ok "Tab moves the focus to the sidebar (\"· side\")" wait_for basic "· side"
T send-keys -t basic q
is "$(end_of basic)" "status 0" "q: margo exits with status 0"
hasnt "$(cap basic)" "Articles (5)" "after q the terminal's own screen is back"
T kill-session -t basic

# Help: ? shows it over the text, q closes it, q quits.
start help 80x24 "$(margo_cmd "$MARGO")"
wait_for help "article 1/5"
T send-keys -t help '?'
ok "? shows the help" wait_for help "Help: keys (q or ? closes)" 40
T send-keys -t help q
ok "q closes the help: the text pane is back" wait_for help "Text  1/5" 40
T send-keys -t help q
is "$(end_of help)" "status 0" "then q exits with status 0"
T kill-session -t help

# ---------------------------------------------------------------------------
# 2. Resizing through SIGWINCH.

start rs 80x24 "$(margo_cmd "$MARGO")"
wait_for rs "article 1/5"
initial=$(cap rs)
T resize-window -t rs -x 10 -y 3
ok "10x3: margo redraws for the small size" wait_for rs "terminal"
is "$(cap rs | flat)" "terminal too small" "10x3: the screen says \"terminal too small\""
T resize-window -t rs -x 1 -y 1
sleep 0.2  # nothing to wait for on a 1x1 screen; give SIGWINCH a moment
is "$(T display-message -p -t rs '#{pane_width}x#{pane_height}')" 1x1 "1x1: the pane is 1x1"
is "$(T display-message -p -t rs '#{pane_dead}')" 0 "1x1: margo is still running"
T resize-window -t rs -x 200 -y 60
ok "200x60: margo redraws" wait_for rs "? for help"
wide=$(cap rs)
like "$(printf '%s\n' "$wide" | head -n 1)" '^ Articles \(5\) by added +Text  1/5 +Entities$' "200x60: three panes"
like "$(printf '%s\n' "$wide" | sed -n 60p)" '^ article 1/5 · list · ¶ 1/7 · sentence 1/20 · 100% +\? for help$' \
	"200x60: the status line is complete, on the last row"
has "$wide" "future alleanze internazionali." "200x60: the whole first article is on screen"
T resize-window -t rs -x 80 -y 24
_same() { [ "$(cap rs)" = "$initial" ]; }
if poll 150 _same; then
	pass "back to 80x24: the same screen as at the start"
else
	fail "back to 80x24: the same screen as at the start"
	_tap_diff "$initial" "$(cap rs)"
fi
for size in 100x30 60x20 30x10 150x50 10x3 1x1 120x40 79x23 40x12 200x60 \
	20x4 90x25 45x15 19x3 160x48 72x24 71x24 39x12 81x25 80x24; do
	T resize-window -t rs -x "${size%x*}" -y "${size#*x}"
done
if poll 150 _same; then
	pass "after a burst of 20 resizes: the 80x24 screen is right"
else
	fail "after a burst of 20 resizes: the 80x24 screen is right"
	_tap_diff "$initial" "$(cap rs)"
fi
T send-keys -t rs j
ok "after the resizes margo still answers (j: article 2/5)" wait_for rs "article 2/5"
T send-keys -t rs q
is "$(end_of rs)" "status 0" "after the resizes q exits with status 0"
T kill-session -t rs

# ---------------------------------------------------------------------------
# 3. Escape sequences inside an article stay on the page.

mkdir -p "$TEST_TMP/hostile"
evil="$TEST_TMP/hostile/escapes.txt"
{
	printf 'Titolo \033]2;PWNED\007con sequenze\n\n'
	printf 'Primo paragrafo \033]0;PWNED\007del testo. Appunti \033]52;c;UFdORUQ=\007rubati. '
	printf 'Schermo \033[2Jpulito. Colore \033[31mrosso\033[0m e fine.\n\n'
	printf 'Secondo paragrafo senza trucchi.\n'
} >"$evil"
hostile_db="$TEST_TMP/hostile.db"
add_to() { "$MARGO" --db "$1" add "$2" >/dev/null; }
ok "margo add takes the article with escape sequences" add_to "$hostile_db" "$evil"
T delete-buffer >/dev/null 2>&1
# The pane waits for Enter before starting margo, so its title can be set
# first and nothing margo prints can come before it.
start esc 80x24 "read go; $(margo_cmd "$MARGO" --db "$hostile_db")"
T select-pane -t esc -T margo-title
T send-keys -t esc Enter
wait_for esc "article 1/1"
T send-keys -t esc Enter j j
wait_for esc "· text"
sleep 0.2  # a last redraw, if any, would carry the sequences too
screen=$(cap esc)
isnt "$(T display-message -p -t esc '#{pane_title}')" "PWNED" \
	"margo: the pane title did not change to PWNED (OSC 0/2)"
is "$(T display-message -p -t esc '#{pane_title}')" "margo-title" "margo: the pane title is the one set by the test"
is "$(T list-buffers -F '#{buffer_sample}' 2>/dev/null)" "" "margo: nothing reached the clipboard (OSC 52)"
like "$(printf '%s\n' "$screen" | head -n 1)" '^ Articles \(1\) by added +Text  1/1 +Entities$' \
	"margo: the panes are still drawn (no clear screen)"
like "$screen" "│ Secondo paragrafo senza +│" "margo: the text is on screen"
like "$(printf '%s\n' "$screen" | tail -n 1)" '^ article 1/1 · text ' "margo: the status line is there"
T send-keys -t esc q
is "$(end_of esc)" "status 0" "margo: q exits with status 0"
T kill-session -t esc
# The control: cat of the same file in a pane does change its title and
# the clipboard, so the checks above can fail.
start ctl 80x24 "read go; cat $(printf %q "$evil")"
T select-pane -t ctl -T cat-title
T send-keys -t ctl Enter
end_of ctl >/dev/null
is "$(T display-message -p -t ctl '#{pane_title}')" "PWNED" \
	"control: cat of the same file sets the pane title to PWNED"
like "$(T list-buffers -F '#{buffer_sample}' 2>/dev/null)" '^PWNED$' \
	"control: cat of the same file fills the clipboard"
T kill-session -t ctl

# ---------------------------------------------------------------------------
# 4. Colours and monochrome.

# 4 to 7 tests for one terminal type: the panes drawn, the focused header
# marked, colour codes only when allowed.
colours() {  # colours NAME TERM NO_COLOR WANT(colour|mono)
	if [ -n "$3" ]; then
		start "$1" 80x24 "$(margo_cmd TERM="$2" NO_COLOR="$3" "$MARGO")"
	else
		start "$1" 80x24 "$(margo_cmd -u NO_COLOR TERM="$2" "$MARGO")"
	fi
	if wait_for "$1" "article 1/5"; then
		pass "TERM=$2 NO_COLOR=${3:-unset}: margo draws"
	else
		fail "TERM=$2 NO_COLOR=${3:-unset}: margo draws" "$(cap "$1")"
	fi
	_scr=$(cap "$1")
	like "$(printf '%s\n' "$_scr" | head -n 1)" '^ Articles \(5\) by added +Text  1/5 +Entities$' \
		"TERM=$2 NO_COLOR=${3:-unset}: three pane headers"
	like "$(printf '%s\n' "$_scr" | sed -n 2p)" '^.{25}[│x] di Giuseppe' \
		"TERM=$2 NO_COLOR=${3:-unset}: the border between list and text"
	_sgr=$(capc "$1" | head -n 1 | grep -oE $'\033\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' | sort -u | tr '\n' ' ')
	if [ "$4" = colour ]; then
		like "$_sgr" '(^| )4[0-7]( |$)' "TERM=$2: the focused header has a background colour"
	else
		unlike "$_sgr" '(^| )(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)( |$)' "TERM=$2 NO_COLOR=${3:-unset}: no colour codes"
		like "$_sgr" '(^| )7( |$)' "TERM=$2 NO_COLOR=${3:-unset}: the focused header is in reverse video"
	fi
	T send-keys -t "$1" q
	is "$(end_of "$1")" "status 0" "TERM=$2 NO_COLOR=${3:-unset}: q exits with status 0"
	T kill-session -t "$1"
}
colours c256 tmux-256color "" colour
colours cno tmux-256color 1 mono
colours cmono xterm-mono "" mono
colours cvt vt100 "" mono

# ---------------------------------------------------------------------------
# 5. An unknown or missing TERM: a clear message, a usable terminal.

start tbad 80x24 "$(wrap_cmd "$TEST_TMP/tbad" TERM=nosuchterm "$MARGO")"
ok "TERM=nosuchterm: margo ends at once" wait_for tbad DONE 60
isnt "$(cat "$TEST_TMP/tbad.rc" 2>/dev/null)" 0 "TERM=nosuchterm: non-zero exit status"
like "$(cat "$TEST_TMP/tbad.err" 2>/dev/null)" '^margo: .*nosuchterm' \
	"TERM=nosuchterm: the message names the terminal type"
ok "TERM=nosuchterm: the terminal modes are sane afterwards" sane_tty "$TEST_TMP/tbad.stty"
T kill-session -t tbad

start tnone 80x24 "$(wrap_cmd "$TEST_TMP/tnone" -u TERM "$MARGO")"
ok "TERM unset: margo ends at once" wait_for tnone DONE 60
isnt "$(cat "$TEST_TMP/tnone.rc" 2>/dev/null)" 0 "TERM unset: non-zero exit status"
like "$(cat "$TEST_TMP/tnone.err" 2>/dev/null)" '^margo: .*TERM' "TERM unset: the message says TERM"
ok "TERM unset: the terminal modes are sane afterwards" sane_tty "$TEST_TMP/tnone.stty"
T kill-session -t tnone

# ---------------------------------------------------------------------------
# 6. Signals and hang-up: out within a second, terminal restored.

for sig in TERM HUP; do
	code=$((128 + $(kill -l "$sig")))
	start "sig$sig" 80x24 "$(margo_cmd "$MARGO")"
	wait_for "sig$sig" "article 1/5"
	pid=$(T display-message -p -t "sig$sig" '#{pane_pid}')
	t0=$(now_ms)
	kill -"$sig" "$pid"
	wait_dead "sig$sig" 100
	ms=$(($(now_ms) - t0))
	ok "SIG$sig: margo is gone and the pane dead within 1 s (${ms} ms)" test "$ms" -le 1000
	how=$(end_of "sig$sig")
	case $how in
	"status $code" | "signal $(kill -l "$sig")") pass "SIG$sig: margo ends cleanly ($how)" ;;
	*) fail "SIG$sig: margo ends cleanly (status $code)" "got: $how" ;;
	esac
	T kill-session -t "sig$sig"

	start "wrap$sig" 80x24 "$(wrap_cmd "$TEST_TMP/wrap$sig" "$MARGO")"
	wait_for "wrap$sig" "article 1/5"
	kill -"$sig" "$(cat "$TEST_TMP/wrap$sig.pid")"
	ok "SIG$sig under a shell: the shell goes on within 1 s" wait_for "wrap$sig" DONE 20
	ok "SIG$sig: the terminal modes are sane afterwards (stty -a)" sane_tty "$TEST_TMP/wrap$sig.stty"
	hasnt "$(cap "wrap$sig")" "Articles (5)" "SIG$sig: the terminal's own screen is back"
	is "$(cat "$TEST_TMP/wrap$sig.err")" "" "SIG$sig: nothing on standard error"
	T kill-session -t "wrap$sig"
done

# q under a shell: the modes are restored too.
start wrapq 80x24 "$(wrap_cmd "$TEST_TMP/wrapq" "$MARGO")"
wait_for wrapq "article 1/5"
T send-keys -t wrapq q
ok "q under a shell: the shell goes on" wait_for wrapq DONE 40
is "$(cat "$TEST_TMP/wrapq.rc" 2>/dev/null)" 0 "q under a shell: exit status 0"
ok "q: the terminal modes are sane afterwards (stty -a)" sane_tty "$TEST_TMP/wrapq.stty"
T kill-session -t wrapq

# ^Z in a job-control shell stops margo and gives the prompt back; fg
# brings it back, redrawn; q then exits 0.
start job 80x24 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color PS1='job\$ ' bash --norc --noprofile -i"
ok "a shell with job control" wait_for job 'job$'
T send-keys -t job "$(margo_cmd "$MARGO" | sed 's/^exec //')" Enter
ok "margo runs in the shell" wait_for job "article 1/5"
T send-keys -t job C-z
ok "^Z stops margo: the shell says so" wait_for job "Stopped"
T send-keys -t job "fg" Enter
ok "fg brings margo back, redrawn" wait_for job "article 1/5"
has "$(cap job | head -n 1)" "Articles (5)" "with its panes"
T send-keys -t job q
T send-keys -t job 'echo "status=$?"' Enter
ok "q then exits with status 0" wait_for job "status=0"
T kill-session -t job

# LANG=C (and no LC_*): margo says the locale is not UTF-8 and reads on.
start langc 80x24 "exec env -i PATH=$PATH HOME=$HOME TERM=tmux-256color LANG=C MARGO_DB=$(printf %q "$MARGO_DB") NO_COLOR=1 $(printf %q "$MARGO")"
ok "LANG=C: margo draws" wait_for langc "Articles (5)"
ok "and says the locale is not UTF-8" wait_for langc "the locale is not UTF-8"
has "$(cap langc)" "L’incontro in corso" "the text still shows in UTF-8"
T send-keys -t langc q
is "$(end_of langc)" "status 0" "LANG=C: q exits 0"
T kill-session -t langc

# The terminal goes away (the pane is killed): margo must not linger.
start gone 80x24 "$(margo_cmd "$MARGO")"
wait_for gone "article 1/5"
pid=$(T display-message -p -t gone '#{pane_pid}')
T kill-pane -t gone
_gone() { ! kill -0 "$pid" 2>/dev/null; }
ok "the terminal closes: margo is gone within 1 s" poll 50 _gone

# ---------------------------------------------------------------------------
# 7. Entities through real keys: the sidebar's Enter opens the mentions,
#    Enter jumps, * steps on, Ctrl-O and Backspace come back, Esc closes.

start ent 100x30 "$(margo_cmd "$MARGO")"
wait_for ent "article 1/5"
T send-keys -t ent Tab Tab
ok "the sidebar lists the article's people" wait_for ent "People"
T send-keys -t ent Enter
ok "Enter on an entity opens its mentions" wait_for ent "mentions in"
T send-keys -t ent Escape
ok "Esc closes the mentions view" wait_for ent "Text  1/5"
T send-keys -t ent Enter j Enter
ok "Enter on a mention jumps to its article" wait_for ent "· text ·"
jumped=$(cap ent | tail -n 1)
T send-keys -t ent '*'
_moved() { [ "$(cap ent | tail -n 1)" != "$jumped" ]; }
ok "* moves to the next mention" poll 100 _moved
T send-keys -t ent C-o
_back() { [ "$(cap ent | tail -n 1)" = "$jumped" ]; }
ok "Ctrl-O comes back to where * started" poll 100 _back
T send-keys -t ent BSpace
ok "Backspace goes back again, to the mentions view" wait_for ent "mentions in"
T send-keys -t ent q q
is "$(end_of ent)" "status 0" "q closes the view, q quits"
T kill-session -t ent

# ---------------------------------------------------------------------------
# 8. Search through real keys: / with n and N, S then Enter then back, r
#    then Enter then back.

start find 100x30 "$(margo_cmd "$MARGO")"
wait_for find "article 1/5"
# / in the list filters its titles; in the text it searches the article.
T send-keys -t find Tab
wait_for find "· text ·"
T send-keys -t find / P u t i n Enter
ok "/Putin: the matches are counted" wait_for find "matches"
T send-keys -t find n
ok "n: the next match" wait_for find "match 2 of"
T send-keys -t find N
ok "N: the previous match" wait_for find "match 1 of"
T send-keys -t find N
ok "N before the first match wraps, and says so" wait_for find "search hit TOP, continuing at BOTTOM"
T send-keys -t find S s o l d a t o Enter
ok "S soldato: the results list the passages" wait_for find "“soldato”:"
T send-keys -t find Enter
ok "Enter jumps to the hit (the text has the focus)" wait_for find "· text ·"
T send-keys -t find C-o
ok "Ctrl-O returns to the results" wait_for find "“soldato”:"
T send-keys -t find Escape r
ok "r lists the related passages" wait_for find "shared:"
T send-keys -t find Enter
ok "Enter jumps to the related passage" wait_for find "· text ·"
T send-keys -t find BSpace
ok "Backspace returns to the related passages" wait_for find "shared:"
T send-keys -t find q q
is "$(end_of find)" "status 0" "q closes the view, q quits"
T kill-session -t find

# ---------------------------------------------------------------------------
# 9. Annotating by keys in a real terminal; quit; start again: it is there.

start ann 100x30 "$(margo_cmd -u NO_COLOR TERM=tmux-256color "$MARGO")"
wait_for ann "article 1/5"
T send-keys -t ann Enter v b a
ok "a asks for tags" wait_for ann "Tags (a, b/c):"
T send-keys -t ann p r o v a Enter
ok "the annotation is saved at once" wait_for ann "annotated: prova"
_fg_of() {  # the SGR codes of the first row marked in the margin
	capc "$1" | grep -F '▎' | head -n 1 | grep -oE $'\033\\[[0-9;]*m' | tr -d '\033[m' |
		tr ';' '\n' | sort -u | tr '\n' ' '
}
like "$(_fg_of ann)" '(^| )32( |$)' "in colour, the annotated text is green"
T send-keys -t ann H r
ok "H r: the colour is chosen" wait_for ann "colour: red"
like "$(_fg_of ann)" '(^| )31( |$)' "and the text turns red"
T send-keys -t ann q
is "$(end_of ann)" "status 0" "q quits"
T kill-session -t ann
start ann2 100x30 "$(margo_cmd "$MARGO")"
wait_for ann2 "article 1/5"
T send-keys -t ann2 A
ok "started again, A lists the annotation" wait_for ann2 "[prova]"
T send-keys -t ann2 q q
is "$(end_of ann2)" "status 0" "q closes the list, q quits"
T kill-session -t ann2
has "$("$MARGO" annotations)" "[prova]  L’incontro in corso a Pyongyang" "the library has it"

# Two processes: an annotation made by another margo shows here when idle.
start two 100x30 "$(margo_cmd "$MARGO")"
wait_for two "article 1/5"
"$MARGO" annotate 3 0 10 --tag esterno >/dev/null
ok "the reader notices the other process's change" wait_for two "the library changed" 60
T send-keys -t two A
ok "and lists its annotation" wait_for two "[esterno]"
T send-keys -t two q q
is "$(end_of two)" "status 0" "q closes the list, q quits"
T kill-session -t two

# Busy neighbours: while another process annotates the same article again
# and again and a third adds 200 articles, the reader annotates by keys:
# every save goes through, no "busy" or "locked" ever shows, nothing is lost.
copies_of_corpus "$TEST_TMP/more" 40
bdb="$TEST_TMP/busy.db"
fresh_library "$bdb"
start busy 100x30 "$(margo_cmd "$MARGO" --db "$bdb")"
wait_for busy "article 1/5"
T send-keys -t busy Enter
(
	for i in $(seq 1 60); do
		"$MARGO" --db "$bdb" annotate 1 "$i" $((i + 12)) --tag vicino >/dev/null 2>>"$TEST_TMP/busy.err"
	done
) &
neighbour=$!
"$MARGO" --db "$bdb" add "$TEST_TMP/more" >/dev/null 2>>"$TEST_TMP/busy.err" &
adder=$!
saved=0 seen_busy=
for i in $(seq 1 10); do
	T send-keys -t busy j v a q "$i" Enter
	if wait_for busy "annotated: q$i (" 60; then
		saved=$((saved + 1))
	fi
	cap busy | grep -qiE 'busy|locked' && seen_busy="$seen_busy $i"
	T send-keys -t busy Escape
done
wait "$neighbour" "$adder"
is "$saved" 10 "the reader saved all of its 10 annotations while the others wrote"
is "$seen_busy" "" "no busy or locked message was ever shown"
is "$(cat "$TEST_TMP/busy.err")" "" "the other two processes had no error either"
is "$("$MARGO" --db "$bdb" annotations | wc -l)" 70 "every annotation is in the library: 60 + 10"
is "$("$MARGO" --db "$bdb" list | wc -l)" 205 "and every article added"
T send-keys -t busy q
is "$(end_of busy)" "status 0" "q quits"
T kill-session -t busy

# A hang-up while tags are being typed: margo ends at once, the draft is
# kept and offered at the next start.
start hup 100x30 "$(margo_cmd "$MARGO")"
wait_for hup "article 1/5"
T send-keys -t hup j Enter v a b o z z a
ok "tags are being typed" wait_for hup "Tags (a, b/c): bozza"
pid=$(T display-message -p -t hup '#{pane_pid}')
t0=$(now_ms)
T kill-session -t hup
_hup_gone() { ! kill -0 "$pid" 2>/dev/null; }
ok "the terminal hangs up: margo ends within a second" poll 50 _hup_gone
diag "margo ended $(($(now_ms) - t0)) ms after the hang-up"
start hup2 100x30 "$(margo_cmd "$MARGO")"
ok "the next start offers the draft" wait_for hup2 "An annotation was being typed (tags “bozza”)"
T send-keys -t hup2 r
ok "r brings the tags back, as typed" wait_for hup2 "Tags (a, b/c): bozza"
T send-keys -t hup2 Enter
ok "Enter saves the annotation" wait_for hup2 "annotated: bozza"
T send-keys -t hup2 q
is "$(end_of hup2)" "status 0" "q quits"
T kill-session -t hup2
like "$("$MARGO" annotations)" " 2:[0-9]+-[0-9]+ +exact +\[bozza\]  Le relazioni tra Russia" "the annotation is in the library, on article 2"

# The same for a note typed on the status line (c), over two lines.
start hup3 100x30 "$(margo_cmd "$MARGO")"
wait_for hup3 "article 1/5"
T send-keys -t hup3 j Enter c p r i m a C-j s e c o n d a
ok "a note is being typed, Ctrl-J a new line" wait_for hup3 "Enter saves): prima↵seconda"
T kill-session -t hup3
sleep 1
start hup4 100x30 "$(margo_cmd "$MARGO")"
ok "the next start offers the note" wait_for hup4 "A note was being typed"
T send-keys -t hup4 r
ok "r brings it back, both lines" wait_for hup4 "Enter saves): prima↵seconda"
T send-keys -t hup4 Enter
ok "Enter saves the note" wait_for hup4 "note saved"
T send-keys -t hup4 q
is "$(end_of hup4)" "status 0" "q quits"
T kill-session -t hup4
has "$("$MARGO" annotations --format jsonl)" '"value":"prima\nseconda"' "the note is in the library, on two lines"

# ---------------------------------------------------------------------------
# 10. Wide characters in a real terminal: the borders stay in their columns.

wide_db="$TEST_TMP/wide.db"
add_to "$wide_db" "$top_srcdir/tests/fixtures/hostile/wide.txt"
start wide 120x30 "$(margo_cmd "$MARGO" --db "$wide_db")"
wait_for wide "article 1/1"
borders=$(cap wide | sed -e '1d' -e '$d' | while IFS= read -r row; do
	a=${row%%│*}
	r=${row#*│}
	printf '%s %s\n' "$(printf '%s' "$a" | wc -L)" "$(printf '%s' "${r%%│*}" | wc -L)"
done | sort -u)
is "$borders" "37 51" "wide characters: the borders stay in columns 38 and 90"
T send-keys -t wide q
is "$(end_of wide)" "status 0" "wide characters: q exits with status 0"
T kill-session -t wide

# ---------------------------------------------------------------------------
# 11. A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) restores the
#     terminal: the shell that started margo gets sane modes back and the
#     alternate screen is left, and margo still dies of the signal.

for sig in SEGV BUS FPE ILL ABRT; do
	start "crash$sig" 80x24 "ulimit -c 0; $(wrap_cmd "$TEST_TMP/crash$sig" "$MARGO")"
	wait_for "crash$sig" "article 1/5"
	kill -"$sig" "$(cat "$TEST_TMP/crash$sig.pid")"
	ok "SIG$sig: the shell goes on" wait_for "crash$sig" DONE 60
	is "$(cat "$TEST_TMP/crash$sig.rc" 2>/dev/null)" $((128 + $(kill -l "$sig"))) \
		"SIG$sig: margo dies of the signal (status 128+$(kill -l "$sig"))"
	ok "SIG$sig: the terminal modes are sane afterwards (stty -a)" sane_tty "$TEST_TMP/crash$sig.stty"
	is "$(T display-message -p -t "crash$sig" '#{alternate_on}')" 0 "SIG$sig: the alternate screen is left"
	hasnt "$(cap "crash$sig")" "Articles (5)" "SIG$sig: the terminal's own screen is back"
	T kill-session -t "crash$sig"
done

# ---------------------------------------------------------------------------
# 12. A long load shows where it is (files, MB/s, time left) on one line
#     that it rewrites, clears it at the end, and prints no such line when
#     its standard error is not a terminal.

big=$TEST_TMP/big
copies_of_corpus "$big" 1600
i=8000
start load 80x10 "exec env LC_ALL=C.UTF-8 TERM=xterm MARGO_DB=$TEST_TMP/big.db sh -c '$MARGO add $big; echo LOADED; read _'"
if wait_for load "loading: " 400; then
	pass "a long load shows a progress line"
	line=$(cap load | grep "loading: ")
	like "$line" "loading: [0-9]+ articles, [0-9]+/$i files, [0-9.]+/[0-9.]+ MB, [0-9.]+ MB/s" \
		"it counts files, articles and megabytes against the totals, with the rate"
	# The time left is shown while files are read (not while the entity
	# index is built after them): looked for until the load ends.
	left_shown() {
		cap load | grep -qE "[0-9]+:[0-9][0-9] left" && return 0
		cap load | grep -q LOADED && return 2
		return 1
	}
	until left_shown; rc=$?; [ $rc -ne 1 ]; do sleep 0.02; done
	if [ $rc -eq 0 ]; then
		pass "and says how long is left"
	else
		case $line in
		*" $i/$i files"*) skip "and says how long is left" "every file was read before the first progress line" ;;
		*) fail "and says how long is left" "$line" ;;
		esac
	fi
else
	fail "a long load shows a progress line" "$(cap load)"
	skip "it counts files, articles and megabytes against the totals, with the rate" "no progress line"
	skip "and says how long is left" "no progress line"
fi
ok "the load ends" wait_for load LOADED 1200
like "$(cap load)" "^$i added, 0 updated, 0 unchanged" "the summary takes the progress line's place"
hasnt "$(cap load)" "loading: " "no progress line is left on the screen"
T kill-session -t load
rm -f "$TEST_TMP/big.db"*
"$MARGO" --db "$TEST_TMP/big.db" add "$big" >/dev/null 2>"$TEST_TMP/big.err"
is "$(cat "$TEST_TMP/big.err")" "" "standard error not a terminal: no progress line"

diag "tmux tests took $(($(date +%s) - started)) s"
done_testing
