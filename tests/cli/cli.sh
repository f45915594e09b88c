#!/bin/bash
# cli.sh: margo's command line, compared as text: --help and --version,
# add (and refresh), list, show and passages in both formats, where the
# library lives, JSON Lines input, and clear errors with the right exit
# status for bad arguments, missing and foreign libraries and hostile
# file names and text.
. "$top_srcdir/tests/lib.sh"

C=$top_srcdir/corpus

# ---- --help and --version ----------------------------------------------------
out=$("$MARGO" --help); rc=$?
is "$rc" 0 "--help exits 0"
has "$out" "Usage: margo [--db FILE] [--config FILE | -n] [PATH|URL...]" "--help starts with the usage"
has "$out" "passages [ID]" "--help lists the commands"
out=$("$MARGO" --version | head -1)
like "$out" '^margo [0-9]+\.[0-9]+\.[0-9]+$' "--version names margo and its version"
has "$("$MARGO" --version)" "GPL-3.0-or-later" "--version names the licence, GPL-3.0-or-later"
like "$(head -3 "$top_srcdir/COPYING")" 'GNU GENERAL PUBLIC LICENSE' "COPYING holds the GNU GPL"
has "$(head -3 "$top_srcdir/COPYING")" "Version 3" "COPYING is version 3 of the GPL"
hasnt "$("$MARGO" --help)" "complete" "--help does not list the completion helper"
for cmd in add list show passages; do
	out=$("$MARGO" "$cmd" --help); rc=$?
	is "$rc" 0 "$cmd --help exits 0"
	has "$out" "Usage: margo $cmd" "$cmd --help shows its usage"
done
err=$("$MARGO" --bogus 2>&1 >/dev/null); rc=$?
is "$rc" 2 "an unknown option exits 2"
has "$err" 'unknown option "--bogus"' "an unknown option is named"
err=$("$MARGO" list --format xml 2>&1 >/dev/null); rc=$?
is "$rc" 2 "an unknown format exits 2"
has "$err" 'unknown format "xml"' "an unknown format is named"

# ---- no library yet -------------------------------------------------------------
err=$("$MARGO" list 2>&1 >/dev/null); rc=$?
is "$rc" 3 "list without a library exits 3"
has "$err" "no library here yet" "list without a library says so"
ok "list without a library creates nothing" test ! -e "$MARGO_DB"

# ---- add and refresh ------------------------------------------------------------
out=$("$MARGO" add "$C"); rc=$?
is "$rc" 0 "add of the bundled corpus exits 0"
is "$out" "5 added, 0 updated, 0 unchanged" "add reports five new articles"
out=$("$MARGO" add "$C")
is "$out" "0 added, 0 updated, 5 unchanged" "a second add skips the unchanged files"
is "$(stat -c %a "$MARGO_DB")" 600 "the library is created 0600"

# ---- list -------------------------------------------------------------------------
out=$("$MARGO" list)
is "$out" "   1  -           L’incontro in corso a Pyongyang tra il presidente russo Vladimir Putin e quello…  (000_d4a5fe329111c680.txt)
   2  -           Putin rafforza i legami con Kim Jong-un in una nuova alleanza che preoccupa il mondo  (001_1ac69eb9278de9e8.txt)
   3  -           Kim Jong-un si rivolge a Putin: messaggi forti in un periodo di alleanze globali  (002_13a9d03e822ca098.txt)
   4  2023-09     Il Cremlino ha annunciato che il presidente russo Vladimir Putin si è…  (003_e93fc955fd364e9c.txt)
   5  -           Il leader nordcoreano Kim Jong-un ha recentemente ribadito il suo forte supporto…  (004_942992882ba05f51.txt)" \
	"list shows id, date, title and source"
out=$("$MARGO" list --format jsonl | sed -n 4p)
is "$out" '{"id":4,"title":"Il Cremlino ha annunciato che il presidente russo Vladimir Putin si è…","date":"2023-09","source":"003_e93fc955fd364e9c.txt"}' \
	"list --format jsonl gives one object per article"

# ---- show -------------------------------------------------------------------------
out=$("$MARGO" show 3 | head -5)
is "$out" "Kim Jong-un si rivolge a Putin: messaggi forti in un periodo di alleanze globali
Il rafforzamento delle relazioni tra Corea del Nord e Russia, evidenziato da un accordo di difesa e messaggi di amicizia, solleva interrogativi sulle ripercussioni geopolitiche a livello globale.
002_13a9d03e822ca098.txt

Nell’ambito delle attuali dinamiche geopolitiche, i rapporti tra Corea del Nord e Russia si fanno sempre più significativi. Kim Jong-un ha recentemente inviato una lettera di Capodanno a Vladimir Putin, definendolo “caro amico” e lodando il rafforzamento delle relazioni tra i due paesi. I media ufficiali nordcoreani hanno reso nota la comunicazione, sottolineando l’importanza di questi legami in un contesto internazionale caratterizzato da tensioni." \
	"show prints title, subtitle, source, then the text"
all=$("$MARGO" show 3)
hasnt "$all" "Foto generata con AI" "show 3 has no photo caption"
hasnt "$all" "Change privacy settings" "show 3 has no cookie banner"
unlike "$all" '^×$' "show 3 has no lone ×"
out=$("$MARGO" show 1 | sed -n 1,2p)
is "$out" "L’incontro in corso a Pyongyang tra il presidente russo Vladimir Putin e quello…
di Giuseppe Gagliano" "show 1 has the byline as its author, not in the text"
hasnt "$("$MARGO" show 1 | sed 1,3d)" "di Giuseppe Gagliano" "the byline is not in the text of article 1"
out=$("$MARGO" show 4 | sed -n 2p)
is "$out" "2023-09  003_e93fc955fd364e9c.txt" "show 4 has the date found in the text"
hasnt "$("$MARGO" show 4)" "date 2023-09" "the date label is not in the text of article 4"
json=$("$MARGO" show 3 --format jsonl)
has "$json" '"dropped":[{"kind":"title"' "show --format jsonl lists the dropped lines"
has "$json" '{"kind":"caption","text":"Kim Jong-un si rivolge a Putin: messaggi forti in un periodo di alleanze globali - Tendenzediviaggio.it - Foto generata con AI"}' \
	"the photo caption is dropped as a caption"
has "$json" '{"kind":"banner","text":"Change privacy settings"}' "the cookie banner is dropped as a banner"
has "$json" '{"kind":"symbol","text":"×"}' "the lone × is dropped as a symbol"
is "$(printf '%s\n' "$json" | wc -l)" 1 "show --format jsonl prints one line"
err=$("$MARGO" show 99 2>&1 >/dev/null); rc=$?
is "$rc" 2 "show of an unknown id exits 2"
has "$err" "no article 99" "show of an unknown id says so"
err=$("$MARGO" show abc 2>&1 >/dev/null); rc=$?
is "$rc" 2 "show of a non-number exits 2"

# ---- passages -----------------------------------------------------------------------
out=$("$MARGO" passages 2 --format jsonl | sed -n 4p)
is "$out" '{"id":11,"article":2,"n":4,"kind":"heading","text":"La partnership tra Russia e Corea del Nord: quali implicazioni?"}' \
	"passages --format jsonl carries id, article, n, kind and text"
n_all=$("$MARGO" passages | wc -l)
n_sum=0
for i in 1 2 3 4 5; do n_sum=$((n_sum + $("$MARGO" passages $i | wc -l))); done
is "$n_all" "$n_sum" "passages with no id lists every article's passages"
out=$("$MARGO" passages 1 | head -1 | cut -f1,2)
is "$out" "1	1:1" "plain passages start with the passage id and article:n"

# ---- where the library lives ----------------------------------------------------------
(
	unset MARGO_DB
	"$MARGO" add "$C/003_e93fc955fd364e9c.txt" >/dev/null
)
ok "without --db or MARGO_DB the library is under XDG_DATA_HOME" test -f "$XDG_DATA_HOME/margo/library.db"
is "$(stat -c %a "$XDG_DATA_HOME/margo")" 700 "its folder is created 0700"
out=$("$MARGO" list --db "$TEST_TMP/other.db" 2>&1); rc=$?
is "$rc" 3 "--db after the command is taken"
"$MARGO" --db="$TEST_TMP/other.db" add "$C/001_1ac69eb9278de9e8.txt" >/dev/null
is "$("$MARGO" list --db "$TEST_TMP/other.db" --format jsonl | wc -l)" 1 "--db=FILE and --db FILE name the same library"

# ---- foreign files are refused and left alone -------------------------------------------
printf 'my shopping list\nmilk\n' >"$TEST_TMP/notes.txt"
sum=$(cksum <"$TEST_TMP/notes.txt")
err=$("$MARGO" --db "$TEST_TMP/notes.txt" add "$C" 2>&1); rc=$?
is "$rc" 3 "a text file as library exits 3"
has "$err" "not a margo library" "a text file as library is refused"
is "$(cksum <"$TEST_TMP/notes.txt")" "$sum" "the refused file is unchanged"
ln -s "$MARGO_DB" "$TEST_TMP/link.db"
err=$("$MARGO" --db "$TEST_TMP/link.db" list 2>&1); rc=$?
is "$rc" 3 "a symlinked library exits 3"
has "$err" "symbolic link" "a symlinked library is refused"

# ---- JSON Lines in ----------------------------------------------------------------------
cat >"$TEST_TMP/feed.jsonl" <<'EOF'
{"title":"Nuovo vertice a Mosca","text":"Il vertice si è aperto ieri. I leader hanno discusso a lungo.","date":"2024-06-19","author":"Anna Bianchi","url":"https://www.example.it/esteri/1"}
{"title":"Riga rotta", "text":
{"title":"Seconda notizia","text":"Un altro testo.\n\nCon due paragrafi.","date":"19 giugno 2024"}
EOF
out=$("$MARGO" --db "$TEST_TMP/j.db" add "$TEST_TMP/feed.jsonl" 2>"$TEST_TMP/err"); rc=$?
is "$rc" 1 "a JSONL file with a bad line exits 1"
is "$out" "2 added, 0 updated, 0 unchanged; 1 skipped with a problem" "the good lines are added"
has "$(cat "$TEST_TMP/err")" "1 line is not a JSON object" "the bad line is reported once"
out=$("$MARGO" --db "$TEST_TMP/j.db" list --format jsonl)
is "$out" '{"id":1,"title":"Nuovo vertice a Mosca","date":"2024-06-19","source":"example.it"}
{"id":2,"title":"Seconda notizia","date":"2024-06-19","source":"feed.jsonl"}' \
	"JSONL fields give title, date and source"
out=$("$MARGO" --db "$TEST_TMP/j.db" show 1 | sed -n 2p)
is "$out" "di Anna Bianchi" "the JSONL author is the byline"
is "$("$MARGO" --db "$TEST_TMP/j.db" passages 2 | wc -l)" 2 "a JSONL text keeps its paragraphs"
# The same file in UTF-16 (with its byte-order mark) reads the same; a
# refresh of the unchanged file reads nothing again; CRLF line ends count
# as line ends.
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TEST_TMP/feed.jsonl"; } >"$TEST_TMP/feed16.jsonl"
out=$("$MARGO" --db "$TEST_TMP/j16.db" add "$TEST_TMP/feed16.jsonl" 2>"$TEST_TMP/err16")
is "$out" "2 added, 0 updated, 0 unchanged; 1 skipped with a problem" "a UTF-16 JSONL file loads like the UTF-8 one"
is "$("$MARGO" --db "$TEST_TMP/j16.db" list --format jsonl | sed 's/feed16/feed/')" \
	"$("$MARGO" --db "$TEST_TMP/j.db" list --format jsonl)" "with the same titles, dates and sources"
is "$("$MARGO" --db "$TEST_TMP/j.db" add "$TEST_TMP/feed.jsonl" 2>&1)" "0 added, 0 updated, 1 unchanged" \
	"an unchanged JSONL file is skipped whole"
sed 's/$/\r/' "$TEST_TMP/feed.jsonl" >"$TEST_TMP/crlf.jsonl"
out=$("$MARGO" --db "$TEST_TMP/crlf.db" add "$TEST_TMP/crlf.jsonl" 2>/dev/null)
is "$out" "2 added, 0 updated, 0 unchanged; 1 skipped with a problem" "CRLF line ends: the same two articles"

# ---- hostile names and text never reach the terminal raw ----------------------------------
mkdir "$TEST_TMP/hostile"
bad=$(printf '%s/hostile/a\033]2;PWNED\007\nb.txt' "$TEST_TMP")
printf '' >"$bad"
printf 'Titolo\033]2;PWNED\007 pulito\n\nTesto \033[2J con \033]52;c;ZXZpbA==\007 sequenze.\n' >"$TEST_TMP/hostile/text.txt"
"$MARGO" --db "$TEST_TMP/h.db" add "$TEST_TMP/hostile" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
ok "no ESC byte in the messages about a hostile file name" sh -c "! grep -q \"\$(printf '\\033')\" '$TEST_TMP/err'"
has "$(cat "$TEST_TMP/err")" "a^[]2;PWNED^G b.txt: empty file" "the hostile name is shown with visible markers"
"$MARGO" --db "$TEST_TMP/h.db" show 1 >"$TEST_TMP/show" 2>&1
ok "no ESC or BEL byte in show's output" sh -c "! grep -q \"\$(printf '[\\033\\007]')\" '$TEST_TMP/show'"
has "$(cat "$TEST_TMP/show")" "^[[2J" "escape sequences are shown as markers"
json=$("$MARGO" --db "$TEST_TMP/h.db" show 1 --format jsonl)
has "$json" 'Testo \u001b[2J con' "JSON escapes control characters"

# An Italian dateline opening the text gives the article its date and
# author when the file gives none.
mkdir -p "$TEST_TMP/dateline"
printf 'Il vertice di Roma\n\nRoma, 3 marzo 2024 \342\200\224 di Mario Rossi\n\nIl governo ha annunciato oggi un nuovo piano per le ferrovie del paese.\n' \
	>"$TEST_TMP/dateline/a.txt"
"$MARGO" --db "$TEST_TMP/dl.db" add "$TEST_TMP/dateline" >/dev/null 2>&1
like "$("$MARGO" --db "$TEST_TMP/dl.db" list)" "^ +1  2024-03-03  Il vertice di Roma" "a dateline gives the date"
has "$("$MARGO" --db "$TEST_TMP/dl.db" show 1 --format jsonl)" '"author":"Mario Rossi"' "and the author"

done_testing
