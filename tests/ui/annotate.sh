#!/bin/bash
# annotate.sh: annotating by keyboard (layer A, scripted): v selects the
# sentence at the cursor, w b ( ) { } move the selection's end, Esc
# cancels; a asks for tags and saves at once (the selection, or the
# sentence); annotated text is marked in the text and the margin; A lists
# the annotations, Enter jumps, back returns, d deletes, u undoes; all of it
# is in the library after margo quits.
. "$top_srcdir/tests/ui/lib.sh"

fresh_library

# ---- selecting ---------------------------------------------------------------------
run_script 100x30 <<'EOF'
<Enter>
v
:save-state sentence
b
b
:save-state shorter
w
:save-state longer
)
:save-state end
)
:save-state next
(
:save-state back
}
:save-state para
<Esc>
:save-state cancelled
EOF
expect_run_ok "selection: the script runs"
first=$(state sentence selection)
like "$first" '^L’incontro in corso a Pyongyang .* tensioni globali attuali\.$' "v selects the sentence at the cursor"
like "$(state shorter selection)" 'tensioni $' "b b takes two words off its end"
like "$(state longer selection)" 'tensioni globali$' "w adds a word"
like "$(state end selection)" 'tensioni globali attuali\.$' "\")\" runs to the end of the sentence"
like "$(state next selection)" 'attuali\. La visita di Putin .*regimi\.$' "\")\" again, to the end of the next one"
like "$(state back selection)" 'tensioni globali attuali\.$' "\"(\" goes back a sentence"
like "$(state para selection)" 'sostenere i rispettivi regimi\.$' "\"}\" runs to the end of the paragraph"
expect_state cancelled text.selecting 0 "Esc cancels the selection"

# A selection never ends inside a grapheme cluster: combining accents,
# emoji joined by ZWJ, flags (pairs of regional indicators), VS16.
gdb="$TEST_TMP/graphemes.db"
"$MARGO" --db "$gdb" add "$top_srcdir/tests/fixtures/hostile/graphemes.txt" >/dev/null 2>&1
{
	printf '<Enter>\nv\n:save-state g0\n'
	for i in $(seq 1 24); do printf 'b\n:save-state g%d\n' "$i"; done
} >"$TEST_TMP/graphemes.script"
run_script 100x30 --db "$gdb" <"$TEST_TMP/graphemes.script"
expect_run_ok "graphemes: the script runs"
sentence=$(state g0 selection.raw)
is "$sentence" "$(sed -n 5p "$top_srcdir/tests/fixtures/hostile/graphemes.txt")" \
	"v selects the sentence with accents, emoji and flags"
split=
for i in $(seq 1 24); do
	sel=$(state "g$i" selection.raw)
	rest=${sentence#"$sel"}
	case $sel in *$'\u200d') split="$split g$i:[$sel]" ;; esac
	case $rest in
	"$sentence" | $'\u0303'* | $'\u200d'* | $'\ufe0f'* | $'\U0001f1f9'* | $'\U0001f1f5'*) split="$split g$i:[$sel]" ;;
	esac
done
is "$split" "" "b shrinks it word by word, never inside a grapheme cluster"
like "$(state g24 selection.raw)" '^Il $' "down to the first word"
diag "$(for i in 3 6 9 12 15 18 21; do printf '[%s] ' "$(state "g$i" selection.raw)"; done)"

# e selects the entity mention at the cursor.
run_script 100x30 <<'EOF'
<Enter>
e
:save-state mention
EOF
expect_state mention selection "Pyongyang" "e selects the first entity mention of the sentence"
expect_state mention text.selecting 1 "as a selection, ready for a"

# ---- annotating -----------------------------------------------------------------------
run_script 100x30 <<'EOF'
<Enter>
v
bb
a
prova, militare/munizioni
<Enter>
:save-state saved
:save-display saved.screen
:save-attrs saved.attrs
jj
a
<Esc>
:save-state escaped
a
sola frase
<Enter>
:save-state sentence
EOF
expect_run_ok "annotating: the script runs"
expect_state saved message "annotated: prova, militare/munizioni (c: a note, H: a colour)" "a saves at once and says so"
expect_state saved text.selecting 0 "the selection ends"
expect_state saved text.annotated 1 "the text knows its annotation"
like "$(screen saved.screen)" '│▎L’incontro in corso' "a mark in the margin"
ok "the annotated words are underlined" grep -q 'u' "$RUN_DIR/saved.attrs"
like "$(screen saved.screen)" '│ Annotation \[gre\] *$' "the sidebar shows the annotation at the cursor, with its colour"
like "$(screen saved.screen)" '│ militare/munizioni, *$' "with its tags, wrapped"
expect_state escaped message "not annotated" "Esc at the tags leaves it"
expect_state sentence text.annotated 2 "a with no selection annotates the sentence at the cursor"
out=$("$MARGO" annotations)
is "$(printf '%s\n' "$out" | wc -l)" 2 "both are in the library after margo quits"
has "$out" "[militare/munizioni, prova]  L’incontro in corso a Pyongyang" "with their tags"
like "$out" 'tensioni\s*$' "the selection was saved as shown, no blank at its end"
has "$out" "[sola frase]" "a tag may have a space"

# ---- the list, jumping, deleting, undo ---------------------------------------------------
run_script 100x30 <<'EOF'
GG
<Enter>
A
:save-state list
:save-display list.screen
j
<Enter>
:save-state jumped
<C-o>
:save-state back
d
:save-state deleted
u
:save-state undone
EOF
expect_run_ok "list: the script runs"
expect_state list annotations.open 1 "A lists the annotations"
expect_state list annotations.n 2 "all of them"
has "$(screen list.screen)" "[militare/munizioni, prova]" "each with its tags"
expect_state jumped annotations.open 0 "Enter jumps to the annotation"
expect_state jumped article.id 1 "in its article"
expect_state jumped focus text "the text has the focus"
expect_state back annotations.open 1 "back returns to the list"
expect_state deleted annotations.n 1 "d deletes"
expect_state deleted message "deleted (u brings it back)" "and says u brings it back"
is "$("$MARGO" annotations | wc -l)" 2 "u: the deleted one is back in the library"
expect_state undone annotations.n 2 "u brings it back"

# ---- completion from the codebook, and the codebook ----------------------------------
run_script 100x30 <<'EOF'
<Enter>
jjj
a
mil<Tab>
:save-state typed
<C-u>sola<Tab>
<Enter>
:save-state completed
C
:save-state codebook
:save-display codebook.screen
jj
R
<C-u>sola frase
<Enter>
:save-state merged
EOF
expect_run_ok "codebook: the script runs"
expect_state completed message "annotated: sola frase (c: a note, H: a colour)" "Tab completes a tag from the codebook"
expect_state codebook codebook.open 1 "C opens the codebook"
expect_state codebook codebook.n 3 "with every tag"
like "$(screen codebook.screen)" '│ ▾ militare +- +1 *$' "a tree: militare, only a level, with the count of its branch"
like "$(screen codebook.screen)" '│     munizioni +1 +1 *$' "each tag under its parent with its count"
like "$(screen codebook.screen)" '│   sola frase +2 +2 *$' "counts are of live annotations"
expect_state merged codebook.n 2 "renaming onto an existing tag merges the two"
has "$("$MARGO" annotations)" "[militare/munizioni, sola frase]" "the merged tag is on the annotation"

# ---- the list: filter, sort, and the review after an edit ------------------------------
mkdir "$TEST_TMP/corpus"
cp "$top_srcdir"/corpus/*.txt "$TEST_TMP/corpus/"
lib="$TEST_TMP/review.db"
"$MARGO" --db "$lib" add "$TEST_TMP/corpus" >/dev/null 2>&1
body=$("$MARGO" --db "$lib" show 4 | sed '1,/^$/d')
pre=${body%%"consigliere per la sicurezza nazionale Jake Sullivan"*}
"$MARGO" --db "$lib" annotate 4 "${#pre}" $((${#pre} + 51)) --tag sullivan >/dev/null
pre=${body%%"razzi e missili per la compagnia militare privata Wagner"*}
"$MARGO" --db "$lib" annotate 4 "${#pre}" $((${#pre} + 56)) --tag wagner >/dev/null
f="$TEST_TMP/corpus/003_e93fc955fd364e9c.txt"
sed -i -e 's/sicurezza nazionale Jake Sullivan/sicurezza interna Jake Sullivan/' \
	-e 's/razzi e missili per la compagnia militare privata Wagner/armi/' "$f"
out=$("$MARGO" --db "$lib" add "$TEST_TMP/corpus")
has "$out" "annotations: 0 exact, 0 moved, 1 fuzzy, 1 orphan" "the edit leaves one fuzzy, one orphan"
run_script 100x30 --db "$lib" <<'EOF'
:save-state start
A
:save-state all
/status:fuzzy
<Enter>
:save-state fuzzy
y
:save-state accepted
/<C-u>status:orphan
<Enter>
<Enter>
:save-state jumped
v
a
:save-state reattached
A
/
<C-u>
<Enter>
s
:save-state bydate
EOF
expect_run_ok "review: the script runs"
like "$(state start message)" '^2 annotations moved with an edited text' "the reader says there is something to review"
expect_state all annotations.n 2 "A lists both"
expect_state fuzzy annotations.n 1 "/status:fuzzy filters"
expect_state accepted message "accepted where it was found" "y accepts the fuzzy placement"
like "$(state jumped message)" '^an orphan: select its new place' "Enter on an orphan goes to its article and says how to re-attach it"
expect_state reattached message "re-attached here" "a re-attaches it to the new selection"
status=$("$MARGO" --db "$lib" annotations)
is "$(printf '%s\n' "$status" | grep -c ' manual ')" 2 "both are placed by hand now"
has "$status" "[wagner]" "the orphan keeps its tags"
expect_state bydate annotations.n 2 "an empty filter shows all again"

# ---- the note, in $EDITOR, never through a shell ------------------------------------
cat >"$TEST_TMP/ed.sh" <<'EOF'
#!/bin/sh
printf 'nota di prova\nsu due righe\n' > "$1"
EOF
chmod +x "$TEST_TMP/ed.sh"
EDITOR="$TEST_TMP/ed.sh" run_script 100x30 <<'EOF'
A
E
:save-state noted
EOF
expect_state noted message "note saved" "E runs the editor on the note and saves it"
has "$("$MARGO" annotations --format jsonl)" '"purpose":"commenting","value":"nota di prova\nsu due righe"' \
	"the note is multi-line, without the editor's last newline"
run_script 100x30 <<'EOF'
A
c
<C-u>scritta qui<C-j>a capo
<Enter>
:save-state inline
<Esc>
<Enter>
:save-display inline.screen
c
<C-u>da buttare
<Esc>
:save-state kept
EOF
expect_state inline message "note saved" "c writes the note on the status line, Ctrl-J a new line"
has "$("$MARGO" annotations --format jsonl)" '"value":"scritta qui\na capo"' "saved as two lines"
like "$(screen inline.screen)" '│ scritta qui *$' "the sidebar shows the note"
like "$(screen inline.screen)" '│ a capo *$' "line by line"
expect_state kept message "the note is unchanged" "Esc leaves the note as it was"
run_script 100x30 <<'EOF'
A
H
:save-display yellow.screen
y
:save-state yellow
H
<Esc>
:save-state nocolour
EOF
expect_state yellow message "colour: yellow" "H then y colours the annotation"
has "$("$MARGO" annotations --format jsonl)" '"color":"yellow"' "the colour is kept, and exported"
has "$(screen yellow.screen)" "Colour: g green, y yellow" "H asks for the colour by one key"
expect_state nocolour message "the colour is unchanged" "Esc leaves the colour"
EDITOR="$TEST_TMP/ed.sh;touch $TEST_TMP/pwned" run_script 100x30 <<'EOF'
A
E
:save-state shell
EOF
like "$(state shell message)" '^the editor .* failed: the note is unchanged$' "an EDITOR with shell syntax is not a command"
ok "and no shell ran it" test ! -e "$TEST_TMP/pwned"
VISUAL= EDITOR=/nonexistent/editor run_script 100x30 <<'EOF'
A
E
:save-state none
EOF
like "$(state none message)" 'failed: the note is unchanged$' "a missing editor is reported"

# A note that is not UTF-8, or holds a NUL byte: kept whole, the bad bytes
# as U+FFFD, and the message says so.
cat >"$TEST_TMP/ed-bad.sh" <<'EOF'
#!/bin/sh
printf 'caff\350 e\000poi fine\n' > "$1"
EOF
chmod +x "$TEST_TMP/ed-bad.sh"
EDITOR="$TEST_TMP/ed-bad.sh" run_script 100x30 <<'EOF'
A
E
:save-state badnote
EOF
expect_state badnote message \
	"note saved; 1 ill-formed byte sequence (not UTF-8) became U+FFFD; 1 NUL byte became U+FFFD" \
	"a note with a byte that is not UTF-8 and a NUL: saved, and the message says what was replaced"
has "$("$MARGO" annotations --format jsonl)" '"purpose":"commenting","value":"caff� e�poi fine"' \
	"the note is kept whole past the NUL, each bad byte one U+FFFD"
ok "the export is valid UTF-8" sh -c '"$MARGO" export --format jsonl | iconv -f UTF-8 -t UTF-8 >/dev/null'

# The coder of what the reader annotates is the login name the password
# database gives: a $USER that is not UTF-8 is not read.
USER="$(printf 'r\351my')" run_script 100x30 <<'EOF'
<Enter>
jjjj
a
autore
<Enter>
:save-state byuser
EOF
has "$("$MARGO" export --format jsonl --tag autore)" "\"creator\":{\"type\":\"Person\",\"name\":\"$(id -un)\"}" \
	"an annotation made with a \$USER that is not UTF-8: its coder is the login name"

# Under a Latin-1 locale the editor shows and writes Latin-1: the note goes
# out in it and comes back as UTF-8.
if mkdir -p "$TEST_TMP/locale" &&
	localedef -i it_IT -f ISO-8859-1 "$TEST_TMP/locale/it_IT.ISO-8859-1" >/dev/null 2>&1; then
	cat >"$TEST_TMP/ed-utf8.sh" <<'EOF'
#!/bin/sh
printf 'caff\303\250 pronto\n' > "$1"
EOF
	chmod +x "$TEST_TMP/ed-utf8.sh"
	EDITOR="$TEST_TMP/ed-utf8.sh" run_script 100x30 <<'EOF'
A
E
EOF
	cat >"$TEST_TMP/ed-latin1.sh" <<EOF
#!/bin/sh
cp "\$1" "$TEST_TMP/given.txt"
printf 'citt\340 e caff\350\n' > "\$1"
EOF
	chmod +x "$TEST_TMP/ed-latin1.sh"
	# (2>/dev/null: bash warns it cannot switch to that locale itself.)
	{
		LOCPATH="$TEST_TMP/locale" LC_ALL=it_IT.ISO-8859-1 LANG=it_IT.ISO-8859-1 \
			EDITOR="$TEST_TMP/ed-latin1.sh" run_script 100x30 <<'EOF'
A
E
:save-state latin1
EOF
	} 2>/dev/null
	expect_state latin1 message "note saved" "Latin-1 locale: the note written in the editor is saved"
	is "$(od -An -c "$TEST_TMP/given.txt" | tr -s ' ' | sed 's/^ //' | head -1)" \
		'c a f f 350 p r o n t o' \
		"the editor was given the note in Latin-1 (è as one byte)"
	has "$("$MARGO" annotations --format jsonl)" '"value":"città e caffè"' \
		"and what it wrote came back as UTF-8"
else
	skip "Latin-1 locale: the note written in the editor is saved" "localedef cannot make it_IT.ISO-8859-1"
	skip "the editor was given the note in Latin-1 (è as one byte)" "localedef cannot make it_IT.ISO-8859-1"
	skip "and what it wrote came back as UTF-8" "localedef cannot make it_IT.ISO-8859-1"
fi

# ---- links between passages: L here, L there, the kind; F follows ----------------------
# Both ends are annotated first (a): L links those annotations.
fresh_library
run_script 100x30 <<'EOF'
<Enter>
a
uno
<Enter>
L
j
:save-display pending.screen
<Esc>
:save-state cancelled
:save-display cancelled.screen
k
L
:save-state marked
<Left>
j
<Enter>
jj
a
due
<Enter>
L
:save-display asked.screen
c
:save-state linked
:save-display linked.screen
F
:save-state followed
:save-display followed.screen
F
:save-state back
EOF
expect_run_ok "links: the script runs"
like "$(tail -n 1 "$RUN_DIR/pending.screen")" '· linking \(Esc cancels\)' "while a link waits for its other end, the status line says so"
expect_state cancelled message "link cancelled" "Esc cancels a link begun with L"
unlike "$(tail -n 1 "$RUN_DIR/cancelled.screen")" 'linking' "and the status line no longer says linking"
expect_state marked message "linking from here: go to the other passage and press L there" "L marks one end and says what to do next"
has "$(screen asked.screen)" "Link kind: s same claim, c contradicts, f follow-up" "L at the other end asks the kind"
expect_state linked message "linked: contradicts" "the kind is chosen by one key"
like "$(screen linked.screen)" '→ contradicts: ' "the sidebar shows the link at this end"
expect_state followed article.id 1 "F follows the link to the other article"
like "$(screen followed.screen)" '→ contradicts: ' "the link is seen from the other end too"
expect_state back article.id 2 "F there comes back"
is "$("$MARGO" annotations | wc -l)" 2 "the ends are the two annotations, no other is made"
"$MARGO" export --format jsonl >"$TEST_TMP/linked.jsonl"
like "$(cat "$TEST_TMP/linked.jsonl")" '"links":\[\{"target":"urn:uuid:[0-9a-f-]+","kind":"contradicts"\}\]' \
	"the export carries the link, at one end"
md=$("$MARGO" export --format markdown)
like "$md" '^- contradicts: article 1, L’incontro in corso' "the Markdown report lists the link under one end"
like "$md" '^- contradicts: article 2, Putin rafforza' "and under the other"
other="$TEST_TMP/other.db"
fresh_library "$other"
sort -r "$TEST_TMP/linked.jsonl" >"$TEST_TMP/reversed.jsonl"
has "$("$MARGO" --db "$other" import "$TEST_TMP/reversed.jsonl")" "1 link added" \
	"import brings the link, whichever end comes first"
is "$("$MARGO" --db "$other" export --format jsonl)" "$(cat "$TEST_TMP/linked.jsonl")" \
	"the other library exports the same"
is "$("$MARGO" --db "$other" import "$TEST_TMP/reversed.jsonl")" \
	"0 added, 2 unchanged, 0 updated, 0 conflicts, 0 skipped" "importing twice changes nothing"
half="$TEST_TMP/half.db"
fresh_library "$half"
grep '"links":\[{' "$TEST_TMP/linked.jsonl" >"$TEST_TMP/one-end.jsonl"
err=$("$MARGO" --db "$half" import "$TEST_TMP/one-end.jsonl" 2>&1 >/dev/null)
is "$?" 1 "a link whose other end is not in the file: exit status 1"
has "$err" "1 link skipped: an end is not in this library" "and it is reported, not lost silently"
is "$("$MARGO" --db "$half" annotations | wc -l)" 1 "the annotation itself is imported"

fresh_library
run_script 100x30 <<'EOF'
<Enter>
F
:save-state nolink
r
:save-state related
L
s
:save-state rlinked
EOF
expect_state nolink message "no link here: L makes one" "F where there is no link says how to make one"
expect_state rlinked message "linked: same claim" "L in the related list links the passage to the one selected"
is "$("$MARGO" annotations | wc -l)" 0 "with a bare anchor at each end, no annotation"
run_script 100x30 <<'EOF'
<Enter>
r
j
L
f
:save-state rlinked2
<Esc>
F
:save-display choose.screen
2
:save-state followed2
EOF
expect_state rlinked2 message "linked: follow-up" "a second link from the same passage"
like "$(tail -n 1 "$RUN_DIR/choose.screen")" 'Follow: 1 same claim, .*; 2 follow-up, ' "F with two links asks which, by number"
expect_state followed2 message "followed: follow-up" "2 follows the second link"
isnt "$(state followed2 article.id)" 1 "to the other article"
run_script 100x30 <<'EOF'
<Enter>
L
:save-state pending
L
<Esc>
:save-state cancelled
EOF
expect_state cancelled message "not linked" "Esc at the kind makes no link"

# An end made only for a link that is not made goes again: no annotation
# without tag, note or link is left behind.
count=$("$MARGO" annotations | wc -l)
run_script 100x30 <<'EOF'
j
j
<Enter>
L
<Esc>
:save-state esc
L
L
<Esc>
:save-state kind-esc
EOF
expect_state esc message "link cancelled" "L then Esc: link cancelled"
expect_state kind-esc message "not linked" "L, L, then Esc at the kind: not linked"
is "$("$MARGO" annotations | wc -l)" "$count" "and neither left an annotation behind"

# ---- in Italian: the kinds of links, the colours and the statuses of the
# annotations are shown in Italian (the library keeps them in English)
fresh_library
if italian_locale; then
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
	printf '#!/bin/sh\nprintf "scritta qui" > "$1"\n' >"$TEST_TMP/ed-it.sh"
	chmod +x "$TEST_TMP/ed-it.sh"
	EDITOR="$TEST_TMP/ed-it.sh" run_script 200x30 <<'EOF'
<Enter>
a
:save-display tags.screen
uno
<Enter>
L
j
L
c
:save-state linked
:save-display linked.screen
k
F
:save-state followed
A
:save-display list.screen
H
r
:save-state coloured
:save-display coloured.screen
E
:save-state edited
EOF
	unset LOCPATH MARGO_LOCALEDIR LANGUAGE
	export LANG=C.UTF-8
	expect_run_ok "Italian links: the script runs"
	expect_state linked message "collegato: contraddice" "Italian: the message names the link's kind in Italian"
	like "$(screen linked.screen)" '→ contraddice: ' "Italian: the sidebar names the link's kind in Italian"
	like "$(state followed message)" 'contraddice' "Italian: F names the kind followed in Italian"
	like "$(screen list.screen)" '\[ver\] \[uno\] .* · esatta *$' \
		"Italian: the annotations list shows the colour and the status in Italian"
	like "$(state coloured message)" 'rosso' "Italian: the new colour is named in Italian"
	has "$(screen coloured.screen)" "[ros] [uno]" "Italian: ... and so is its swatch"
	like "$(tail -n 1 "$RUN_DIR/tags.screen")" '^ Etichette \(a, b/c\):' "Italian: a asks for the tags in Italian"
	expect_state edited message "nota salvata" "Italian: the note written in the editor is said saved in Italian"
	like "$("$MARGO" export --format jsonl)" '"kind":"contradicts"' "the library keeps the kind in English"
	like "$("$MARGO" export --format jsonl)" '"color":"red"' "and the colour"
else
	skip "Italian links: the script runs" "$italian_problem"
fi

done_testing
