# tests/lib.sh: sourced by every shell test of margo.
#
# It gives three things:
#  1. a tiny TAP producer (automake's tap-driver.sh reads it):
#       plan N | done_testing     the plan, first or last
#       pass DESC | fail DESC [DIAG...]   (not_ok is fail)
#       ok DESC COMMAND [ARGS...]     pass when the command succeeds
#       is ACTUAL EXPECTED DESC       equal strings; a unified diff if not
#       isnt ACTUAL UNEXPECTED DESC
#       like TEXT ERE DESC            some line of TEXT matches the regex
#       unlike TEXT ERE DESC          no line of TEXT matches
#       has TEXT STRING DESC          TEXT contains STRING (fixed string)
#       hasnt TEXT STRING DESC
#       diag TEXT...                  "# " comments
#       skip DESC REASON              "ok N - DESC # SKIP REASON"
#       skip_all REASON               "1..0 # SKIP REASON" (the TAP driver
#                                     counts it as skipped; exit 0)
#  2. a pinned environment: C.UTF-8, UTC, NO_COLOR, and HOME, XDG_* and
#     MARGO_DB inside a fresh temporary folder ($TEST_TMP) that is removed on
#     exit (KEEP_TMP=1 keeps it and says where);
#  3. fresh_library: the bundled corpus added to $MARGO_DB.
#
# Tests run from automake get MARGO, top_srcdir and top_builddir in the
# environment; by hand:
#   MARGO=$PWD/margo top_srcdir=$PWD top_builddir=$PWD bash tests/ui/screens.sh

: "${MARGO:?set MARGO to the margo binary to test}"
: "${top_srcdir:?set top_srcdir to the top of the source tree}"
: "${top_builddir:=$top_srcdir}"
case $MARGO in /*) ;; *) MARGO=$(pwd)/$MARGO ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(cd "$top_srcdir" && pwd) ;; esac
export MARGO top_srcdir top_builddir

# ---- TAP ------------------------------------------------------------------

_tap_n=0
_tap_failed=0
_tap_plan=

plan() {
	_tap_plan=$1
	echo "1..$1"
}

# The plan at the end, when the count is not known in advance.
done_testing() {
	[ -n "$_tap_plan" ] || echo "1..$_tap_n"
}

# One "# " comment line per line of the arguments (or of stdin).
diag() {
	if [ $# -gt 0 ]; then
		printf '%s\n' "$*"
	else
		cat
	fi | sed 's/^/# /'
}

# A "#" in a description would start a TAP directive: escape it.
_tap_desc() {
	printf '%s' "$*" | tr '\n' ' ' | sed 's/#/\\#/g'
}

pass() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $(_tap_desc "$1")"
}

fail() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $(_tap_desc "$1")"
	shift
	[ $# -eq 0 ] || diag "$@"
}

not_ok() { fail "$@"; }

ok() {
	_ok_desc=$1
	shift
	if "$@"; then
		pass "$_ok_desc"
	else
		fail "$_ok_desc" "failed: $*"
	fi
}

# Show how two texts differ, as "# " lines.
_tap_diff() {
	printf '%s\n' "$1" >"$TEST_TMP/.tap-expected"
	printf '%s\n' "$2" >"$TEST_TMP/.tap-actual"
	diff -u --label expected --label actual "$TEST_TMP/.tap-expected" \
		"$TEST_TMP/.tap-actual" | diag
}

is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		_tap_diff "$2" "$1"
	fi
}

isnt() {
	if [ "$1" != "$2" ]; then
		pass "$3"
	else
		fail "$3" "got the value it must not be:" "$1"
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3" "no line matches /$2/ in:"
		printf '%s\n' "$1" | diag
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		fail "$3" "lines that must not match /$2/:"
		printf '%s\n' "$1" | grep -E -- "$2" | diag
	else
		pass "$3"
	fi
}

has() {
	case $1 in
	*"$2"*) pass "$3" ;;
	*)
		fail "$3" "\"$2\" is missing from:"
		printf '%s\n' "$1" | sed -e 's/ *$//' -e 60q | diag
		;;
	esac
}

hasnt() {
	case $1 in
	*"$2"*)
		fail "$3" "\"$2\" must not be in:"
		printf '%s\n' "$1" | grep -F -- "$2" | sed -e 's/ *$//' -e 20q | diag
		;;
	*) pass "$3" ;;
	esac
}

skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $(_tap_desc "$1") # SKIP $(_tap_desc "$2")"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# ---- cleanup ----------------------------------------------------------------

# at_exit CMD: run CMD (a string for eval) when the test ends, last first.
_at_exit=
at_exit() {
	_at_exit="$1
$_at_exit"
}

_lib_cleanup() {
	_lib_rc=$?
	trap - EXIT HUP INT TERM
	eval "$_at_exit"
	if [ -n "${TEST_TMP:-}" ] && [ -d "$TEST_TMP" ]; then
		if [ "${KEEP_TMP:-0}" = 1 ]; then
			echo "# kept $TEST_TMP"
		else
			rm -rf "$TEST_TMP"
		fi
	fi
	exit $_lib_rc
}
trap _lib_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the pinned environment -------------------------------------------------

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/margo-test.XXXXXX") || {
	echo "Bail out! cannot make a temporary folder"
	exit 99
}
export TEST_TMP
mkdir -p "$TEST_TMP/home" "$TEST_TMP/xdg/config" "$TEST_TMP/xdg/data" \
	"$TEST_TMP/xdg/cache" "$TEST_TMP/xdg/state" "$TEST_TMP/xdg/runtime"
chmod 700 "$TEST_TMP/xdg/runtime"

export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC NO_COLOR=1
export HOME="$TEST_TMP/home"
export XDG_CONFIG_HOME="$TEST_TMP/xdg/config"
export XDG_DATA_HOME="$TEST_TMP/xdg/data"
export XDG_CACHE_HOME="$TEST_TMP/xdg/cache"
export XDG_STATE_HOME="$TEST_TMP/xdg/state"
export XDG_RUNTIME_DIR="$TEST_TMP/xdg/runtime"
export MARGO_DB="$TEST_TMP/library.db"
unset LANGUAGE XDG_CONFIG_DIRS XDG_DATA_DIRS MARGO_SCRIPT LINES COLUMNS

# as_user CMD...: run CMD as a user that file permissions apply to: as is
# when the tests do not run as root; as nobody (setpriv, else runuser) when
# they do.  unprivileged_problem says why that is impossible, if it is.
as_user() { "$@"; }
unprivileged_problem=
if [ "$(id -u)" = 0 ]; then
	if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	elif runuser -u nobody -- true 2>/dev/null; then
		as_user() { runuser -u nobody -- "$@"; }
	else
		unprivileged_problem="running as root and neither setpriv nor runuser can drop to nobody"
	fi
fi

# copies_of_corpus DIR N: N copies of each bundled article in DIR (made if
# needed), copy n with " (n)" after its title: 5N articles that differ
# (one awk a bundled file, so thousands of copies are made in a moment;
# the bundled files end without a newline, and so do the copies).
copies_of_corpus() {
	mkdir -p "$1"
	for _f in "$top_srcdir"/corpus/*.txt; do
		awk -v dir="$1" -v name="$(basename "$_f")" -v n="$2" '
			{ line[NR] = $0 }
			END {
				for (c = 1; c <= n; c++) {
					out = dir "/" c "-" name
					printf "%s (%d)", line[1], c > out
					for (i = 2; i <= NR; i++)
						printf "\n%s", line[i] > out
					close(out)
				}
			}' "$_f"
	done
}

# limited KB CMD...: run CMD with files limited to KB kilobytes (a disk
# that fills: writes past it fail with EFBIG, SIGXFSZ ignored).
limited() {
	(
		ulimit -f "$1" || exit 99
		trap '' XFSZ
		shift
		exec "$@"
	)
}

# sound DESC [CHECK-OUTPUT-FILE]: margo check of $MARGO_DB (its output
# given in the file, when it ran elsewhere: "rc:N" on its last line) finds
# no damage: "ok", or exit 1 naming loads that did not finish (a load
# stopped by a kill or a full disk, which the next margo add mends).
sound() {
	if [ -n "${2:-}" ]; then
		_out=$(sed '$d' "$2"); _rc=$(tail -n 1 "$2" | sed 's/^rc://')
	else
		_out=$("$MARGO" check 2>&1); _rc=$?
	fi
	if { [ "$_rc" = 0 ] && [ "$_out" = ok ]; } ||
	   { [ "$_rc" = 1 ] && printf '%s\n' "$_out" | grep -q 'is sound, but not all its files are loaded'; }; then
		pass "$1"
	else
		fail "$1" "margo check exited $_rc:" "$_out"
	fi
}

# forget_reading: margo starts on the article last left, where it was
# left; the reader's tests start each run as a first reader would instead,
# the reading state of $MARGO_DB (read marks, positions) left by earlier
# runs forgotten.  KEEP_READING=1 keeps it, for the tests of that state.
forget_reading() {
	if [ -z "${KEEP_READING:-}" ] && [ -f "$MARGO_DB" ]; then
		"$top_builddir/tests/helpers/sqlexec" "$MARGO_DB" "DELETE FROM reading" 2>/dev/null || :
	fi
}

# The bundled corpus in $MARGO_DB (or in the library given as $1).
fresh_library() {
	rm -f "${1:-$MARGO_DB}" "${1:-$MARGO_DB}-wal" "${1:-$MARGO_DB}-shm"
	if ! out=$("$MARGO" --db "${1:-$MARGO_DB}" add "$top_srcdir/corpus" 2>&1); then
		echo "Bail out! margo add $top_srcdir/corpus failed: $out"
		exit 99
	fi
}

# italian_locale: prepare margo in Italian without root: the it_IT.UTF-8
# locale made with localedef in $TEST_TMP/loc (LOCPATH), and the catalogue
# compiled from po/it.po itself as $TEST_TMP/locale/it/LC_MESSAGES/margo.mo
# (MARGO_LOCALEDIR): po/it.gmo is made again only with the template, so a
# translation just edited would not be seen through it.  Sets IT_ENV to the
# env(1) arguments that run margo in Italian, or returns 1 with the reason
# in $italian_problem.
italian_locale() {
	italian_problem=
	mkdir -p "$TEST_TMP/locale/it/LC_MESSAGES" "$TEST_TMP/loc"
	msgfmt -o "$TEST_TMP/locale/it/LC_MESSAGES/margo.mo" "$top_srcdir/po/it.po" 2>/dev/null || {
		italian_problem="msgfmt cannot compile po/it.po (install the Debian package gettext)"
		return 1
	}
	[ -d "$TEST_TMP/loc/it_IT.UTF-8" ] ||
		localedef -i it_IT -f UTF-8 "$TEST_TMP/loc/it_IT.UTF-8" >/dev/null 2>&1 || {
		italian_problem="localedef cannot make it_IT.UTF-8 (install the Debian package locales)"
		return 1
	}
	IT_ENV="LOCPATH=$TEST_TMP/loc MARGO_LOCALEDIR=$TEST_TMP/locale LC_ALL= LANG=it_IT.UTF-8"
}

# ---- a web server on 127.0.0.1 ------------------------------------------------

# start_httpd DIR LOG: serve the files of DIR with tests/helpers/httpd
# (read its header) on an ephemeral port of 127.0.0.1, stopped when the
# test ends; each request is logged to LOG.  Sets U to the server's
# address ("http://127.0.0.1:PORT").  Bails out if the server does not
# start.
start_httpd() {
	mkdir -p "$1"
	: >"$2"
	"$top_builddir/tests/helpers/httpd" "$1" "$2" >"$TEST_TMP/httpd.port" &
	at_exit "kill $! 2>/dev/null"
	for _ in $(seq 100); do
		[ -s "$TEST_TMP/httpd.port" ] && break
		sleep 0.05
	done
	U=http://127.0.0.1:$(cat "$TEST_TMP/httpd.port")
	[ "$U" != "http://127.0.0.1:" ] || { echo "Bail out! the test server did not start"; exit 1; }
}
