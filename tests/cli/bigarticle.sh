#!/bin/bash
# bigarticle.sh: one article of megabytes (80,000 short paragraphs, a name
# in half of them, accented letters before it) costs its size, not its
# size for each passage, mention or annotation.  Adding it, listing its
# passages, its name's mentions in context and 40,000 annotations on it
# each take well under a second of work; reading the whole body again for
# every passage made them take minutes.  Each command gets a generous 60 s
# and must also give the right text: the passages cut at their places, the
# last mention's context, every annotation in place with its offsets.
. "$top_srcdir/tests/lib.sh"

N=80000          # paragraphs after the title and the subtitle
LIMIT=60         # seconds allowed to each command

awk -v n="$N" 'BEGIN {
	print "Cronaca di una lunga giornata in città"
	print "Il consiglio comunale si è riunito per tutto il giorno."
	for (i = 1; i <= n; i++)
		if (i % 2)
			printf "Già là, il sindaco Mario Rossi è arrivato al comune numero %d, più tardi del previsto.\n", i
		else
			printf "La giunta ha discusso del tram %d.\n", i
}' >"$TEST_TMP/lunga.txt"
diag "the article: $(wc -c <"$TEST_TMP/lunga.txt") bytes, $N paragraphs"

# run NAME CMD...: CMD's output in $TEST_TMP/NAME.out, its status in $rc.
run() {
	_name=$1
	shift
	rc=0
	timeout "$LIMIT" "$@" >"$TEST_TMP/$_name.out" 2>"$TEST_TMP/$_name.err" || rc=$?
	[ "$rc" != 124 ] || diag "$_name: not done within $LIMIT s"
}

# ---- adding --------------------------------------------------------------------
run add "$MARGO" add "$TEST_TMP/lunga.txt"
is "$rc" 0 "margo add finishes within $LIMIT s"
has "$(cat "$TEST_TMP/add.out")" "1 added" "and adds the article"

# ---- passages ------------------------------------------------------------------
run passages "$MARGO" passages 1
is "$rc" 0 "margo passages finishes within $LIMIT s"
is "$(wc -l <"$TEST_TMP/passages.out" | tr -d ' ')" "$N" "it prints every passage"
is "$(sed -n 1p "$TEST_TMP/passages.out" | cut -f 2-)" \
	"1:1	Già là, il sindaco Mario Rossi è arrivato al comune numero 1, più tardi del previsto." \
	"the first passage is cut at its place"
is "$(tail -n 1 "$TEST_TMP/passages.out" | cut -f 2-)" "1:$N	La giunta ha discusso del tram $N." \
	"and so is the last"

# ---- mentions ------------------------------------------------------------------
run mentions "$MARGO" mentions "Mario Rossi" --format jsonl
is "$rc" 0 "margo mentions finishes within $LIMIT s"
is "$(wc -l <"$TEST_TMP/mentions.out" | tr -d ' ')" "$((N / 2))" "it lists every mention"
last=$(tail -n 1 "$TEST_TMP/mentions.out")
has "$last" "\"paragraph\":$((N - 1)),\"start\":" "the last mention is in the last paragraph but one"
has "$last" "\"text\":\"Mario Rossi\",\"left\":\"Già là, il sindaco \",\"right\":\" è arrivato al comune numero $((N - 1)), più \"" \
	"its context is the paragraph's text around it, 40 characters at most"

# ---- refreshing -----------------------------------------------------------------
# The last paragraph changes: the article's old passages leave the index,
# its new ones come in, its paragraphs are written again.
sed "\$s/del tram $N\./del treno $N./" "$TEST_TMP/lunga.txt" >"$TEST_TMP/lunga.new"
mv "$TEST_TMP/lunga.new" "$TEST_TMP/lunga.txt"
run refresh "$MARGO" add "$TEST_TMP/lunga.txt"
is "$rc" 0 "margo add of the changed article finishes within $LIMIT s"
has "$(cat "$TEST_TMP/refresh.out")" "1 updated" "and updates it"
is "$("$MARGO" passages 1 | tail -n 1 | cut -f 2-)" "1:$N	La giunta ha discusso del treno $N." \
	"the last passage has its new text"
is "$("$MARGO" search treno --format jsonl | grep -c '"snippet"')" 1 "search finds the new word, once"
is "$("$MARGO" search "\"tram $N\"" --format jsonl | grep -c '"snippet"')" 0 \
	"and no longer the words that went"

# ---- annotations ---------------------------------------------------------------
# One annotation on every mention of the name, as a reader who marks each
# would make them (written straight into the library: making 40,000 by
# hand is not what is tested).
python3 - "$MARGO_DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("""
INSERT INTO annotation(id, article, quote, made_start, made_end, made_hash, start, end,
                       placed_hash, created, updated)
SELECT printf('urn:uuid:%08d-0000-4000-8000-000000000000', m.n), m.article, 'Mario Rossi',
       m.start, m.end, a.text_hash, m.start, m.end, a.text_hash,
       '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM mention m JOIN article a ON a.id = m.article""")
db.commit()
EOF
run annotations "$MARGO" annotations
is "$rc" 0 "margo annotations finishes within $LIMIT s"
is "$(wc -l <"$TEST_TMP/annotations.out" | tr -d ' ')" "$((N / 2))" "it lists every annotation"
is "$(grep -c '  exact   \[\]  Mario Rossi$' "$TEST_TMP/annotations.out")" "$((N / 2))" \
	"each is placed exactly on the name"
is "$(cat "$TEST_TMP/annotations.err")" "" "no quote is reported out of place"
run export "$MARGO" export --format csv
is "$rc" 0 "margo export finishes within $LIMIT s"
# The last mention's place in the body (its paragraphs joined by blank
# lines): paragraphs 1 to N-2 (lines 3 to N of the file), and "Già là,
# il sindaco " on its own line.
start=$(( $(sed -n "3,${N}p" "$TEST_TMP/lunga.txt" | wc -m) + N - 2 + 19 ))
last_id=$(printf 'urn:uuid:%08d-0000-4000-8000-000000000000' $((N / 2 - 1)))
is "$(grep "^$last_id," "$TEST_TMP/export.out" | tr -d '\r')" \
	"$last_id,1,Cronaca di una lunga giornata in città,margo:lunga.txt,,$start,$((start + 11)),Mario Rossi,,,,2024-01-01T00:00:00Z,exact" \
	"the last one keeps its place in the export ($start..$((start + 11)))"

done_testing
