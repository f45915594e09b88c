# tests/tmux/lib.sh: what the tests in a real terminal share, sourced
# after tests/lib.sh.  A private tmux server (its socket in $TEST_TMP,
# killed at exit), and:
#   T ARGS...               tmux on that server
#   margo_cmd [ENV=V ...]   a pane command running $MARGO on this test's
#                           library, config and state, in UTC, no colour
#   start NAME COLSxROWS CMD   a detached session of that size
#   cap NAME                the screen as text
#   wait_for NAME TEXT [TRIES]  poll the screen every 0.02 s (5 s by
#                           default) until TEXT shows; fails if it never does
#   fits NAME COLS          every line is whole UTF-8 and at most COLS wide
# Skips the whole test (a TAP "1..0 # SKIP") when tmux is not installed.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"
SOCK="margo-$(basename "$0" .sh)-$$"
CONF="$top_srcdir/tests/tmux/tmux.conf"
T() { tmux -L "$SOCK" -f "$CONF" "$@"; }
at_exit 'T kill-server >/dev/null 2>&1'

margo_cmd() {
	printf 'exec env TZ=UTC NO_COLOR=1 MARGO_DB=%q XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q' \
		"$MARGO_DB" "$TEST_TMP/config" "$TEST_TMP/state"
	printf ' %q' "$@" "$MARGO"
}
start() {
	forget_reading
	T new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3"
}
cap() { T capture-pane -p -t "$1"; }
wait_for() {
	_i=0
	until cap "$1" | grep -qF -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt "${3:-250}" ] || return 1
		sleep 0.02
	done
}
fits() {
	_s=$(cap "$1")
	printf '%s\n' "$_s" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || return 1
	[ "$(printf '%s\n' "$_s" | LC_ALL=C.UTF-8 wc -L)" -le "$2" ]
}
