#!/bin/sh
# summary.sh: read automake's test-suite.log and print one line,
# "N passed, N failed" (with ", N skipped" when some were skipped).
# Errors (a test that could not run) and unexpected passes count as failed.
# Exit status: 0 when nothing failed.
log=${1:-test-suite.log}
if [ ! -f "$log" ]; then
	echo "0 passed, 1 failed"
	echo "summary.sh: $log not found: the build or the test run did not finish" >&2
	exit 1
fi
awk '
/^# PASS: /  { pass = $3 }
/^# FAIL: /  { fail += $3 }
/^# ERROR: / { fail += $3 }
/^# XPASS: / { fail += $3 }
/^# SKIP: /  { skip = $3 }
/^# XFAIL: / { pass += $3 }
END {
	line = sprintf("%d passed, %d failed", pass, fail)
	if (skip > 0) line = line sprintf(", %d skipped", skip)
	print line
	exit fail > 0 ? 1 : 0
}' "$log"
