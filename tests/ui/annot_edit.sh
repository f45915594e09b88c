#!/bin/bash
# annot_edit.sh: editing lands where the user means it (layer A, scripted).
# L links the sentence at the cursor and makes no annotation of its own (a
# link's end that is not an annotation is a bare anchor); where
# annotations overlap, c, H and d ask which one; the sidebar lists every
# annotation at the cursor; A shows colours, notes and links and takes
# quoted tags in its filter; C deletes an unused tag and Enter lists a
# tag's annotations.
. "$top_srcdir/tests/ui/lib.sh"

# ---- L: the sentence at the cursor, and no annotation made for it -----------------------
fresh_library
run_script 100x30 <<'EOF'
<Enter>
L
j
L
s
:save-state linked
:save-display linked.screen
EOF
expect_run_ok "L: the script runs"
expect_state linked message "linked: same claim" "L here, L at the next sentence: linked"
is "$(state linked message); $("$MARGO" annotations | wc -l) annotations" "linked: same claim; 0 annotations" \
	"the link made no annotation: its ends are bare anchors"
like "$(screen linked.screen)" '│ Link end 1 link' "the sidebar shows the link end at the cursor"
like "$(screen linked.screen)" '→ same claim: ' "and its link"

# An annotation at one end: the export carries the link and, for the bare
# end, the sentence it marks (not the whole paragraph).
fresh_library
run_script 100x30 <<'EOF'
<Enter>
a
fonte
<Enter>
L
j
L
c
:save-state linked
EOF
expect_state linked message "linked: contradicts" "L from an annotation to the next sentence"
is "$(state linked message); $("$MARGO" annotations | wc -l) annotation" "linked: contradicts; 1 annotation" \
	"linked, and the annotation the user made is the only one"
json=$("$MARGO" export --format jsonl)
like "$json" '"links":\[\{"target":"urn:uuid:[0-9a-f-]+","kind":"contradicts","anchor":\{"type":"SpecificResource"' \
	"the export carries the link, with the bare end as a W3C target"
like "$json" '"exact":"La visita di Putin in Corea del Nord, la prima dal 2000, avviene in un periodo di intenso isolamento per entrambe le nazioni, colpite da sanzioni occidentali e alla ricerca di alleanze strategiche per sostenere i rispettivi regimi\."' \
	"the bare end is the second sentence, not the paragraph"
md=$("$MARGO" export --format markdown)
like "$md" '^- contradicts: article 1, L’incontro in corso' "the Markdown report lists the link under the annotation"

# ---- overlapping annotations: c, H, d ask which one --------------------------------------
fresh_library
run_script 80x24 <<'EOF'
<Enter>
a
frase
<Enter>
v
}
a
paragrafo
<Enter>
k
:save-display both.screen
H
:save-display ask-h.screen
1
y
:save-state colored
c
<Esc>
:save-state c-esc
c
2
nota della frase
<Enter>
:save-state noted
EOF
expect_run_ok "overlap: the script runs"
json=$("$MARGO" export --format jsonl)
run_script 80x24 <<'EOF'
<Enter>
d
:save-display ask-d.screen
<Esc>
:save-state d-esc
d
1
:save-state deleted
:save-display deleted.screen
EOF
expect_run_ok "overlap: d runs"
RUN_DIR="$TEST_TMP/run.$((_run_n - 1))"
like "$(screen both.screen)" '│ Annotation \[gre\]' "the sidebar lists the annotations at the cursor"
has "$(screen both.screen)" "frase" "the first, by its tags"
has "$(screen both.screen)" "paragrafo" "and the second"
like "$(tail -n 1 "$RUN_DIR/ask-h.screen")" 'Which annotation\? 1 \[paragrafo\]; 2 \[frase\]' \
	"H over two annotations asks which, by number, the one holding the other first, at 80x24"
expect_state colored message "colour: yellow" "1 then y colours the first (the paragraph)"
expect_state c-esc message "nothing changed" "Esc at the question leaves it"
expect_state noted message "note saved" "c then 2 writes the note of the second (the sentence)"
like "$(printf '%s\n' "$json" | grep '"value":"paragrafo"')" '"color":"yellow"' "the colour is on the one chosen"
unlike "$(printf '%s\n' "$json" | grep '"value":"frase"')" '"color":"yellow"' "not on the other"
like "$(printf '%s\n' "$json" | grep '"value":"frase"')" '"value":"nota della frase"' "the note is on the one chosen"
RUN_DIR="$TEST_TMP/run.$_run_n"
like "$(tail -n 1 "$RUN_DIR/ask-d.screen")" 'Which annotation\? 1 \[paragrafo\]; 2 \[frase\]' "d asks which too"
expect_state d-esc message "nothing deleted" "Esc deletes nothing"
expect_state deleted message "annotation deleted (u takes it back)" "d then 1 deletes the paragraph's"
out=$("$MARGO" annotations)
is "$(printf '%s\n' "$out" | wc -l)" 1 "one annotation is left"
has "$out" "[frase]" "the one not chosen"
unlike "$(screen deleted.screen)" 'paragrafo' "and the sidebar lists only it"

# F where a link end and an annotation with a link share the sentence.
fresh_library
run_script 80x24 <<'EOF'
<Enter>
a
uno
<Enter>
L
j
L
s
a
due
<Enter>
L
k
L
f
j
F
:save-display ask-f.screen
<Esc>
:save-state f-esc
EOF
expect_run_ok "F: the script runs"
like "$(tail -n 1 "$RUN_DIR/ask-f.screen")" 'Which annotation\? 1 (\[due\]|link end); 2 (\[due\]|link end); \(Esc cancels\)' \
	"F over a link end and a linked annotation asks which"
expect_state f-esc message "not followed" "Esc follows nothing"

# One annotation: c acts at once, as before.
run_script 80x24 <<'EOF'
<Enter>
c
<Esc>
:save-state one
EOF
expect_state one message "the note is unchanged" "with one annotation, c asks no question"

# ---- A: colour, note, links; quoted tag filters --------------------------------------------
fresh_library
run_script 80x24 <<'EOF'
<Enter>
a
fonti aperte
<Enter>
H
y
c
prima riga
<Enter>
L
j
L
s
jj
a
fonti
<Enter>
A
:save-display list.screen
/
tag:"fonti aperte"
<Enter>
:save-state quoted
:save-display quoted.screen
/
<C-u>tag:'fonti'
<Enter>
:save-state single
/
<C-u>tag:"fonti
<Enter>
:save-state unclosed
EOF
expect_run_ok "A: the script runs"
like "$(screen list.screen)" "\\[yel\\] \\[fonti aperte\\] $(id -un) · 1 link · " "a row shows the colour by name, the tags, the coder and the link count"
like "$(screen list.screen)" '✎ prima riga — L’incontro' "and the first line of the note before the quote"
like "$(screen list.screen)" '\[gre\] \[fonti\] ' "the default colour is named too"
expect_state quoted annotations.n 1 'tag:"fonti aperte" keeps the tag with a space'
like "$(screen quoted.screen)" 'filter: tag:"fonti aper' "and the header shows the filter"
expect_state single annotations.n 1 "tag:'fonti' in single quotes is one word"
like "$(state unclosed message)" 'the filter has an unclosed " quote' "an unclosed quote is said"
expect_state unclosed annotations.n 2 "and nothing is hidden by it"

# ---- C: d deletes an unused tag; Enter lists a tag's annotations ------------------------------
fresh_library
run_script 80x24 <<'EOF'
<Enter>
a
vecchio
<Enter>
j
a
usato
<Enter>
k
d
C
:save-display codebook.screen
:save-state codebook
d
:save-state kept
j
d
:save-state gone
:save-display gone.screen
<Enter>
:save-state listed
:save-display listed.screen
EOF
expect_run_ok "C: the script runs"
expect_state codebook codebook.n 2 "the codebook has both tags"
like "$(state kept message)" '“usato” is kept: 1 annotation uses it' "d on a used tag says how many use it"
expect_state gone message "tag “vecchio” deleted" "d on an unused tag deletes it"
expect_state gone codebook.n 1 "it is gone from the codebook"
expect_state listed annotations.open 1 "Enter on a tag opens the annotations list"
expect_state listed annotations.n 1 "with the tag's annotations"
like "$(screen listed.screen)" 'filter: tag:"usato"' "filtered by the tag, quoted"
other=$("$MARGO" annotations)
has "$other" "[usato]" "the used tag's annotation is kept"

done_testing
