#!/bin/bash
# tests/tmux/mouse.sh: the mouse in a real terminal, through a private tmux
# server like tests/tmux/tmux.sh.  What is checked:
#   - with `set mouse on` margo asks the terminal for mouse reports, and
#     without it (no configuration file) it asks for none;
#   - with it on, the terminal's reports (X10 for TERM=tmux-256color, SGR
#     for xterm-256color, sent to the pane as the terminal would): a click
#     focuses a pane and moves its cursor (list row, sidebar entry, the
#     sentence of the text), a double click opens, the wheel scrolls the
#     pane under the pointer and leaves the focus, a drag in the text
#     selects and a annotates exactly the dragged text; in the views (the
#     annotations list) a click selects the entry, a double click jumps;
#   - the reports are asked again after ^Z and fg;
#   - through a second tmux that has its own mouse on (a real mouse path:
#     it forwards a click to the pane only when the pane asked for it), the
#     same clicks, wheel and drag change nothing in margo with the mouse
#     off, and move it with the mouse on;
#   - at 80x24 and 200x60.
# Skips (a TAP "1..0 # SKIP") only when tmux is not installed.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"
SOCK="margo-mouse-$$"
CONF="$top_srcdir/tests/tmux/tmux.conf"
T() { tmux -L "$SOCK" -f "$CONF" "$@"; }
at_exit 'T kill-server >/dev/null 2>&1; TI kill-server >/dev/null 2>&1'

fresh_library

ON="$TEST_TMP/mouse-on.conf"
echo "set mouse on" >"$ON"
mkdir -p "$XDG_CONFIG_HOME"  # and no margo/config in it: the mouse is off

# margo_cmd [VAR=value]... ARGS...: margo in a pane, pinned.
margo_cmd() {
	printf 'exec env LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 MARGO_DB=%q XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q' \
		"$MARGO_DB" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
	while [ $# -gt 0 ] && [ "${1#*=}" != "$1" ] && [ "${1%%=*}" = "${1%%[!A-Z_]*}" ]; do
		printf ' %q' "$1"
		shift
	done
	printf ' %q' "$MARGO" "$@"
}
start() {
	forget_reading
	T new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3"
}
cap() { T capture-pane -p -t "$1"; }
last() { cap "$1" | tail -n 1; }
wait_for() {
	_i=0
	until cap "$1" | grep -qF -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt "${3:-200}" ] || return 1
		sleep 0.02
	done
}
# wait_gone NAME TEXT: until the screen no longer shows TEXT.
wait_gone() {
	_i=0
	while cap "$1" | grep -qF -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || return 1
		sleep 0.02
	done
}
# quit NAME: q, and margo gone (its reading position written) before the
# next start forgets it.
quit() {
	T send-keys -t "$1" q
	_i=0
	until [ "$(T display-message -p -t "$1" '#{pane_dead}')" = 1 ] || [ $_i -ge 250 ]; do
		_i=$((_i + 1))
		sleep 0.02
	done
	T kill-session -t "$1"
}
flag() { T display-message -p -t "$1" '#{mouse_any_flag}'; }

# The terminal's mouse reports, cells counted from 0 as tmux counts them.
# x10 NAME B COL ROW: ESC [ M, then 32+B, 33+COL, 33+ROW as bytes.
x10() {
	T send-keys -t "$1" -l "$(printf '\033[M%b%b%b' "\\$(printf %03o $((32 + $2)))" \
		"\\$(printf %03o $((33 + $3)))" "\\$(printf %03o $((33 + $4)))")"
}
# sgr NAME B COL ROW M|m: ESC [ < B ; COL+1 ; ROW+1 M (press) or m (release).
sgr() { T send-keys -t "$1" -l "$(printf '\033[<%d;%d;%d%s' "$2" $(($3 + 1)) $(($4 + 1)) "$5")"; }
click() { x10 "$1" 0 "$2" "$3"; x10 "$1" 3 "$2" "$3"; }
wheel_down() { x10 "$1" 65 "$2" "$3"; }
wheel_up() { x10 "$1" 64 "$2" "$3"; }
# drag NAME COL1 ROW1 COL2 ROW2: press, move there, release.
drag() {
	x10 "$1" 0 "$2" "$3"
	x10 "$1" 32 "$(($2 + 1))" "$3"
	x10 "$1" 32 "$4" "$5"
	x10 "$1" 3 "$4" "$5"
}

# ---------------------------------------------------------------------------
# 1. Asked for or not.

start off 100x30 "$(margo_cmd)"
wait_for off "article 1/5"
is "$(flag off)" 0 "no configuration: margo asks the terminal for no mouse reports"
quit off
start on 100x30 "$(margo_cmd --config "$ON")"
wait_for on "article 1/5"
is "$(flag on)" 1 "set mouse on: margo asks the terminal for mouse reports"

# ---------------------------------------------------------------------------
# 2. Clicks, double clicks, the wheel, at 100x30 (TERM=tmux-256color: X10).

# The list: rows 1.. under its header; the text from column 32 (its margin
# at 32, its words from 33); the sidebar from column 75.
click on 5 3
ok "a click on the list's third row selects it" wait_for on "article 3/5 · list"
has "$(cap on | head -n 1)" "Text  1/5" "a single click opens nothing"
sleep 0.5  # a second click later than that is a click of its own
click on 5 3
click on 5 3
ok "a double click on it opens the article" wait_for on "Text  3/5"
like "$(last on)" '^ article 3/5 · text · ¶ 1/10 · sentence 1/26 ' "and the text has the focus"

textrow() { cap "$1" | sed -n "${2}p" | awk -F'│' '{ print $2 }' | sed 's/^ *//; s/ *$//'; }
top=$(textrow on 2)
wheel_down on 50 10
if wait_gone on "$top"; then pass "the wheel down over the text scrolls it"; else fail "the wheel down over the text scrolls it" "$(cap on)"; fi
is "$(textrow on 2)" "Corea del Nord e Russia, evidenziato da" "by three rows"
like "$(last on)" ' · text · ' "the focus stays on the text"
wheel_up on 50 10
ok "the wheel up scrolls it back" wait_for on "$top"

click on 45 25
ok "a click on a heading of the text puts the cursor on it" wait_for on "¶ 2/10 · sentence 4/26"
click on 40 12
ok "a click in a sentence of the first paragraph puts the cursor there" wait_for on "¶ 1/10 · sentence 1/26"

row=$(cap on | grep -n '│ Russia  ' | cut -d: -f1)
click on 80 $((row - 1))
ok "a click on the sidebar focuses it" wait_for on "· side ·"
T send-keys -t on Enter
ok "on the entity clicked: Enter lists its mentions" wait_for on "Russia (LOC):"
T send-keys -t on Escape
wait_for on "Text  3/5"
wheel_down on 50 10
ok "the wheel over the text scrolls it while the sidebar has the focus" \
	wait_for on "Corea del Nord e Russia, evidenziato da"
like "$(last on)" ' · side · ' "and the focus stays on the sidebar"
wheel_up on 50 10

# ---------------------------------------------------------------------------
# 3. A drag in the text selects; a annotates exactly what was dragged.

drag on 33 12 40 13
ok "a drag in the text makes a selection" wait_for on "selected: a annotates"
like "$(last on)" ' · text · ' "and focuses the text"
T send-keys -t on a
ok "a asks for its tags" wait_for on "Tags (a, b/c):"
T send-keys -t on t o p o Enter
ok "the annotation is saved" wait_for on "annotated: topo"
got=$("$MARGO" annotations --format jsonl | grep -F '"topo"')
has "$got" '"exact":"geopolitiche, i rapporti tra Corea del Nord e R"' \
	"it holds the dragged text, from the pressed letter to the released one" 
click on 40 16
sleep 0.2
unlike "$(last on)" 'selected' "a click after it leaves no selection behind"

# A drag backwards, right to left, selects the same way.
drag on 40 13 33 12
ok "a drag backwards makes a selection too" wait_for on "selected: a annotates"
T send-keys -t on Escape
ok "Esc cancels it, as for v" wait_for on "selection cancelled"

# ---------------------------------------------------------------------------
# 4. The views: the annotations list (A).

"$MARGO" annotate 1 0 10 --tag primo >/dev/null
"$MARGO" annotate 2 0 10 --tag secondo >/dev/null
sleep 0.5
T send-keys -t on A
ok "A lists the annotations" wait_for on "Annotations  "
view=$(cap on)
row=$(printf '%s\n' "$view" | grep -n '\[topo\]' | cut -d: -f1)
click on 50 $((row - 1))
ok "a click on an entry of the list selects it" wait_for on "Annotations  3/3"
row2=$(printf '%s\n' "$view" | grep -n '\[secondo\]' | cut -d: -f1)
click on 50 $((row2 - 1))
ok "a click on another selects that one" wait_for on "Annotations  2/3"
wheel_down on 50 5
ok "the wheel moves through the list" wait_for on "Annotations  3/3"
sleep 0.5
click on 50 $((row2 - 1))
click on 50 $((row2 - 1))
ok "a double click jumps to the annotation" wait_for on "Text  2/5"
like "$(last on)" '^ article 2/5 · text ' "in its article"

# ---------------------------------------------------------------------------
# 5. Resizing and ^Z: the mouse still works after them.

T resize-window -t on -x 80 -y 24
ok "80x24: margo redraws" wait_for on "Articles (5)"
sleep 0.3
click on 3 4
ok "80x24: a click on the list's fourth row selects it" wait_for on "article 4/5 · list"
T resize-window -t on -x 200 -y 60
ok "200x60: margo redraws" wait_for on "? for help"
sleep 0.3
click on 3 2
ok "200x60: a click on the list's second row selects it" wait_for on "article 2/5 · list"
sleep 0.5
click on 3 2
click on 3 2
ok "200x60: a double click opens it" wait_for on "Text  2/5"
quit on

start job 100x30 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color PS1='job\$ ' bash --norc --noprofile -i"
wait_for job 'job$'
T send-keys -t job "$(margo_cmd --config "$ON" | sed 's/^exec //')" Enter
wait_for job "article 1/5" || diag "$(cap job)"
ok "margo runs in a shell with job control" wait_for job "article 1/5"
T send-keys -t job C-z
ok "^Z stops it" wait_for job "Stopped"
is "$(flag job)" 0 "stopped, it leaves the terminal's mouse to the shell"
T send-keys -t job fg Enter
ok "fg brings margo back" wait_for job "article 1/5"
_asked() { [ "$(flag job)" = 1 ]; }
_i=0
until _asked || [ $_i -ge 100 ]; do _i=$((_i + 1)); sleep 0.02; done
is "$(flag job)" 1 "and it asks for the mouse reports again"
click job 5 3
ok "a click selects again after fg" wait_for job "article 3/5 · list"
T send-keys -t job q
T send-keys -t job 'echo "status=$?"' Enter
ok "q then exits with status 0" wait_for job "status=0"
T kill-session -t job

# ---------------------------------------------------------------------------
# 6. TERM=xterm-256color: ncurses asks for SGR reports; those work too.

start sgr 100x30 "$(margo_cmd TERM=xterm-256color --config "$ON")"
wait_for sgr "article 1/5"
is "$(T display-message -p -t sgr '#{mouse_sgr_flag}')" 1 "xterm-256color: SGR mouse reports asked for"
sgr sgr 0 5 4 M
sgr sgr 0 5 4 m
ok "an SGR click on the list's fourth row selects it" wait_for sgr "article 4/5 · list"
sgr sgr 0 33 12 M
sgr sgr 32 40 12 M
sgr sgr 0 40 12 m
ok "an SGR drag selects text" wait_for sgr "selected: a annotates"
T send-keys -t sgr Escape
quit sgr

# ---------------------------------------------------------------------------
# 7. Through a second tmux with its mouse on: the real path of a click,
#    which reaches margo only when margo asked for reports.

ICONF="$TEST_TMP/inner.conf"
cat >"$ICONF" <<'EOF'
set -g status off
set -g escape-time 0
set -g default-terminal tmux-256color
set -g mouse on
set -s exit-empty off
EOF
TI() { tmux -L "$SOCK-inner" -f "$ICONF" "$@"; }
# The outer pane runs a client of the inner server; what is sent to the
# outer pane is what a terminal sends that tmux client.
nested() {  # nested NAME MARGO-ARGS...: margo in the inner server, shown outside
	_n=$1
	shift
	forget_reading
	TI new-session -d -s "$_n" -x 100 -y 30 "$(margo_cmd "$@")"
	T new-session -d -s "$_n" -x 100 -y 30 \
		"TMUX= TMUX_TMPDIR=$(printf %q "$TMUX_TMPDIR") tmux -L $SOCK-inner -f $(printf %q "$ICONF") attach -t $_n"
}
icap() { TI capture-pane -p -t "$1"; }
# The gestures of sections 2 and 3 in the report the tmux client asked
# its terminal for (SGR).
gestures() {
	sgr "$1" 0 5 3 M
	sgr "$1" 0 5 3 m
	sgr "$1" 0 5 3 M
	sgr "$1" 0 5 3 m
	sgr "$1" 65 50 10 M
	sgr "$1" 0 33 12 M
	sgr "$1" 32 36 12 M
	sgr "$1" 32 40 13 M
	sgr "$1" 0 40 13 m
}

nested noff
wait_for noff "article 1/5"
is "$(T display-message -p -t noff '#{mouse_sgr_flag}')" 1 "the inner tmux asks its terminal for SGR reports"
before=$(icap noff)
gestures noff
sleep 0.6
after=$(icap noff)
if [ "$before" = "$after" ]; then
	pass "mouse off: clicks, the wheel and a drag change nothing in margo"
else
	fail "mouse off: clicks, the wheel and a drag change nothing in margo"
	_tap_diff "$before" "$after"
fi
TI send-keys -t noff q
T kill-session -t noff

nested non --config "$ON"
wait_for non "article 1/5"
gestures non
ok "mouse on, the same reports: the double click opened article 3" wait_for non "Text  3/5"
ok "and the drag made a selection" wait_for non "selected: a annotates"
TI send-keys -t non Escape q
T kill-session -t non

done_testing
