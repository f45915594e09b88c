#!/bin/bash
# apart.sh: a bare name kept apart is shown as such.
#
# Silvio Berlusconi and Pier Silvio Berlusconi are each named in full in
# an article of their own; a third article says only "Berlusconi".  The
# bare name there could be either: it is kept apart, and margo entities
# marks it and says which people it may be.  A surname that one person
# fits ("Putin") joins him and is not marked; once its article names a
# Berlusconi in full the mark is gone with the entity.  A library made
# before the mark existed gets it when first opened for writing.
. "$top_srcdir/tests/lib.sh"

SQL=$top_builddir/tests/helpers/sqlexec
D=$TEST_TMP/corpus
mkdir -p "$D"
printf 'Mediaset, il piano\n\nSilvio Berlusconi ha parlato ai soci. Berlusconi ha detto che il gruppo crescerà.\n' >"$D/a1.txt"
printf 'Mediaset, i conti\n\nPier Silvio Berlusconi ha presentato i conti. Berlusconi ha parlato di pubblicità.\n' >"$D/a2.txt"
printf 'Il vertice di Arcore\n\nBerlusconi ha ricevuto gli alleati ad Arcore. Secondo Berlusconi il governo durerà. Anche Putin ha telefonato.\n' >"$D/a3.txt"
printf 'Il Cremlino\n\nVladimir Putin ha parlato a Mosca.\n' >"$D/a4.txt"
is "$("$MARGO" add "$D" 2>&1)" "4 added, 0 updated, 0 unchanged" "four articles"

ents=$("$MARGO" entities --format jsonl)
has "$ents" '"name":"Berlusconi","mentions":2,"articles":1,"ambiguous":true,"fits":["Pier Silvio Berlusconi","Silvio Berlusconi"]}' \
	"jsonl: the bare Berlusconi is ambiguous and fits both people"
has "$ents" '"name":"Silvio Berlusconi","mentions":2,"articles":1}' \
	"Silvio Berlusconi, named in full, is not marked"
has "$ents" '"name":"Pier Silvio Berlusconi","mentions":2,"articles":1}' \
	"nor Pier Silvio Berlusconi"
has "$ents" '"name":"Vladimir Putin","mentions":2,"articles":2}' \
	"the bare Putin, which one person fits, joins him and is not marked"
is "$(printf '%s\n' "$ents" | grep -c '"ambiguous"')" 1 "only one entity is marked"

plain=$("$MARGO" entities)
like "$plain" '  Berlusconi \(\?\) which of: Pier Silvio Berlusconi, Silvio Berlusconi$' \
	"plain: the mark and the people it may be"
like "$plain" '  Silvio Berlusconi$' "plain: a full name has no mark"

art=$("$MARGO" entities --article 3 --format jsonl)
has "$art" '"name":"Berlusconi","here":2,"mentions":2,"articles":1,"ambiguous":true,' \
	"the entities of the article (the sidebar's) mark it too"
has "$art" '"name":"Vladimir Putin","here":1,' "and list its Putin as Vladimir Putin"

# A library from before the mark (schema 14): opened for writing, it gets
# the column and the mark.
cp "$MARGO_DB" "$TEST_TMP/old.db"
"$SQL" "$TEST_TMP/old.db" "ALTER TABLE entity DROP COLUMN fits; DROP TABLE feed; DROP TABLE feed_page; ALTER TABLE annotation DROP COLUMN coder; ALTER TABLE annotation_link DROP COLUMN coder; ALTER TABLE journal DROP COLUMN coder; PRAGMA user_version=14" >/dev/null
is "$("$MARGO" --db "$TEST_TMP/old.db" entities 2>&1 >/dev/null)" \
	"margo: $TEST_TMP/old.db: library needs an upgrade; open it once for writing" \
	"read-only, an old library asks to be upgraded"
is "$("$MARGO" --db "$TEST_TMP/old.db" add "$D" 2>&1)" "0 added, 0 updated, 4 unchanged" \
	"opened for writing, it is upgraded"
has "$("$MARGO" --db "$TEST_TMP/old.db" entities --format jsonl)" \
	'"name":"Berlusconi","mentions":2,"articles":1,"ambiguous":true,"fits":["Pier Silvio Berlusconi","Silvio Berlusconi"]}' \
	"and its bare Berlusconi is marked"
is "$("$MARGO" --db "$TEST_TMP/old.db" check 2>&1)" ok "the upgraded library passes margo check"

# A damaged list of people is no list: the mark stays, the names are none.
cp "$MARGO_DB" "$TEST_TMP/bad.db"
"$SQL" "$TEST_TMP/bad.db" "UPDATE entity SET fits = '[1,' WHERE name = 'Berlusconi'" >/dev/null
out=$("$MARGO" --db "$TEST_TMP/bad.db" entities 2>&1)
like "$out" '  Berlusconi \(\?\)$' "a damaged list: marked, no names, no error"

# Related passages follow each mention's own entity: a paragraph that says
# only "Berlusconi", in an article that names Silvio Berlusconi in full,
# shares Silvio Berlusconi with a passage of another article about him.
R=$TEST_TMP/related
mkdir -p "$R"
cp "$D"/a2.txt "$D"/a3.txt "$D"/a4.txt "$R/"
printf 'Mediaset, il piano\n\nL%sassemblea dei soci si è riunita a Milano.\n\nSilvio Berlusconi ha parlato ai soci riuniti per l%sassemblea annuale del gruppo.\n\nBerlusconi ha detto che il gruppo crescerà in Spagna con una nuova rete.\n' "'" "'" >"$R/a1.txt"
printf 'Televisione in Europa\n\nIl fondatore Silvio Berlusconi voleva da anni una televisione europea.\n' >"$R/a5.txt"
RDB=$TEST_TMP/related.db
"$MARGO" --db "$RDB" add "$R" >/dev/null 2>&1
src=$("$MARGO" --db "$RDB" passages --format jsonl | grep -F 'crescerà in Spagna' | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
to=$("$MARGO" --db "$RDB" passages --format jsonl | grep -F 'una televisione europea' | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
rel=$("$MARGO" --db "$RDB" related "$src" --format jsonl)
like "$rel" "^\\{\"passage\":$to,.*\"why\":\"shared: Silvio Berlusconi;" \
	"related: the bare Berlusconi of Silvio's article finds a passage on him elsewhere"
hasnt "$rel" '"why":"shared: Berlusconi;' "and shares nothing as the bare name kept apart"

# The third article names Silvio Berlusconi: its bare names are his, and
# nothing is left apart to mark.
printf 'Il vertice di Arcore\n\nSilvio Berlusconi ha ricevuto gli alleati ad Arcore. Secondo Berlusconi il governo durerà.\n' >"$D/a3.txt"
is "$("$MARGO" add "$D" 2>&1)" "0 added, 1 updated, 3 unchanged" "article 3 changes"
ents=$("$MARGO" entities --format jsonl)
has "$ents" '"name":"Silvio Berlusconi","mentions":4,"articles":2}' "Silvio Berlusconi has the bare names of article 3"
hasnt "$ents" '"ambiguous"' "no entity is marked"
is "$("$MARGO" check 2>&1)" ok "the library passes margo check"
done_testing
