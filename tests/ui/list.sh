#!/bin/bash
# tests/ui/list.sh: the article list as a reader of a large library uses it:
#   - o cycles the order (as added, date, title, source, most annotated),
#     the order named in the list's header;
#   - / filters the titles as they are typed (case and accents aside),
#     Enter keeps the filter ("3 of 40 match 'putin'"), Esc clears it;
#     / in the text pane still searches in the article;
#   - counts: 5j, 3k, 25G, 7g in the list; 3j in the text pane; the
#     pending count on the status line; Esc forgets it;
#   - the compact date of each row at 80 columns ("3 mar", "01/2024").

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

year=$(date +%Y)
lib="$TEST_TMP/list.jsonl"
{
	echo '{"title":"Putin a Pechino","text":"Il presidente russo è arrivato a Pechino. Ha incontrato Xi. Hanno firmato accordi. Poi una cena. Il giorno dopo è ripartito. La stampa ne ha scritto.","date":"2023-05-10","url":"https://b.example.it/1"}'
	echo '{"title":"Città del Vaticano, il Papa parla","text":"Il Papa ha parlato in piazza. Molti lo ascoltavano.","date":"'"$year"'-03-03","url":"https://a.example.it/2"}'
	echo '{"title":"Elezioni in Francia","text":"I francesi hanno votato. Lo spoglio è lento.","date":"2021-11-02","url":"https://c.example.it/3"}'
	echo '{"title":"PUTIN e la Cina","text":"Mosca guarda a est. Pechino ascolta.","date":"2024-01-15","url":"https://a.example.it/4"}'
	echo '{"title":"Zaino perduto a Putignano","text":"Uno zaino è stato trovato. Nessuno lo ha chiesto.","url":"https://d.example.it/5"}'
	for i in $(seq 6 40); do
		printf '{"title":"Notizia numero %02d","text":"Testo della notizia %d. Una seconda frase.","date":"2010-02-%02d","url":"https://e.example.it/%d"}\n' \
			"$i" "$i" $((i % 28 + 1)) "$i"
	done
} >"$lib"
"$MARGO" add "$lib" >/dev/null 2>&1 || fail "the library is made"
# One annotation on "Elezioni" (article 3), two on "Zaino" (article 5).
"$MARGO" annotate 3 0 10 --tag voto >/dev/null 2>&1
"$MARGO" annotate 5 0 4 --tag zaino >/dev/null 2>&1
"$MARGO" annotate 5 5 10 --tag zaino >/dev/null 2>&1

# The list's rows of a saved screen: the first column, up to its border.
# The titles of the list's rows of a saved screen (the mark of the open
# article and the date column cut).
rows() {
	sed -e '1d' -e '$d' "$RUN_DIR/$1" | sed -e 's/│.*//' -e 's/^.//' -e 's/  .*//' \
		-e 's/ [0-9][0-9]\/[0-9]*$//' -e 's/ *$//' | sed '/^$/d'
}

# ---------------------------------------------------------------------------
# 1. Orders: o cycles them, the header names the one in use.

run_script 100x30 <<'EOF'
:save-display added
U
o
:save-display date
o
:save-display title
o
:save-display source
o
:save-display annotated
o
:save-display unread
G
:save-display unread-end
o
:save-display again
EOF
expect_run_ok "o five times: the script runs to its end"
like "$(head -n 1 "$RUN_DIR/added")" '^ Articles \(40\) by added ' "at start: as added, said in the header"
like "$(sed -n 2p "$RUN_DIR/added")" '^▸Putin a Pechino' "as added: the first article loaded comes first, open"
like "$(head -n 1 "$RUN_DIR/date")" '^ Articles \(40\) by date ' "o: by date, said in the header"
is "$(rows date | head -n 4 | cut -c1-19)" "Città del Vaticano
PUTIN e la Cina
Putin a Pechino
Elezioni in Francia" "by date: newest first"
like "$(head -n 1 "$RUN_DIR/title")" '^ Articles \(40\) by title ' "o again: by title"
is "$(rows title | head -n 3 | cut -c1-19)" "Città del Vaticano
Elezioni in Francia
Notizia numero 06" "by title: alphabetical, case aside"
like "$(head -n 1 "$RUN_DIR/source")" '^ Articles \(40\) by source ' "o again: by source"
is "$(rows source | head -n 3 | cut -c1-19)" "Città del Vaticano
PUTIN e la Cina
Putin a Pechino" "by source: a.example.it, then b.example.it"
like "$(head -n 1 "$RUN_DIR/annotated")" '^ Articles \(40\) by annotated ' "o again: by most annotated"
is "$(rows annotated | head -n 3 | cut -c1-19)" "Zaino perduto a Put
Elezioni in Francia
Città del Vaticano" "most annotated first (2, then 1), then the rest newest first"
like "$(head -n 1 "$RUN_DIR/unread")" '^ Articles \(40\) by unread ' "o again: unread first"
isnt "$(rows unread | head -n 1)" "Putin a Pechino" "by unread: the article marked read (U) is not first"
is "$(rows unread-end | tail -n 1 | cut -c1-15)" "Putin a Pechino" "by unread: it is last"
like "$(head -n 1 "$RUN_DIR/again")" '^ Articles \(40\) by added ' "o at the last order: back to the first"

# Enter opens the row under the cursor in the order shown.
run_script 100x30 <<'EOF'
oo
j<Enter>
:save-state opened
<S-Tab>ooooo
G<Enter>
:save-state lastdate
<S-Tab>o
37j<Enter>
:save-state putin
EOF
is "$(state lastdate article.title)" "Zaino perduto a Putignano" "by date: the undated article last"
is "$(state putin article.title)" "Putin a Pechino" "by title: Putin after the 35 Notizie (37j from the first)"
is "$(state opened article.title)" "Elezioni in Francia" "by title, j Enter opens the second title"
is "$(state opened article.index)" "1" "... whose place is its place in that order"

# ---------------------------------------------------------------------------
# 2. The live filter.

run_script 100x30 <<'EOF'
/put
:save-display typing
<Enter>
:save-display kept
:save-state kept.state
<Enter>
:save-state opened
<S-Tab>
/<Esc>
:save-state all.state
/citta
:save-display accent
<Esc>
:save-display cleared
:save-state cleared.state
EOF
expect_run_ok "/ in the list: the script runs to its end"
like "$(head -n 1 "$RUN_DIR/typing")" "^ 3 of 40 match 'put'" "while typing: the list is filtered at once"
is "$(rows kept | cut -c1-30)" "Putin a Pechino
PUTIN e la Cina
Zaino perduto a Putig…" "Enter keeps the filter: the three titles with put, case aside"
like "$(head -n 1 "$RUN_DIR/kept")" "^ 3 of 40 match 'put' " "the header says how many match of how many"
is "$(state kept.state articles)" "3" "the list counts 3 rows"
is "$(state opened article.title)" "Putin a Pechino" "Enter again opens the first title that matches"
is "$(state all.state articles)" "40" "/ then Esc: the whole list again"
like "$(head -n 1 "$RUN_DIR/accent")" "^ 1 of 40 match 'citta'" "citta finds Città (accents aside)"
like "$(head -n 1 "$RUN_DIR/cleared")" '^ Articles \(40\) by added' "Esc clears the filter"
is "$(state cleared.state articles)" "40" "... and the whole list is back"

# / in the text pane searches in the article.
run_script 100x30 <<'EOF'
<Enter>
/pechino<Enter>
:save-display text
EOF
like "$(head -n 1 "$RUN_DIR/text")" '^ Articles \(40\) by added' "/ in the text pane: the list is not filtered"
has "$(tail -n 1 "$RUN_DIR/text")" "1/1" "/ in the text pane: a search in the article"

# ---------------------------------------------------------------------------
# 3. Counts.

run_script 100x30 <<'EOF'
5j
:save-state j5
3k
:save-state k3
25G
:save-state G25
7g
:save-state g7
G
:save-state G
g
12
:save-display pending
<Esc>j
:save-state esc
:save-display esc.screen
EOF
expect_run_ok "counts in the list: the script runs to its end"
is "$(state j5 list.sel)" "5" "5j moves five rows down"
is "$(state k3 list.sel)" "2" "3k moves three rows up"
is "$(state G25 list.sel)" "24" "25G goes to row 25"
is "$(state g7 list.sel)" "6" "7g goes to row 7"
is "$(state G list.sel)" "39" "G alone: the last row"
has "$(tail -n 1 "$RUN_DIR/pending")" "count 12" "the pending count shows on the status line"
is "$(state esc list.sel)" "1" "Esc forgets the count: j then moves one row"
hasnt "$(tail -n 1 "$RUN_DIR/esc.screen")" "count" "... and the status line no longer shows it"

run_script 100x30 <<'EOF'
<Enter>
3j
:save-state t3
2k
:save-state t2
5G
:save-state t5
99j
:save-state t99
EOF
expect_run_ok "counts in the text: the script runs to its end"
is "$(state t3 text.cursor)" "3" "3j in the text: three sentences down"
is "$(state t2 text.cursor)" "1" "2k in the text: two sentences up"
is "$(state t5 text.cursor)" "4" "5G in the text: the fifth sentence"
is "$(state t99 text.cursor)" "5" "99j in the text: stops at the last sentence"

# ---------------------------------------------------------------------------
# 4. Compact dates at 80 columns.

run_script 80x24 <<'EOF'
o
:save-display dates
EOF
expect_run_ok "80x24 by date: the script runs to its end"
like "$(sed -n 2p "$RUN_DIR/dates")" '^[ •]Città del Vatic… 3 mar  │' "80x24: a date of this year as day and month"
like "$(sed -n 3p "$RUN_DIR/dates")" '^[ •]PUTIN e la Cina  01/2024│' "80x24: a date of another year as month/year"
like "$(sed -n 4p "$RUN_DIR/dates")" '^.Putin a Pechino  05/2023│' "80x24: every row has its date, in one column"

run_script 200x30 <<'EOF'
o
:save-display wide
EOF
has "$(sed -n 3p "$RUN_DIR/wide")" "2024-01-15" "200 columns: the full date"

done_testing
