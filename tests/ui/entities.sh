#!/bin/bash
# entities.sh: the entity index as a reader meets it (layer A, scripted):
# the sidebar lists the article's people, places, organisations and dates
# with counts; moving in it highlights the mentions in the text; Enter
# opens every mention in the corpus; Enter there jumps to the passage;
# * and # step from mention to mention across articles; Ctrl-O,
# Backspace and Ctrl-N walk the jump history; the corrections (rename,
# merge, split, retype, reject) are kept and survive re-extraction.
. "$top_srcdir/tests/ui/lib.sh"

# Columns FROM.. of each line, counted in characters (cut counts bytes).
columns_from() {
	while IFS= read -r _l; do printf '%s\n' "${_l:$1}"; done
}

# A corpus of our own, so a file can be changed later.
mkdir "$TEST_TMP/corpus"
cp "$top_srcdir"/corpus/*.txt "$TEST_TMP/corpus/"
"$MARGO" add "$TEST_TMP/corpus" >/dev/null 2>&1

# ---------------------------------------------------------------------------
# 1. The sidebar of article 1 (at 120x40: list 38, text 52, sidebar 30).
run_script 120x40 <<'EOF'
<Tab><Tab>
:save-state side
:save-display side.screen
:save-attrs side.attrs
<Tab>
:save-attrs list.attrs
EOF
expect_run_ok "sidebar: the script runs"
expect_state side side.mode entities "the sidebar shows entities by default"
expect_state side side.entity.type PER "the first entity listed is a person"
side=$(screen side.screen | columns_from 90)
is "$(printf '%s\n' "$side" | sed -n 1p)" " Entities" "the sidebar header says Entities"
is "$(printf '%s\n' "$side" | sed -n 2p)" " People" "people come first, under a group header"
like "$side" '^.Vladimir Putin +[0-9]+/[0-9]+$' "Vladimir Putin is listed with counts here/corpus"
like "$side" '^.Kim Jong-un +[0-9]+/[0-9]+$' "Kim Jong-un is listed"
has "$side" " Places" "places have a group of their own"
first=$(state side side.entity)
here=$(state side side.entity.here)
ok "the first person is mentioned more than once here ($first: $here)" test "${here:-0}" -gt 1
# With the sidebar focused, the mentions of its entity are bold in the text.
text_bold=$(sed -n '2,38p' "$RUN_DIR/side.attrs" | cut -c 40-89 | tr -cd 'b' | wc -c)
ok "the selected entity's mentions are highlighted in the text ($text_bold cells)" \
	test "$text_bold" -ge 8
list_bold=$(sed -n '2,38p' "$RUN_DIR/list.attrs" | cut -c 40-89 | tr -cd 'b' | wc -c)
is "$list_bold" 0 "with the focus elsewhere, nothing is highlighted"

# The same entity from the command line: same counts.
cli=$("$MARGO" entities --article 1 --format jsonl | sed -n 1p)
has "$cli" "\"name\":\"$first\"" "margo entities --article agrees on the first entity"
has "$cli" "\"here\":$here," "and on its count in the article"

# ---------------------------------------------------------------------------
# 2. The mentions view, jumping, and the history.
run_script 100x30 <<'EOF'
<Tab><Tab>
:save-state side
<Enter>
:save-state view
:save-display view.screen
jj
<Enter>
:save-state jumped
:save-display jumped.screen
:save-attrs jumped.attrs
<C-o>
:save-state back
<C-n>
:save-state forward
*
:save-state star
<Hash>
:save-state hash
<Backspace>
:save-state bs
EOF
expect_run_ok "mentions: the script runs"
name=$(state side side.entity)
total=$(state side side.entity.mentions)
expect_state view mentions.open 1 "Enter on an entity opens its mentions"
expect_state view mentions.entity "$name" "the view is about the selected entity"
expect_state view mentions.n "$total" "the view lists every mention in the corpus"
view=$(screen view.screen)
has "$view" "Mentions  1/$total" "the view's header counts the mentions"
has "$view" "$name (PER): $total mentions in" "the view names the entity, its type and counts"
like "$view" 'With: [^ ]' "the view lists the entities that share its paragraphs"
like "$view" '2023-09 · Il Cremlino ha annunciato' "mentions are listed with the article's date and title"
dated_line=$(printf '%s\n' "$view" | grep -n '· ' | grep -v 'With' | head -1 | cut -d: -f1)
undated_line=$(printf '%s\n' "$view" | grep -n 'no date · ' | head -1 | cut -d: -f1)
ok "dated mentions come before undated ones" test "${dated_line:-99}" -lt "${undated_line:-0}"
expect_state jumped mentions.open 0 "Enter on a mention closes the view"
expect_state jumped focus text "and puts the focus on the text"
expect_state jumped history 2/2 "the jump is recorded"
target=$(state jumped target)
like "$target" 'Putin' "the mention jumped to is highlighted ($target)"
ok "the highlighted mention is in bold on screen" grep -q 'b' "$RUN_DIR/jumped.attrs"
expect_state back mentions.open 1 "Ctrl-O goes back to the mentions view"
expect_state back mentions.sel 2 "with the same mention selected"
expect_state back history 1/2 "back is one step in the history"
expect_state forward mentions.open 0 "Ctrl-N goes forward again"
expect_state forward target "$target" "to the same mention"
star_start=$(state star target.start)
jump_start=$(state forward target.start)
star_article=$(state star article.id)
jump_article=$(state forward article.id)
ok "* moves to a later mention of the same entity" \
	test "$star_article" -gt "$jump_article" -o \( "$star_article" = "$jump_article" -a "${star_start:-0}" -gt "${jump_start:-0}" \)
like "$(state star target)" 'Putin' "* lands on a mention of the same entity"
expect_state star history 3/3 "* is recorded as a jump"
expect_state hash target.start "$jump_start" "# goes back to the previous mention"
expect_state hash article.id "$jump_article" "in the same article"
expect_state bs history 3/4 "Backspace goes back like Ctrl-O"
expect_state bs target.start "$star_start" "to the mention before #"

# * wraps around the corpus with a message: the sidebar's last entity (a
# rare one) has m mentions, so m + 1 steps must pass its last one.
run_script 80x24 <<'EOF'
<Tab><Tab>G
:save-state rare
*
:save-state w1
*
:save-state w2
*
:save-state w3
*
:save-state w4
*
:save-state w5
EOF
expect_run_ok "wrap: the script runs"
m=$(state rare side.entity.mentions)
ok "the last entity of the sidebar is a rare one ($m mentions)" test "${m:-99}" -le 4
wrapped=
for i in 1 2 3 4 5; do
	case $(state w$i message) in *continuing*) wrapped=$i ;; esac
done
ok "* past the last mention wraps to the first, and says so (step $wrapped)" test -n "$wrapped"

# No entity at the cursor: a message, nothing moves.
run_script 80x24 <<'EOF'
<Tab>
<C-o>
:save-state nohist
EOF
expect_state nohist message "no earlier place to go back to" "Ctrl-O with no history says so"

# ---------------------------------------------------------------------------
# 3. The outline is one key away.
run_script 80x24 <<'EOF'
<Tab><Tab>o
:save-state outline
:save-display outline.screen
o
:save-state entities
EOF
expect_state outline side.mode outline "o switches the sidebar to the outline"
has "$(screen outline.screen | head -1)" "Outline" "the sidebar header says Outline"
expect_state entities side.mode entities "o switches back to the entities"

# ---------------------------------------------------------------------------
# 4. Corrections, kept in the library and applied again after
#    re-extraction.
run_script 80x24 <<'EOF'
<Tab><Tab>
:save-state before
R
<C-u>Presidente Putin
<Enter>
:save-state renamed
EOF
expect_run_ok "rename: the script runs"
expect_state renamed side.entity "Presidente Putin" "R renames the selected entity"
expect_state renamed message renamed "and says so"
has "$("$MARGO" entities)" "Presidente Putin" "the new name is in the library"

# Merge: mark the second person, merge it into the first.
run_script 80x24 <<'EOF'
<Tab><Tab>
:save-state before
j
:save-state second
m
k
M
y
:save-state merged
EOF
n_before=$(state before side.entities)
second=$(state second side.entity)
second_here=$(state second side.entity.here)
first_here=$(state before side.entity.here)
expect_state merged side.entities $((n_before - 1)) "M merges the marked entity: one fewer in the sidebar"
expect_state merged side.entity.here $((first_here + second_here)) "the merged entity has both counts"
expect_state merged message "merged (u undoes it)" "and says so"
err=$("$MARGO" mentions "$second" 2>&1 >/dev/null)
has "$("$MARGO" entities --format jsonl)" "Presidente Putin" "the merged entity keeps the first one's name"
hasnt "$("$MARGO" entities | sed 's/^ *[0-9]* *[A-Z]* *[0-9]* *[0-9]*  //')" "$second" \
	"\"$second\" is no longer an entity of its own"

# Retype and reject the first place.
run_script 80x24 <<'EOF'
<Tab><Tab>
G
:save-state last
T
o
:save-state retyped
EOF
expect_state retyped side.entity.type ORG "T o makes the selected entity an organisation"
retyped=$(state retyped side.entity)
run_script 80x24 <<'EOF'
<Tab><Tab>
G
:save-state before
X
y
:save-state rejected
EOF
rejected=$(state before side.entity)
expect_state rejected side.entities $(($(state before side.entities) - 1)) "X y rejects the entity"
err=$("$MARGO" mentions "$rejected" 2>&1 >/dev/null)
has "$err" "no entity" "a rejected entity is gone from margo mentions"

# Split a name off the merged entity: the one-word "Putin".
run_script 80x24 <<'EOF'
<Tab><Tab>
:save-state before
EOF
aliases=$(state before side.entity.aliases)
has "|$aliases|" "|Putin|" "the merged entity has the name \"Putin\" among its names ($aliases)"
run_script 80x24 <<'EOF'
<Tab><Tab>
x
Putin
<Enter>
:save-state split
EOF
expect_state split message "\"Putin\" is an entity of its own now; still on \"Presidente Putin\", split from" \
	"x splits a name off, and the cursor stays on the entity it was split from"
solo=$("$MARGO" entities --format jsonl | grep -c '"name":"Putin"')
is "$solo" 1 "\"Putin\" is an entity of its own"

# Re-extraction: change one article, refresh; every correction still holds.
printf '\nPutin ha parlato ancora a Mosca.\n' >>"$TEST_TMP/corpus/000_d4a5fe329111c680.txt"
out=$("$MARGO" add "$TEST_TMP/corpus")
is "$out" "0 added, 1 updated, 4 unchanged" "the changed article is refreshed"
ents=$("$MARGO" entities --format jsonl)
has "$ents" '"name":"Presidente Putin"' "the rename survives re-extraction"
has "$ents" '"name":"Putin"' "the split survives re-extraction"
has "$ents" "\"type\":\"ORG\",\"name\":\"$retyped\"" "the new type survives re-extraction"
hasnt "$ents" "\"name\":\"$rejected\"" "the rejection survives re-extraction"

# ---------------------------------------------------------------------------
# 5. The cursor stays on the entity acted on, and a split name takes its
#    mentions with it (a library of its own, with the bundled corpus).
export MARGO_DB="$TEST_TMP/cursor.db"
fresh_library
run_script 80x24 <<'EOF'
<Tab><Tab>
jjjjj
:save-state from
m
jjjj
:save-state into
M
y
:save-state merged
u
:save-state undone
<C-r>
:save-state redone
EOF
expect_run_ok "cursor: the merge script runs"
from=$(state from side.entity)
into=$(state into side.entity)
merged_aliases=$(state merged side.entity.aliases)
has "|$merged_aliases|" "|$into|" "after M the cursor is on the merged entity ($merged_aliases), not at the top"
has "|$merged_aliases|" "|$from|" "which holds the marked one's names too"
expect_state merged side.entity.mentions $(($(state from side.entity.mentions) + $(state into side.entity.mentions))) \
	"and its mentions are both entities'"
expect_state undone side.entity "$into" "after u the cursor is on the entity merged into, \"$into\""
has "|$(state redone side.entity.aliases)|" "|$into|" "after Ctrl-R it is on the merged entity again"

# Split the entity's own name off: its mentions go with it.  What is
# left ("Kim") is not named in this article, so the cursor goes to the new
# entity, and says so.
run_script 80x24 <<'EOF'
<Tab><Tab>
j
:save-state before
x
Kim Jong-un
<Enter>
:save-state split
u
:save-state undone
<C-r>
:save-state redone
EOF
expect_run_ok "cursor: the split script runs"
expect_state before side.entity "Kim Jong-un" "the second person is Kim Jong-un"
has "|$(state before side.entity.aliases)|" "|Kim|" "with the name \"Kim\" too"
total=$(state before side.entity.mentions)
expect_state split side.entity "Kim Jong-un" "after x the cursor is on the new entity"
expect_state split side.entity.aliases "Kim Jong-un" "which has only the name split off"
expect_state split message "\"Kim Jong-un\" is an entity of its own now, at the cursor; \"Kim\", split from, is not named here" \
	"the status line says which entity the cursor is on"
expect_state undone side.entity "Kim Jong-un" "after u the cursor is on the entity whole again"
expect_state undone side.entity.mentions "$total" "with all its mentions back"
has "|$(state undone side.entity.aliases)|" "|Kim|" "and all its names"
expect_state redone side.entity.aliases "Kim Jong-un" "after Ctrl-R the name is split off again, under the cursor"
mentions=$("$MARGO" mentions "Kim Jong-un")
n_split=$(printf '%s\n' "$mentions" | grep -c .)
is "$(printf '%s\n' "$mentions" | grep -c '\[Kim Jong-un\]')" "$n_split" \
	"margo mentions \"Kim Jong-un\" lists only that name's mentions ($n_split)"
n_kim=$("$MARGO" mentions "Kim" | grep -c '\[Kim\]')
is "$((n_split + n_kim))" "$total" "the two entities share the mentions the one had ($total)"
has "$("$MARGO" entities --format jsonl)" "\"name\":\"Kim Jong-un\",\"mentions\":$n_split," \
	"margo entities counts the split name's mentions"

# Rename, retype and reject keep the cursor on the entity, or its row.
run_script 80x24 <<'EOF'
<Tab><Tab>
jjj
:save-state before
R
<C-u>Denis V. Manturov
<Enter>
:save-state renamed
T
l
:save-state retyped
EOF
expect_run_ok "cursor: the rename script runs"
expect_state renamed side.entity "Denis V. Manturov" "after R the cursor stays on the renamed entity"
expect_state retyped side.entity "Denis V. Manturov" "after T the cursor follows it into its new group"
expect_state retyped side.entity.type LOC "which is a place now"
run_script 80x24 <<'EOF'
<Tab><Tab>
jj
:save-state before
j
:save-state next
k
X
y
:save-state rejected
EOF
expect_run_ok "cursor: the reject script runs"
expect_state rejected side.entity "$(state next side.entity)" "after X the cursor stays on the row: the next entity"

done_testing
