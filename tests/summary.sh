#!/bin/sh
# summary.sh: read automake's test-suite.log (or several, added up) and
# print one line, "N passed, N failed" (with ", N skipped" when some were
# skipped).  Errors (a test that could not run) and unexpected passes
# count as failed; a log that is missing counts as one failure.
# Exit status: 0 when nothing failed.
[ $# -gt 0 ] || set -- test-suite.log
missing=0
for log in "$@"; do
	if [ ! -f "$log" ]; then
		missing=$((missing + 1))
		echo "summary.sh: $log not found: the build or the test run did not finish" >&2
	fi
done
for log in "$@"; do
	[ -f "$log" ] && cat "$log"
done | awk -v missing="$missing" '
BEGIN { fail = missing }
/^# PASS: /  { pass += $3 }
/^# FAIL: /  { fail += $3 }
/^# ERROR: / { fail += $3 }
/^# XPASS: / { fail += $3 }
/^# SKIP: /  { skip += $3 }
/^# XFAIL: / { pass += $3 }
END {
	line = sprintf("%d passed, %d failed", pass, fail)
	if (skip > 0) line = line sprintf(", %d skipped", skip)
	print line
	exit fail > 0 ? 1 : 0
}'
