# tests/ui/lib.sh: scripted screens (layer A of docs/ARCHITECTURE.md, "Tests").
#
# margo reads its keys from a script (MARGO_SCRIPT=FILE), draws to
# /dev/null at the size given by LINES and COLUMNS, and saves what a user
# would see with :save-display, :save-attrs and :save-state.
#
#   run_script 80x24 [MARGO ARGS...] <<'EOF'    # run one script
#   jj<Enter>
#   :save-display opened
#   :save-state opened
#   EOF
#   expect_run_ok "what it did"                 # exit 0, nothing on stderr
#   expect_screen opened "what it shows" <<'EOF' # the whole screen, exactly
#    Articles (5) ...
#   EOF
#   expect_state opened focus text "Enter focuses the text"
#   screen opened; state opened list.sel         # to make your own checks
#
# Each run gets a fresh folder ($RUN_DIR, the current directory of margo),
# so a name saved by an earlier run can never pass for this one.
# UPDATE_EXPECTED=1 prints every screen an expect_screen looks at, ready to
# paste between the EOF lines, for a human to review.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"

export TERM=xterm

_run_n=0
RUN_DIR=
RUN_STATUS=
RUN_STDERR=

# run_script COLSxLINES [ARGS...] < script
run_script() {
	_run_size=$1
	shift
	forget_reading
	_run_n=$((_run_n + 1))
	RUN_DIR="$TEST_TMP/run.$_run_n"
	mkdir -p "$RUN_DIR"
	cat >"$RUN_DIR/script"
	RUN_STATUS=0
	(
		cd "$RUN_DIR" &&
			exec env LINES="${_run_size#*x}" COLUMNS="${_run_size%x*}" TERM=xterm \
				MARGO_SCRIPT="$RUN_DIR/script" timeout 20 "$MARGO" "$@" \
				</dev/null >"$RUN_DIR/stdout" 2>"$RUN_DIR/stderr"
	) || RUN_STATUS=$?
	RUN_STDERR=$(cat "$RUN_DIR/stderr")
	case $RUN_STATUS in
	0) ;;
	124) diag "run $_run_n ($_run_size): margo did not finish within 20 s" ;;
	*) diag "run $_run_n ($_run_size): margo exited with status $RUN_STATUS${RUN_STDERR:+: $RUN_STDERR}" ;;
	esac
	return 0
}

# The text of a file the last script saved ("" if it was never written).
screen() {
	if [ -f "$RUN_DIR/$1" ]; then
		cat "$RUN_DIR/$1"
	fi
}

# state NAME KEY: one value of a :save-state file.
state() {
	[ -f "$RUN_DIR/$1" ] && sed -n "s/^$2=//p" "$RUN_DIR/$1" | head -n 1
}

# The last run ended by itself (end of script or q) with status 0 and said
# nothing on standard error.
expect_run_ok() {
	if [ "$RUN_STATUS" = 0 ] && [ -z "$RUN_STDERR" ]; then
		pass "$1"
	else
		fail "$1" "exit status $RUN_STATUS" "${RUN_STDERR:+stderr: $RUN_STDERR}"
	fi
}

# expect_screen NAME [DESC] <<'EOF' ... EOF: the saved file, exactly.
expect_screen() {
	_es_name=$1
	_es_desc=${2:-screen $1}
	cat >"$RUN_DIR/$_es_name.expected"
	if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
		{
			echo "----- $_es_name: actual, to paste between the EOF lines -----"
			screen "$_es_name"
			echo "----- end of $_es_name -----"
		} >&2
	fi
	if [ ! -f "$RUN_DIR/$_es_name" ]; then
		fail "$_es_desc" "margo did not save $_es_name (exit status $RUN_STATUS)"
	elif diff -u --label expected --label actual "$RUN_DIR/$_es_name.expected" \
		"$RUN_DIR/$_es_name" >"$RUN_DIR/$_es_name.diff"; then
		pass "$_es_desc"
	else
		fail "$_es_desc"
		diag <"$RUN_DIR/$_es_name.diff"
	fi
}

# expect_state NAME KEY VALUE DESC
expect_state() {
	if [ ! -f "$RUN_DIR/$1" ]; then
		fail "$4" "margo did not save $1 (exit status $RUN_STATUS)"
	else
		is "$(state "$1" "$2")" "$3" "$4"
	fi
}

# expect_saved NAME DESC: the script got as far as saving NAME.
expect_saved() {
	if [ -f "$RUN_DIR/$1" ]; then
		pass "$2"
	else
		fail "$2" "margo did not save $1 (exit status $RUN_STATUS${RUN_STDERR:+, stderr: $RUN_STDERR})"
	fi
}
