#!/bin/bash
# related.sh: related passages on articles written apart from the bundled
# corpus and from the rules: tests/fixtures/related holds eighteen invented
# articles (three stories, each told four or five ways by different kinds
# of piece, and four articles on other things) and pairs.txt the passages
# that report the same fact.  Each pair is a check: from the source
# passage, `margo related` lists the target among its first five.
. "$top_srcdir/tests/lib.sh"

dir=$top_srcdir/tests/fixtures/related
if ! out=$("$MARGO" add "$dir/articles" 2>&1); then
	echo "Bail out! margo add $dir/articles failed: $out"
	exit 99
fi
"$MARGO" passages --format jsonl >"$TEST_TMP/passages"
"$MARGO" list --format jsonl >"$TEST_TMP/articles"

# The passage holding a phrase (each phrase of pairs.txt is in one only);
# a quote is escaped in JSON.
passage_with() {
	grep -F -- "${1//\"/\\\"}" "$TEST_TMP/passages" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p'
}

# Pairs the scorer does not find yet (source phrase|target phrase): kept
# visible as TODO; an unexpected pass fails the run, so a better scorer
# must take them off this list.
known_miss() {
	case $1 in
	"costruito alla fine degli anni Sessanta|mi hanno chiamata per dirmi che la Pascoli" | \
	"in tempo per il prossimo anno scolastico|a settembre i nostri bambini avranno un'aula vera" | \
	"In questo quadro l’Italia cammina sul filo|con il pullman partito da Cuneo" | \
	"ci ha tenuti chiusi in una stanza|hanno firmato alle 5.30 di questa mattina" | \
	"dopo una trattativa di quattordici ore guidata|Il fondo, 15 milioni di euro, servirà")
		return 0 ;;
	esac
	return 1
}

found=0 total=0
while IFS='|' read -r from_file from_phrase to_file to_phrase fact; do
	case $from_file in '#'* | '') continue ;; esac
	from=$(passage_with "$from_phrase")
	to=$(passage_with "$to_phrase")
	if [ -z "$from" ] || [ -z "$to" ]; then
		fail "pairs.txt: a phrase of $from_file or $to_file is in no passage"
		continue
	fi
	total=$((total + 1))
	desc=$(_tap_desc "$fact: $from_file $from -> $to_file $to")
	_tap_n=$((_tap_n + 1))
	if "$MARGO" related "$from" --limit 5 --format jsonl | grep -q "^{\"passage\":$to,"; then
		found=$((found + 1))
		if known_miss "$from_phrase|$to_phrase"; then
			echo "ok $_tap_n - $desc # TODO known miss"
		else
			echo "ok $_tap_n - $desc"
		fi
	elif known_miss "$from_phrase|$to_phrase"; then
		echo "not ok $_tap_n - $desc # TODO known miss"
	else
		_tap_failed=$((_tap_failed + 1))
		echo "not ok $_tap_n - $desc"
	fi
done <"$dir/pairs.txt"
is "$total" 50 "every pair of pairs.txt was checked"
diag "$found of $total pairs in the top five"

done_testing
