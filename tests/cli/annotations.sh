#!/bin/bash
# annotations.sh: annotations from the command line: annotate, list and
# filter by tag (with its hierarchy), export as W3C JSON-LD, JSONL, CSV and
# Markdown (checked against the text; files made 0600, never overwritten
# silently), import and merge by id (twice changes nothing; a changed one
# keeps the newer and records a conflict), and re-anchoring when an article
# is refreshed: moved, fuzzy, orphan, never lost.
. "$top_srcdir/tests/lib.sh"

mkdir "$TEST_TMP/corpus"
cp "$top_srcdir"/corpus/*.txt "$TEST_TMP/corpus/"
"$MARGO" add "$TEST_TMP/corpus" >/dev/null 2>&1

# The code-point offsets of a phrase in article N's text: the text is what
# "margo show" prints after its header; bash counts characters.
span_of() {
	_body=$("$MARGO" show "$1" | sed '1,/^$/d')
	case $_body in *"$2"*) ;; *) return ;; esac
	_pre=${_body%%"$2"*}
	echo "${#_pre}" "$((${#_pre} + ${#2}))"
}

# ---- annotate and list ----------------------------------------------------------
read -r s e <<<"$(span_of 4 "consigliere per la sicurezza nazionale Jake Sullivan")"
ok "the phrase is found in article 4 ($s..$e)" test -n "$s"
id=$("$MARGO" annotate 4 "$s" "$e" --tag "persone/consiglieri, usa" --note "Sullivan, citato" --author tester)
like "$id" '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' \
	"annotate prints a random UUID"
out=$("$MARGO" annotations)
has "$out" "consigliere per la sicurezza nazionale Jake Sullivan" "annotations lists the quote"
has "$out" "[persone/consiglieri, usa]" "with its tags"
has "$out" "exact" "placed exactly"
json=$("$MARGO" annotations --format jsonl)
has "$json" '"type":"TextQuoteSelector","exact":"consigliere per la sicurezza nazionale Jake Sullivan"' \
	"the JSON target has a TextQuoteSelector"
has "$json" "\"type\":\"TextPositionSelector\",\"start\":$s,\"end\":$e" \
	"and a TextPositionSelector in code points"
has "$json" '"purpose":"tagging","value":"persone/consiglieri"' "tags are tagging bodies"
has "$json" '"purpose":"commenting","value":"Sullivan, citato"' "the note is a commenting body"
has "$json" '"creator":{"type":"Person","name":"tester"}' "the author (--author: the coder) is the creator, a Person"

read -r s2 e2 <<<"$(span_of 1 "forniture di artiglieria nordcoreane")"
"$MARGO" annotate 1 "$s2" "$e2" --tag "militare/munizioni" --note 'Dice "10mila container", poi
una riga nuova' >/dev/null
read -r s3 e3 <<<"$(span_of 1 "Andrey Belousov")"
"$MARGO" annotate 1 "$s3" "$e3" --tag militare >/dev/null
is "$("$MARGO" annotations --tag militare | wc -l)" 2 "a tag lists its children too (militare/munizioni)"
is "$("$MARGO" annotations --tag militare/munizioni | wc -l)" 1 "a child tag lists only its own"
is "$("$MARGO" annotations --article 4 | wc -l)" 1 "--article filters by article"
err=$("$MARGO" annotate 4 10 5 2>&1 >/dev/null)
is "$?" 2 "an empty or reversed span exits 2"
has "$err" "is not a span of article 4" "and says why"

# ---- export ------------------------------------------------------------------------
is "$("$MARGO" export --format jsonl)" "$("$MARGO" annotations --format jsonl)" \
	"export jsonl is the listing's JSON Lines"
w3c=$("$MARGO" export --format w3c)
has "$w3c" '"type": "AnnotationCollection"' "w3c is an annotation collection"
has "$w3c" '"total": 3' "with its total"
csv=$("$MARGO" export --format csv)
is "$(printf '%s\n' "$csv" | head -1 | tr -d '\r')" "id,article,title,source,date,start,end,quote,tag,note,author,created,status" \
	"CSV has a header"
has "$csv" '"Dice ""10mila container"", poi' "CSV doubles quotes and quotes fields with newlines"
is "$(printf '%s\n' "$csv" | grep -c ',persone/consiglieri,\|,usa,')" 2 "CSV has one row per annotation and tag"
has "$("$MARGO" export --format csv --separator ';' | head -1)" "id;article;title" "--separator ';'"
md=$("$MARGO" export --format markdown)
like "$md" '^## militare$' "Markdown groups by tag"
like "$md" '^### munizioni$' "nested by its levels: militare/munizioni is munizioni a level under militare"
like "$md" '^#### L’incontro' "and its article a level under it"
has "$md" "> forniture di artiglieria nordcoreane" "and quotes the passages"
"$MARGO" export --format jsonl -o "$TEST_TMP/out.jsonl"
is "$(stat -c %a "$TEST_TMP/out.jsonl")" 600 "-o writes a file made 0600"
sum=$(cksum <"$TEST_TMP/out.jsonl")
err=$("$MARGO" export --format csv -o "$TEST_TMP/out.jsonl" 2>&1)
is "$?" 3 "an existing file is not overwritten"
has "$err" "exists already; give --force" "and margo says how"
is "$(cksum <"$TEST_TMP/out.jsonl")" "$sum" "the file is unchanged"
"$MARGO" export --format csv -o "$TEST_TMP/out.jsonl" --force
like "$(head -1 "$TEST_TMP/out.jsonl")" '^id,article' "--force replaces it"

# ---- import and merge ----------------------------------------------------------------
"$MARGO" export --format jsonl -o "$TEST_TMP/mine.jsonl"
other="$TEST_TMP/other.db"
"$MARGO" --db "$other" add "$TEST_TMP/corpus" >/dev/null 2>&1
out=$("$MARGO" --db "$other" import "$TEST_TMP/mine.jsonl")
is "$out" "3 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" "import adds what is new"
out=$("$MARGO" --db "$other" import "$TEST_TMP/mine.jsonl")
is "$out" "0 added, 3 unchanged, 0 updated, 0 conflicts, 0 skipped" "importing twice changes nothing"
is "$("$MARGO" --db "$other" annotations --format jsonl)" "$("$MARGO" annotations --format jsonl)" \
	"the round trip gives the same annotations"
# A newer change in the file: taken, ours recorded as a conflict.
sed -e 's/"value":"Sullivan, citato"/"value":"Sullivan, consigliere"/' \
	-e 's/"modified":"[^"]*"/"modified":"2099-01-01T00:00:00Z"/' "$TEST_TMP/mine.jsonl" >"$TEST_TMP/newer.jsonl"
out=$("$MARGO" --db "$other" import "$TEST_TMP/newer.jsonl")
is "$out" "0 added, 2 unchanged, 1 updated, 1 conflicts, 0 skipped" "a newer change is taken, the old one kept as a conflict"
has "$("$MARGO" --db "$other" annotations --format jsonl)" "Sullivan, consigliere" "the newer note is in"
out=$("$MARGO" --db "$other" import "$TEST_TMP/newer.jsonl")
is "$out" "0 added, 3 unchanged, 0 updated, 0 conflicts, 0 skipped" "and importing it again changes nothing"
# An older change: ours is kept, theirs is the conflict.
out=$("$MARGO" --db "$other" import "$TEST_TMP/mine.jsonl")
is "$out" "0 added, 2 unchanged, 0 updated, 1 conflicts, 0 skipped" "an older change is a conflict; ours stays"
has "$("$MARGO" --db "$other" annotations --format jsonl)" "Sullivan, consigliere" "the newer note stays"
printf '{"id":"urn:uuid:x","target":{"source":"nowhere","selector":[{"type":"TextQuoteSelector","exact":"abc"}]}}\nnot json\n' >"$TEST_TMP/bad.jsonl"
out=$("$MARGO" --db "$other" import "$TEST_TMP/bad.jsonl" 2>"$TEST_TMP/err")
is "$?" 1 "unusable lines exit 1"
is "$out" "0 added, 0 unchanged, 0 updated, 0 conflicts, 2 skipped" "and are skipped"
has "$(cat "$TEST_TMP/err")" "is not in this library" "an unknown article is reported"
# A newer version of an annotation that another one links to: taken in
# place, the link kept (it once failed on the link's foreign key).
linked="$TEST_TMP/linked.db"
"$MARGO" --db "$linked" add "$top_srcdir/corpus" >/dev/null 2>&1
out=$("$MARGO" --db "$linked" import "$top_srcdir/fuzz/annot_base.jsonl")
has "$out" "3 added" "three linked annotations imported"
out=$("$MARGO" --db "$linked" import "$top_srcdir/fuzz/seeds/annot_import/newer-and-older" 2>&1)
is "$out" "0 added, 0 unchanged, 1 updated, 2 conflicts, 0 skipped" \
	"a newer version of a link target is taken"
out=$("$MARGO" --db "$linked" export --format jsonl)
has "$out" '"links":[{"target":"urn:uuid:00000000-0000-4000-8000-000000000001","kind":"same claim"}]' \
	"and the link to it is kept"
has "$out" "changed elsewhere" "with the newer note"
# Strings where the W3C model has objects (a "body", a selector, a link):
# skipped or ignored, never an error for the whole file (the links that
# are strings are reported, and so are the ids that are not UUIDs).
"$MARGO" --db "$linked" import "$top_srcdir/fuzz/crashes/annot_import/strings-where-objects-belong" \
	>"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "strings in place of objects do not stop an import"
is "$(cat "$TEST_TMP/out")" "2 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" \
	"and the annotations around them are taken"
has "$(cat "$TEST_TMP/err")" "2 links skipped" "the links that are strings are reported"
# Text that is not UTF-8 (a lone surrogate escape) is not stored: U+FFFD
# takes its place, and margo says so.
printf '{"id":"urn:uuid:sur","body":[{"purpose":"commenting","value":"\\ud800"}],"target":{"selector":[{"type":"TextQuoteSelector","exact":"Russia"}]},"margo":{"title":"Putin rafforza i legami con Kim Jong-un in una nuova alleanza che preoccupa il mondo"}}\n' \
	>"$TEST_TMP/surrogate.jsonl"
"$MARGO" --db "$linked" import "$TEST_TMP/surrogate.jsonl" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "an annotation holding a lone surrogate in its note is reported"
has "$(cat "$TEST_TMP/err")" "not valid UTF-8" "and margo says why"

# ---- re-anchoring when an article changes ----------------------------------------------
f="$TEST_TMP/corpus/003_e93fc955fd364e9c.txt"
before=$("$MARGO" annotations --article 4 --format jsonl)
# A paragraph inserted before the quote (after the first one): moved.
sed -i '2a Un paragrafo nuovo, scritto dopo la prima versione, arriva qui. Sposta tutto quello che segue.\n' "$f"
out=$("$MARGO" add "$TEST_TMP/corpus")
has "$out" "annotations: 0 exact, 1 moved, 0 fuzzy, 0 orphans" "a paragraph inserted before: moved, and said so"
after=$("$MARGO" annotations --article 4 --format jsonl)
has "$after" '"exact":"consigliere per la sicurezza nazionale Jake Sullivan"' "the quote is kept"
has "$after" '"status":"moved"' "the status says moved"
isnt "$after" "$before" "the offsets changed with the text"
# A word changed inside the quote: fuzzy.
sed -i 's/sicurezza nazionale Jake Sullivan/sicurezza interna Jake Sullivan/' "$f"
out=$("$MARGO" add "$TEST_TMP/corpus")
has "$out" "1 fuzzy" "a word changed inside: fuzzy"
has "$("$MARGO" annotations --article 4)" "fuzzy" "the listing says fuzzy"
# The quote deleted: an orphan, kept.
sed -i 's/il consigliere per la sicurezza interna Jake Sullivan ha assicurato/un funzionario ha assicurato/' "$f"
out=$("$MARGO" add "$TEST_TMP/corpus")
has "$out" "1 orphan" "the quote deleted: an orphan"
is "$("$MARGO" annotations | wc -l)" 3 "no annotation is lost"
err=$("$MARGO" export --format jsonl 2>&1 >/dev/null)
has "$err" "not at its place (orphan); written without a position" "export reports the orphan"
"$MARGO" export --format jsonl >/dev/null 2>&1
is "$?" 1 "and exits 1"

# ---- two processes annotating at once: each change is its own short
# transaction; neither waits long, fails or loses one. ----------------------------------
conc="$TEST_TMP/conc.db"
"$MARGO" --db "$conc" add "$TEST_TMP/corpus" >/dev/null 2>&1
before=$("$MARGO" --db "$conc" annotations | wc -l)
for p in 1 2 3; do
	(
		for i in $(seq 1 30); do
			"$MARGO" --db "$conc" annotate "$p" "$i" $((i + 7)) --tag "proc$p" >/dev/null ||
				echo "annotate $p $i failed"
		done
	) >"$TEST_TMP/conc$p.out" 2>&1 &
done
wait
is "$(cat "$TEST_TMP"/conc?.out)" "" "three processes annotating at once: none fails"
is "$("$MARGO" --db "$conc" annotations | wc -l)" $((before + 90)) "and none is lost"
for p in 1 2 3; do
	is "$("$MARGO" --db "$conc" annotations --tag "proc$p" | wc -l)" 30 "process $p: all its 30 are there"
done

done_testing
