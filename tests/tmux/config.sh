#!/bin/bash
# tests/tmux/config.sh: the configuration file in a real terminal, through
# a private tmux server like tests/tmux/tmux.sh.  What is checked:
#   - a key rebound in the file works (x moves down the list);
#   - a colour line recolours its element (the article's title red and
#     bold), and a theme loaded with set theme colours the headers;
#   - NO_COLOR still wins over both: no colour codes at all;
#   - a bad line: margo starts anyway, the status line says
#     "config: 1 error: FILE:LINE: ..." and the good lines count;
#   - --no-config ignores the file;
#   - the screens at 80x24 and 200x60 with a theme.
# Skips (a TAP "1..0 # SKIP") only when tmux is not installed.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"
SOCK="margo-config-$$"
CONF="$top_srcdir/tests/tmux/tmux.conf"
T() { tmux -L "$SOCK" -f "$CONF" "$@"; }
at_exit 'T kill-server >/dev/null 2>&1'

fresh_library

# margo_cmd [NO_COLOR value or ""] ARGS...: margo in a pane, colours let
# through when the first word is "".
margo_cmd() {
	_nc=$1
	shift
	if [ -n "$_nc" ]; then
		printf 'exec env LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=%q' "$_nc"
	else
		printf 'exec env -u NO_COLOR LC_ALL=C.UTF-8 TZ=UTC'
	fi
	printf ' MARGO_DB=%q XDG_CONFIG_HOME=%q TERM=tmux-256color %q' "$MARGO_DB" \
		"$XDG_CONFIG_HOME" "$MARGO"
	[ $# -eq 0 ] || printf ' %q' "$@"
}
start() { forget_reading; T new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3"; }
cap() { T capture-pane -p -t "$1"; }
capc() { T capture-pane -p -e -t "$1"; }
wait_for() {
	_i=0
	until cap "$1" | grep -qF -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt "${3:-100}" ] || return 1
		sleep 0.05
	done
}
# The SGR parameters of row N of a screen with attributes, one per line.
sgr_of_row() { sed -n "$2p" <<<"$1" | grep -oE $'\033\\[[0-9;]*m' | tr -d '\033[m'; }

cfg=$XDG_CONFIG_HOME/margo/config
mkdir -p "${cfg%/*}"

# ---- a key rebound, a colour line -------------------------------------------------
cat >"$cfg" <<'CFG'
bind list x down
color title red default bold
CFG
start keys 80x24 "$(margo_cmd "")"
if wait_for keys "article 1/5"; then
	pass "margo starts with a configuration"
else
	fail "margo starts with a configuration" "$(cap keys)"
fi
T send-keys -t keys x x Enter
ok "bind list x down: x x Enter opens article 3" wait_for keys "Text  3/5"
# The title of the article: row 2 of the text pane, red (31) and bold (1).
scr=$(capc keys)
title_sgr=$(printf '%s\n' "$scr" | grep -F "Kim Jong-un si rivolge" | head -n 1 |
	grep -oE $'\033\\[[0-9;]*m[^\033]*Kim Jong-un si rivolge' | head -n 1)
like "$title_sgr" $'\\[31m' "color title red: the title is drawn red"
like "$(printf '%s\n' "$scr" | grep -F "Kim Jong-un si rivolge" | head -n 1)" $'\033\\[1m' \
	"color title ... bold: and bold"
T send-keys -t keys q
T kill-session -t keys 2>/dev/null

start plain 80x24 "$(margo_cmd "" -n)"
wait_for plain "article 1/5"
T send-keys -t plain x x Enter
sleep 0.3
ok "--no-config: x is not bound (Enter opens article 1)" wait_for plain "Text  1/5"
scr=$(capc plain)
unlike "$(printf '%s\n' "$scr" | grep -F "Fonti: Yonhap" | head -n 1)" $'\033\\[31m' \
	"--no-config: no red title"
T send-keys -t plain q
T kill-session -t plain 2>/dev/null

# ---- a theme, and NO_COLOR over it --------------------------------------------------
printf 'set theme light\n' >"$cfg"
start theme 80x24 "$(margo_cmd "")"
wait_for theme "article 1/5"
head_sgr=$(sgr_of_row "$(capc theme)" 1 | tr '\n' ' ')
has "$head_sgr" "48;5;24" "set theme light: the focused header's background is the theme's (colour 24)"
T send-keys -t theme q
T kill-session -t theme 2>/dev/null

printf 'set theme light\ncolor title red default bold\n' >"$cfg"
start nocolor 80x24 "$(margo_cmd 1)"
wait_for nocolor "article 1/5"
all_sgr=$(capc nocolor | grep -oE $'\033\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' | sort -u | tr '\n' ' ')
unlike "$all_sgr" '(^| )(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)( |$)' \
	"NO_COLOR wins over a theme and a colour line: no colour codes"
like "$all_sgr" '(^| )7( |$)' "NO_COLOR: the plain attributes stay (reverse video)"
T send-keys -t nocolor q
T kill-session -t nocolor 2>/dev/null

# ---- a bad line ---------------------------------------------------------------------
cat >"$cfg" <<'CFG'
bind list x down
set sidebar-width wide
CFG
start bad 80x24 "$(margo_cmd "")"
if wait_for bad "config: 1 error"; then
	pass "a bad line: margo starts anyway and the status line says the config had an error"
else
	fail "a bad line: margo starts anyway and the status line says the config had an error" "$(cap bad)"
fi
has "$(cap bad | tail -n 1)" "config:2: sidebar-width" "the status line names the file, the line and the option"
T send-keys -t bad x Enter
ok "the good line of the file still works (x Enter opens article 2)" wait_for bad "Text  2/5"
T send-keys -t bad q
T kill-session -t bad 2>/dev/null

start badn 80x24 "$(margo_cmd "" --no-config)"
wait_for badn "article 1/5"
hasnt "$(cap badn)" "config:" "--no-config: the bad file is not read"
T send-keys -t badn q
T kill-session -t badn 2>/dev/null

# ---- the screens with a theme, small and large -----------------------------------
printf 'set theme solarized\nset sidebar-width 30\n' >"$cfg"
for size in 80x24 200x60; do
	start "s$size" "$size" "$(margo_cmd "")"
	if wait_for "s$size" "article 1/5"; then
		pass "$size with a theme: margo draws"
	else
		fail "$size with a theme: margo draws" "$(cap "s$size")"
	fi
	like "$(cap "s$size" | head -n 1)" '^ Articles \(5\) by added +Text  1/5 +Entities$' \
		"$size with a theme: three pane headers"
	T send-keys -t "s$size" q
	T kill-session -t "s$size" 2>/dev/null
done

done_testing
