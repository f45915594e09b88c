#!/bin/bash
# tests/tmux/prompt.sh: the prompts (S, /, ...) in a real terminal, through
# a private tmux server like tests/tmux/tmux.sh.  What is checked:
#   - a bracketed paste (tmux paste-buffer -p) of 100 KB into S lands at
#     once, its new lines as spaces, and Enter searches for it;
#   - a paste outside a prompt is not taken as keys;
#   - the editing keys: Left/Right, Home/End, Ctrl-A/E/W/U/K, Delete;
#   - each prompt's history (Up/Down), kept across a restart in
#     $XDG_STATE_HOME/margo/history;
#   - bracketed paste is off again after margo ends and while it is
#     stopped by ^Z;
#   - the prompt at 80x24 and 200x60.
# Skips (a TAP "1..0 # SKIP") only when tmux is not installed.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"
SOCK="margo-prompt-$$"
CONF="$top_srcdir/tests/tmux/tmux.conf"
T() { tmux -L "$SOCK" -f "$CONF" "$@"; }
at_exit 'T kill-server >/dev/null 2>&1'

fresh_library

margo_cmd() {
	printf 'exec env LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 MARGO_DB=%q XDG_STATE_HOME=%q %q' \
		"$MARGO_DB" "$XDG_STATE_HOME" "$MARGO"
}
start() { T new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3"; }
cap() { T capture-pane -p -t "$1"; }
capc() { T capture-pane -p -e -t "$1"; }
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
# wait_last NAME TEXT: until the status line is exactly TEXT (2 s).
wait_last() {
	_i=0
	until [ "$(last "$1" | sed 's/ *$//')" = "$2" ]; do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || return 1
		sleep 0.01
	done
}
is_last() {
	if wait_last "$1" "$2"; then
		pass "$3"
	else
		is "$(last "$1" | sed 's/ *$//')" "$2" "$3"
	fi
}
alive() { [ "$(T display-message -p -t "$1" '#{pane_dead}')" = 0 ]; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
paste_file() {
	T load-buffer -b margo "$2"
	T paste-buffer -p -b margo -t "$1"
}

# ---------------------------------------------------------------------------
# 1. A paste of 100 KB (lines of words) into S, then Enter.

awk 'BEGIN { while (n < 100000) { printf "soldato\n"; n += 8 } printf "soldati" }' \
	>"$TEST_TMP/big.txt"
start big 80x24 "$(margo_cmd)"
wait_for big "article 1/5"
T send-keys -t big S
wait_for big "Search all articles:"
t0=$(now_ms)
paste_file big "$TEST_TMP/big.txt"
wait_for big "soldato soldato soldati_" 1000
took=$(($(now_ms) - t0))
diag "a 100 KB bracketed paste into S was on screen after $took ms"
ok "a 100 KB paste into S is on screen within a second ($took ms)" test "$took" -lt 1000
like "$(last big)" '^ Search all articles: …(soldato )+soldati_ *$' \
	"its new lines are spaces on the one-line prompt, its end is shown"
T send-keys -t big Enter
t0=$(now_ms)
ok "Enter searches for the pasted text" wait_for big "· search 1/" 1000
diag "the search for the 100 KB query took $(($(now_ms) - t0)) ms"
has "$(cap big)" "soldato soldato soldato" "the results name the pasted query"
alive big && pass "margo is still running" || fail "margo is still running"
T send-keys -t big Escape

# A paste outside a prompt is not a row of commands ("q" would quit).
printf 'qqqq' >"$TEST_TMP/q.txt"
paste_file big "$TEST_TMP/q.txt"
ok "a paste outside a prompt says where pastes go" wait_for big "a paste goes into a prompt" 300
alive big && pass "a pasted \"qqqq\" does not quit margo" || fail "a pasted \"qqqq\" does not quit margo"
T kill-session -t big

# ---------------------------------------------------------------------------
# 2. Editing keys.

start ed 80x24 "$(margo_cmd)"
wait_for ed "article 1/5"
T send-keys -t ed S
wait_for ed "Search all articles:"
T send-keys -t ed -l "abc def"
T send-keys -t ed Left Left X
is_last ed " Search all articles: abc dXef" "Left Left then X inserts before the cursor"
T send-keys -t ed Home Y
is_last ed " Search all articles: Yabc dXef" "Home goes to the start"
T send-keys -t ed End
is_last ed " Search all articles: Yabc dXef_" "End goes to the end"
T send-keys -t ed C-w
is_last ed " Search all articles: Yabc _" "Ctrl-W takes the word before the cursor"
T send-keys -t ed C-a C-k
is_last ed " Search all articles: _" "Ctrl-A then Ctrl-K takes all after the start"
T send-keys -t ed -l "uno due tre"
T send-keys -t ed C-a Right Right C-u
is_last ed " Search all articles: o due tre" "Right Right then Ctrl-U takes what is before the cursor"
T send-keys -t ed C-e Left Left Left C-k
is_last ed " Search all articles: o due _" "Ctrl-E, Left x3, then Ctrl-K takes the rest"
T send-keys -t ed Left Left DC
is_last ed " Search all articles: o du" "Delete takes the character under the cursor"
T send-keys -t ed End BSpace
is_last ed " Search all articles: o du_" "Backspace takes the character before it"
T send-keys -t ed Escape
T send-keys -t ed Tab /
wait_for ed "article 1/5" >/dev/null
T send-keys -t ed -l "Kxim"
T send-keys -t ed Home Right DC End
is_last ed " / Kim_" "the / prompt edits the same way (Home, Right, Delete, End)"
T send-keys -t ed Enter
sleep 0.2
T send-keys -t ed S
T send-keys -t ed -l "soldato"
T send-keys -t ed Enter
ok "the S search runs" wait_for ed "· search 1/"
T send-keys -t ed Escape q
sleep 0.3
T kill-session -t ed

# ---------------------------------------------------------------------------
# 3. History, kept across a restart, one a prompt.

has "$(cat "$XDG_STATE_HOME/margo/history/search" 2>&1)" "soldato" \
	"the S history is kept in \$XDG_STATE_HOME/margo/history/search"
hasnt "$(cat "$XDG_STATE_HOME/margo/history/search" 2>&1)" "soldati" \
	"a 100 KB paste is not kept in the history"
start hist 80x24 "$(margo_cmd)"
wait_for hist "article 1/5"
T send-keys -t hist S
wait_for hist "Search all articles:"
T send-keys -t hist Up
is_last hist " Search all articles: soldato_" "after a restart, Up in S gives the last search"
T send-keys -t hist Down
is_last hist " Search all articles: _" "Down comes back to the empty line"
T send-keys -t hist -l "xyz"
T send-keys -t hist Up
is_last hist " Search all articles: soldato_" "Up from typed text"
T send-keys -t hist Down
is_last hist " Search all articles: xyz_" "Down gives back what was being typed"
T send-keys -t hist Escape
T send-keys -t hist Tab /
T send-keys -t hist Up
is_last hist " / Kim_" "/ has its own history: Up gives the last find"
T send-keys -t hist Escape q
sleep 0.3
T kill-session -t hist

# ---------------------------------------------------------------------------
# 4. Bracketed paste is the terminal's again after exit and on ^Z.

printf 'hello' >"$TEST_TMP/hello.txt"
start after 80x24 "$(margo_cmd | sed 's/^exec //'); cat -v"
wait_for after "article 1/5"
T send-keys -t after q
sleep 0.3
paste_file after "$TEST_TMP/hello.txt"
T send-keys -t after Enter
ok "after margo ends, a paste reaches the next program" wait_for after "hello"
hasnt "$(cap after)" "[200~" "without paste marks: bracketed paste is off"
T kill-session -t after

start job 80x24 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color PS1='job\$ ' sh -i"
wait_for job 'job$'
T send-keys -t job "$(margo_cmd | sed 's/^exec //')" Enter
wait_for job "article 1/5"
T send-keys -t job C-z
ok "^Z gives the shell back" wait_for job "Stopped"
T send-keys -t job "cat -v" Enter
sleep 0.2
paste_file job "$TEST_TMP/hello.txt"
T send-keys -t job Enter
ok "while margo is stopped a paste reaches the shell's program" wait_for job "hello"
hasnt "$(cap job)" "[200~" "without paste marks: bracketed paste is off while stopped"
T send-keys -t job C-d
sleep 0.2
T send-keys -t job "fg" Enter
ok "fg brings margo back" wait_for job "article 1/5"
T send-keys -t job S
wait_for job "Search all articles:"
paste_file job "$TEST_TMP/hello.txt"
is_last job " Search all articles: hello_" "after fg a paste lands in the prompt again"
T send-keys -t job Escape q
T kill-session -t job

# ---------------------------------------------------------------------------
# 5. The prompt at 80x24 and 200x60.

awk 'BEGIN { for (i = 1; i <= 60; i++) printf "w%d ", i }' >"$TEST_TMP/words.txt"
for size in 80x24 200x60; do
	start look "$size" "$(margo_cmd)"
	wait_for look "article 1/5"
	T send-keys -t look S
	wait_for look "Search all articles:"
	paste_file look "$TEST_TMP/words.txt"
	line=$(last look)
	like "$line" '^ Search all articles: .* w59 w60 _ *$' "$size: the question in full, the end of a long text and the cursor"
	like "$line" '^ Search all articles: …' "$size: a text cut on the left starts with …"
	T send-keys -t look Home
	wait_for look "articles: w1 w2 w3" 100
	like "$(last look)" '^ Search all articles: w1 w2 w3 .*…$' "$size: Home shows the start, the rest cut with …"
	T send-keys -t look Escape q
	T kill-session -t look
done

done_testing
