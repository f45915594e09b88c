#!/bin/bash
# resolve.sh: a bare surname is resolved in its article.
#
# "Rossi" is Mario Rossi in one article and Anna Rossi in another: each
# bare mention goes to the one full name of its article that it fits, so
# the two people get their own mentions and the sidebar counts them.  In
# an article that names no Rossi in full the surname could be either: it
# is kept apart, an entity of its own.  A change to an article resolves
# its names again.
. "$top_srcdir/tests/lib.sh"

D=$TEST_TMP/corpus
mkdir -p "$D"
printf 'Il bilancio di Pavia\n\nMario Rossi, sindaco di Pavia, ha presentato il bilancio. Secondo Rossi la città ha i conti in ordine. Rossi ha poi lasciato la sala.\n' >"$D/a1.txt"
printf 'Vaccini in arrivo\n\nAnna Rossi, ministra della Salute, ha parlato a Roma. Rossi ha detto che i vaccini arriveranno presto. La ministra Rossi tornerà domani.\n' >"$D/a2.txt"
printf 'Il mercato di Pavia\n\nIl sindaco Rossi ha visitato il mercato coperto. Rossi ha detto che tornerà a marzo.\n' >"$D/a3.txt"
is "$("$MARGO" add "$D" 2>&1)" "3 added, 0 updated, 0 unchanged" "three articles"

ents=$("$MARGO" entities --format jsonl)
has "$ents" '"name":"Mario Rossi","mentions":3,"articles":1}' \
	"Mario Rossi has his full name and the two bare Rossi of his article"
has "$ents" '"name":"Anna Rossi","mentions":3,"articles":1}' \
	"Anna Rossi has hers, though the same surname means Mario elsewhere"
has "$ents" '"name":"Rossi","mentions":2,"articles":1,"ambiguous":true,"fits":["Anna Rossi","Mario Rossi"]}' \
	"the bare Rossi of the article with no full name is kept apart, and marked so"

m=$("$MARGO" mentions "Mario Rossi" --format jsonl)
is "$(printf '%s\n' "$m" | grep -c '"article":1,')" 3 "margo mentions \"Mario Rossi\": three, all in his article"
is "$(printf '%s\n' "$m" | grep -c '"text":"Rossi"')" 2 "two of them the bare surname"
is "$("$MARGO" mentions "Anna Rossi" --format jsonl | grep -c '"article":2,')" 3 \
	"margo mentions \"Anna Rossi\": three, in her article"
is "$("$MARGO" mentions "Rossi" --format jsonl | grep -c '"article":3,')" 2 \
	"margo mentions \"Rossi\": only the article that names no one in full"

side=$("$MARGO" entities --article 2 --format jsonl)
has "$side" '"name":"Anna Rossi","here":3,"mentions":3,"articles":1}' \
	"the sidebar of article 2 counts Anna Rossi's three mentions there"
hasnt "$side" '"name":"Rossi"' "and lists no bare Rossi beside her"

# The figure: every bare surname of an article with one full name is his.
if command -v sqlite3 >/dev/null; then
	is "$("$top_srcdir/tools/resolution-score" "$MARGO_DB")" "resolution: 4/4 = 1.000" \
		"tools/resolution-score counts 4 bare mentions, all resolved"
else
	skip "tools/resolution-score counts 4 bare mentions, all resolved" "no sqlite3"
fi

# Re-adding an article with the same names keeps the resolution.
printf '\nUna riga in più.\n' >>"$D/a1.txt"
is "$("$MARGO" add "$D" 2>&1)" "0 added, 1 updated, 2 unchanged" "article 1 changes, its names do not"
has "$("$MARGO" entities --format jsonl)" '"name":"Mario Rossi","mentions":3,"articles":1}' \
	"Mario Rossi keeps his three mentions"

# The third article now names Mario Rossi: its bare Rossi are his, and
# the entity kept apart is gone.
printf 'Il mercato di Pavia\n\nIl sindaco Mario Rossi ha visitato il mercato coperto. Rossi ha detto che tornerà a marzo.\n' >"$D/a3.txt"
is "$("$MARGO" add "$D" 2>&1)" "0 added, 1 updated, 2 unchanged" "article 3 changes"
ents=$("$MARGO" entities --format jsonl)
has "$ents" '"name":"Mario Rossi","mentions":5,"articles":2}' "Mario Rossi has the bare Rossi of article 3 too"
hasnt "$ents" '"name":"Rossi"' "no bare Rossi is left apart"
is "$("$MARGO" check 2>&1)" ok "the library passes margo check"
done_testing
