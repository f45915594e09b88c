#!/bin/bash
# search.sh: margo search and margo related from the command line: the
# Italian way of finding words (folding, elision, stems), phrases and
# prefixes, hostile queries that must never reach FTS5 as syntax, the
# JSON Lines fields, and related passages that report the same fact in
# different articles of the bundled corpus.
. "$top_srcdir/tests/lib.sh"

fresh_library

# The passage holding a phrase (found through search itself).
passage_of() {
	"$MARGO" search "\"$1\"" --format jsonl | head -1 | sed -n 's/.*"passage":\([0-9]*\),.*/\1/p'
}

# ---- finding words ---------------------------------------------------------------
out=$("$MARGO" search soldato --format jsonl)
like "$out" '"snippet":"[^"]*\*\*soldati\*\*' "soldato finds soldati, marked in the snippet"
like "$(printf '%s\n' "$out" | head -1)" '^\{"article":[0-9]+,"passage":[0-9]+,"snippet":".*","score":[0-9.]+\}$' \
	"search --format jsonl gives article, passage, snippet, score"
has "$("$MARGO" search citta --format jsonl)" "**città**" "citta finds città"
has "$("$MARGO" search ucraina --format jsonl)" "dell’**Ucraina**" "ucraina finds dell’Ucraina"
has "$("$MARGO" search "dell'Ucraina" --format jsonl)" "**dell’Ucraina**" "a straight apostrophe finds a curly one"
out=$("$MARGO" search '"patto di difesa"' --format jsonl)
is "$(printf '%s\n' "$out" | grep -c .)" 1 "a phrase in quotes finds just the phrase"
has "$out" "**patto di difesa**" "the phrase is marked"
ok "satell* finds satelliti and satellitare" test "$("$MARGO" search 'satell*' --format jsonl | wc -l)" -ge 2
first=$("$MARGO" search trattato --format jsonl | head -1)
second=$("$MARGO" search trattato --format jsonl | sed -n 2p)
s1=$(printf '%s' "$first" | sed 's/.*"score":\([0-9.]*\)}/\1/')
s2=$(printf '%s' "$second" | sed 's/.*"score":\([0-9.]*\)}/\1/')
ok "results come best first ($s1 >= $s2)" awk "BEGIN { exit !($s1 >= $s2) }"
out=$("$MARGO" search trattato)
like "$out" '^ +[0-9.]+ +[0-9]+:[0-9]+  Putin rafforza' "plain output: score, article:paragraph, title"

# ---- hostile queries: searched literally, never an error ---------------------------
long=$(head -c 10000 /dev/zero | tr '\0' 'a')
for q in '"unclosed' 'NOT' 'body:x' 'NEAR(' "a'b" "' OR 1=1 --" 'AND OR' '(a) [b] {c}' \
	'x -y' '^x' "$long"; do
	err=$("$MARGO" search "$q" 2>&1 >/dev/null)
	rc=$?
	show=$(printf '%s' "$q" | cut -c1-20)
	ok "search $show: exit status 0 ($rc)" test "$rc" = 0
	unlike "$err" '(fts5|SQL|syntax|malformed)' "search $show: no SQLite or FTS5 error"
done
err=$("$MARGO" search '' 2>&1 >/dev/null)
rc=$?
is "$rc" 2 "an empty query exits 2"
has "$err" "nothing to search for" "an empty query says so"
for q in '!!!' '*' '"' '   '; do
	err=$("$MARGO" search "$q" 2>&1 >/dev/null)
	has "$err" "nothing to search for" "\"$q\" alone is nothing to search for"
done
is "$("$MARGO" search 'body:x' --format jsonl)" "" "body:x is two words, not a column filter"

# A passage of 200,000 hits (FTS5's highlight() and snippet() cost the
# square of the hits: minutes); the timeout only keeps a hang from
# stopping the run.
many_db=$TEST_TMP/many.db
mkdir "$TEST_TMP/many"
awk 'BEGIN { printf "Saluti senza fine\n\nPrima di tutto, un saluto:"
	for (i = 0; i < 200000; i++) printf " ciao"; printf ".\n" }' >"$TEST_TMP/many/1.txt"
{ printf 'Una parola lunghissima\n\nEcco '; head -c 1048576 /dev/zero | tr '\0' 'y'; printf '.\n'; } \
	>"$TEST_TMP/many/2.txt"
MARGO_DB=$many_db "$MARGO" add "$TEST_TMP/many" "$top_srcdir/corpus" >/dev/null 2>&1
out=$(MARGO_DB=$many_db timeout 60 "$MARGO" search ciao --format jsonl)
is "$?" 0 "a word 200,000 times in a passage: found"
like "$out" '"snippet":"…di tutto, un saluto: (\*\*ciao\*\* ){19}\*\*ciao\*\*…"' \
	"its snippet: four words before the first hit, 24 words, each hit marked"
more=$(MARGO_DB=$many_db timeout 60 "$MARGO" search ciao --limit 51 --format jsonl)
is "$more" "$out" "the same as a longer list (ranked by FTS5) gives it"
out=$(MARGO_DB=$many_db timeout 60 "$MARGO" search 'yyyyy*' --format jsonl)
like "$out" '"snippet":"Ecco \*\*y+\*\*…"' "a word of a megabyte: its snippet is cut, the hit still marked"
ok "and short ($(printf '%s' "$out" | wc -c) bytes)" test "$(printf '%s' "$out" | wc -c)" -lt 1000

# Up to 50 results margo ranks the page itself, beyond that FTS5 sorts:
# the same rows in the same order either way (ties included).
a=$("$MARGO" search di --limit 50 --format jsonl)
b=$("$MARGO" search di --limit 51 --format jsonl)
ok "a word in most passages: $(printf '%s\n' "$a" | wc -l) results" \
	test "$(printf '%s\n' "$a" | wc -l)" -ge 30
is "$a" "$b" "ranked as a page or by FTS5, the same results in the same order"

# ---- related passages ----------------------------------------------------------------
treaty1=$(passage_of "reciproco sostegno in caso di attacco")
treaty2=$(passage_of "supporto reciproco in caso di attacco")
artillery1=$(passage_of "forniture di artiglieria")
artillery2=$(passage_of "proiettili di artiglieria")
soldiers1=$(passage_of "soldati nordcoreani in Russia")
soldiers2=$(passage_of "oltre 10.000 soldati")
belousov1=$(passage_of "ministro della Difesa Andrey Belousov")
belousov2=$(passage_of "ministro della Difesa russo, Andrei Belousov")
satellite1=$(passage_of "programma satellitare")
china1=$(passage_of "la Cina ha condannato")
china2=$(passage_of "osserva con attenzione")

out=$("$MARGO" related "$treaty1" --format jsonl | head -1)
like "$out" '^\{"passage":[0-9]+,"article":[0-9]+,"score":[0-9.]+,"why":"shared: .*; terms: .*","near_copy":(true|false)\}$' \
	"related --format jsonl gives passage, article, score, why"

# in_top5 FROM TO: TO is among the five passages most related to FROM.
in_top5() {
	"$MARGO" related "$1" --limit 5 --format jsonl | grep -q "^{\"passage\":$2,"
}
ok "the treaty: $treaty1 -> $treaty2" in_top5 "$treaty1" "$treaty2"
ok "the treaty: $treaty2 -> $treaty1" in_top5 "$treaty2" "$treaty1"
ok "the artillery: $artillery1 -> $artillery2" in_top5 "$artillery1" "$artillery2"
ok "the artillery: $artillery2 -> $artillery1" in_top5 "$artillery2" "$artillery1"
ok "the soldiers: $soldiers1 -> $soldiers2" in_top5 "$soldiers1" "$soldiers2"
ok "the soldiers: $soldiers2 -> $soldiers1" in_top5 "$soldiers2" "$soldiers1"
ok "Belousov: $belousov1 -> $belousov2" in_top5 "$belousov1" "$belousov2"
ok "Belousov: $belousov2 -> $belousov1" in_top5 "$belousov2" "$belousov1"
ok "the satellites: $artillery2 -> $satellite1" in_top5 "$artillery2" "$satellite1"
# 1:2's supplies (armamenti, "ha fornito") and satellites meet 4:2's
# ("fornirà armamenti", "satelliti") once the future stems as a verb.
ok "the satellites: $satellite1 -> $artillery2" in_top5 "$satellite1" "$artillery2"
ok "China's reaction: $china2 -> $artillery2" in_top5 "$china2" "$artillery2"

# The treaty told a third way, "patto di difesa ... assistenza militare ...
# venga invasa": it meets the other two through synonyms (accordo/patto,
# sostegno/assistenza, attacco/invadere).
treaty3=$(passage_of "patto di difesa")
ok "the treaty told another way: $treaty3 -> $treaty1" in_top5 "$treaty3" "$treaty1"
ok "the treaty told another way: $treaty3 -> $treaty2" in_top5 "$treaty3" "$treaty2"
ok "the treaty told another way: $treaty1 -> $treaty3" in_top5 "$treaty1" "$treaty3"
ok "the treaty told another way: $treaty2 -> $treaty3" in_top5 "$treaty2" "$treaty3"

# Known misses, kept visible as TODO (an unexpected pass fails the run, so
# a better scorer must update them): a long passage that reports several
# facts (4:2: Sullivan, Wagner, artillery, satellites, exercises, Camp
# David, China) cannot keep every one of them in five.
todo_top5() {
	_tap_n=$((_tap_n + 1))
	if in_top5 "$1" "$2"; then
		echo "ok $_tap_n - $3 # TODO known miss"
	else
		echo "not ok $_tap_n - $3 # TODO known miss"
	fi
}
todo_top5 "$artillery2" "$china2" "China's reaction: $artillery2 -> $china2"
# What a long passage's one sentence tells, asked for with --sentence: the
# last of 4:2's seven sentences is China's reaction, which 2:8 tells.
ok "China's reaction, its sentence asked for: $artillery2 --sentence 7 -> $china2" \
	sh -c '"$0" related "$1" --sentence 7 --limit 5 --format jsonl | grep -q "^{\"passage\":$2,"' \
	"$MARGO" "$artillery2" "$china2"
# 2:9 shares Giappone, Corea del Sud and Stati Uniti with the passage, and
# Indo-Pacifico with its last sentence too: that comes first.
alliance=$(passage_of "alleati nell’Indo-Pacifico")
like "$("$MARGO" related "$artillery2" --sentence 7 --format jsonl | grep "^{\"passage\":$alliance,")" \
	'"why":"shared: Indo-Pacifico, ' "the reason names first what the sentence and the passage share"
err=$("$MARGO" related "$artillery2" --sentence 8 2>&1 >/dev/null)
is "$?" 2 "a sentence the passage does not have exits 2"
has "$err" "has no sentence 8" "and says so"
err=$("$MARGO" related "$artillery2" --sentence 0 2>&1 >/dev/null)
is "$?" 2 "--sentence 0 exits 2"
has "$err" "--sentence needs a number" "and says what it needs"
err=$("$MARGO" related "$artillery2" --sentence 2>&1 >/dev/null)
is "$?" 2 "--sentence without a number exits 2"
has "$err" "--sentence needs a number" "and says what it needs"

# A passage that tells two facts: six passages elsewhere tell the first one
# (the bridge) better than the one passage that tells the second (the
# volleyball title, one sentence of an article about a concert) tells
# anything; the second fact's teller must still be in the top five.
facts_db=$TEST_TMP/facts.db
MARGO_DB=$facts_db "$MARGO" add "$top_srcdir/tests/fixtures/facts" >/dev/null 2>&1
src=$(MARGO_DB=$facts_db "$MARGO" search '"squadra cittadina"' --format jsonl | sed -n 's/.*"passage":\([0-9]*\).*/\1/p' | head -1)
teller=$(MARGO_DB=$facts_db "$MARGO" search '"banda musicale"' --format jsonl | sed -n 's/.*"passage":\([0-9]*\).*/\1/p' | head -1)
top5=$(MARGO_DB=$facts_db "$MARGO" related "$src" --limit 5 --format jsonl)
like "$top5" "^\{\"passage\":$teller," "each fact of a long passage gets its teller in the top five"
is "$(printf '%s\n' "$top5" | grep -c 'crepe')" 4 "and the fact most passages tell keeps the other four places"

# A passage of 4,000 sentences (one paragraph of 400 KB), in two articles:
# each sentence of one is compared with each of the other in groups, so
# the answer comes at once (it took minutes, the reader frozen on `r`);
# the timeout only keeps a hang from stopping the run.
long_db=$TEST_TMP/long.db
mkdir "$TEST_TMP/long"
for k in 1 2; do
	awk -v k="$k" 'BEGIN {
		split("governo ministro accordo confine sindaco porto sciopero scuola diga nave", w, " ")
		printf "Un paragrafo senza fine %d\n\n", k
		for (i = 0; i < 4000; i++)
			printf "Il %s e il %s del %s parlano a Roma di %d. ", w[i % 10 + 1], w[(i * 7 + k) % 10 + 1], w[(i * 3) % 10 + 1], i
		printf "\n"
	}' >"$TEST_TMP/long/$k.txt"
done
# (With the bundled corpus beside them, so that their words are not in
# every passage of the library.)
MARGO_DB=$long_db "$MARGO" add "$TEST_TMP/long" "$top_srcdir/corpus" >/dev/null 2>&1
long1=$(MARGO_DB=$long_db "$MARGO" search '"il ministro del governo parlano a Roma di 0"' --format jsonl | sed -n 's/.*"passage":\([0-9]*\),.*/\1/p' | head -1)
long2=$(MARGO_DB=$long_db "$MARGO" search '"il accordo del governo parlano a Roma di 0"' --format jsonl | sed -n 's/.*"passage":\([0-9]*\),.*/\1/p' | head -1)
out=$(MARGO_DB=$long_db timeout 60 "$MARGO" related "$long1" --limit 5 --format jsonl)
is "$?" 0 "related to a passage of 4,000 sentences answers"
like "$out" "^\\{\"passage\":$long2," "and finds the other long passage first"
out=$(MARGO_DB=$long_db timeout 60 "$MARGO" related "$long1" --sentence 4000 --limit 5 --format jsonl)
like "$out" "^\\{\"passage\":$long2," "its last sentence, asked about, finds it too"
err=$(MARGO_DB=$long_db timeout 60 "$MARGO" related "$long1" --sentence 4001 2>&1 >/dev/null)
is "$?" 2 "and there is no sentence 4001"

"$MARGO" related "$treaty1" --format jsonl | while IFS= read -r line; do
	case $line in
	*"\"article\":1,"*) echo "same article" ;;
	esac
done >"$TEST_TMP/same"
is "$(cat "$TEST_TMP/same")" "" "related passages come from other articles only"
has "$("$MARGO" related "$belousov1" --format jsonl)" "Belousov" "the reason names the shared entity"
err=$("$MARGO" related 99999 2>&1 >/dev/null)
is "$?" 0 "an unknown passage gives no related passages and no error"
err=$("$MARGO" related abc 2>&1 >/dev/null)
is "$?" 2 "a passage that is not a number exits 2"

done_testing
