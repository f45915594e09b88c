#!/bin/bash
# timeline.sh: the mentions view's chart of mentions by month and the
# entities named with it (layer A, scripted): the bars are drawn, Tab and
# Left/Right pick a month, Enter lists only its mentions, Esc all again;
# B reaches the co-mentions, where Enter opens another entity's mentions.
. "$top_srcdir/tests/ui/lib.sh"

cat >"$TEST_TMP/dated.jsonl" <<'J'
{"title":"Primo","date":"2023-11-02","text":"Il presidente russo Vladimir Putin ha incontrato Kim Jong-un a Mosca.\n\nVladimir Putin ha parlato a lungo."}
{"title":"Secondo","date":"2024-01-15","text":"Vladimir Putin ha ricevuto Kim Jong-un al Cremlino."}
{"title":"Terzo","date":"2024-01-20","text":"A Pyongyang, Kim Jong-un ha detto che Vladimir Putin verrà presto."}
{"title":"Quarto","text":"Vladimir Putin non ha commentato."}
J
"$MARGO" add "$TEST_TMP/dated.jsonl" >/dev/null 2>&1

# Article 1 opens; its sidebar's first entity is Vladimir Putin (2 here).
run_script 100x30 <<'EOF'
<Tab><Tab>
<Enter>
:save-state open
:save-display open.screen
<Tab>
:save-state chart
<Left><Left>
:save-state picked
:save-display picked.screen
<Enter>
:save-state narrowed
:save-display narrowed.screen
<Esc>
:save-state wide
B
B
:save-state with
<Enter>
:save-state other
EOF
expect_run_ok "the script runs"
expect_state open mentions.entity "Vladimir Putin" "Enter in the sidebar opens Putin's mentions"
expect_state open mentions.listed 5 "all five mentions are listed"
expect_state open mentions.bars 3 "three months from the first to the last: 2023-11, 2023-12, 2024-01"
view=$(screen open.screen)
# The bars: 2, 0 and 2 mentions: full columns of blocks for the first and
# the last month, none for the one between.
like "$view" '│ █+ +█+ ' "the chart draws the months with block characters, an empty month blank"
has "$view" "2023-11" "the first month is labelled"
has "$view" "2024-01" "and the last"
has "$view" "With: named in its paragraphs" "the co-mentions have their heading"
like "$view" 'Kim Jong-un +█+ [0-9]+ *$' "Kim Jong-un, named in Putin's paragraphs, with a bar and its count"
expect_state chart mentions.focus chart "Tab moves into the chart"
expect_state chart mentions.bar 2 "on the last month"
expect_state picked mentions.bar 0 "Left twice: the first month"
has "$(screen picked.screen)" "2023-11: 2" "the month selected is named with its count"
expect_state narrowed mentions.period 2023-11 "Enter narrows the list to that month"
expect_state narrowed mentions.listed 2 "only its two mentions are listed"
expect_state narrowed mentions.focus list "and the list has the focus again"
has "$(screen narrowed.screen)" "Mentions  1/2" "the header counts the mentions listed"
has "$(screen narrowed.screen)" "· 2023-11 only" "and says the list is narrowed"
hasnt "$(screen narrowed.screen)" "2024-01-15 ·" "a mention of another month is not listed"
expect_state wide mentions.listed 5 "Esc lists every mention again"
expect_state wide mentions.open 1 "without closing the view"
expect_state with mentions.focus with "B moves on to the entities named with it"
expect_state other mentions.entity "Kim Jong-un" "Enter there opens that entity's mentions"

# A terminal whose locale is not UTF-8: the same chart in ASCII.
LC_ALL=C run_script 100x30 <<'EOF'
<Tab><Tab>
<Enter>
:save-display ascii.screen
EOF
view=$(screen ascii.screen)
like "$view" '│ #+ +#+ ' "without UTF-8 the bars are ASCII"
hasnt "$view" "█" "and no block character is drawn"

# The codebook: the same bars for the selected tag's annotations.
"$MARGO" annotate 1 0 5 --tag fonti --as ana >/dev/null
"$MARGO" annotate 2 0 5 --tag fonti --as ana >/dev/null
"$MARGO" annotate 3 0 5 --tag fonti --as ana >/dev/null
run_script 100x30 <<'EOF'
C
:save-state codebook
:save-display codebook.screen
EOF
expect_run_ok "the codebook opens"
expect_state codebook codebook.bars 3 "the tag's annotations over three months"
view=$(screen codebook.screen)
like "$view" '│ █+ +█+ *$' "drawn as bars: one in 2023-11, two in 2024-01"
has "$view" "2023-11" "labelled with the first month"

# In the codebook too a bar is picked: Tab enters the chart (on the last
# month), Left twice the first, Enter lists the tag's annotations of that
# month only; B enters it as well, Esc leaves it.
"$MARGO" annotate 1 6 12 --tag altro >/dev/null
run_script 100x30 <<'EOF'
C
j
<Tab>
:save-state cbchart
<Left><Left>
:save-display cbpicked.screen
<Enter>
:save-state cbnarrow
:save-display cbnarrow.screen
EOF
expect_run_ok "the codebook's chart script runs"
expect_state cbchart codebook.focus chart "Tab in the codebook moves into the chart"
expect_state cbchart codebook.bar 2 "on the last month"
has "$(screen cbpicked.screen)" "2023-11: 1" "Left twice: the first month, named with its count"
expect_state cbnarrow annotations.open 1 "Enter opens the annotations"
expect_state cbnarrow annotations.n 1 "only the one of that month"
view=$(screen cbnarrow.screen)
has "$view" 'date:2023-11' "the filter names the month"
has "$view" "[fonti] ana · Primo" "the annotation of article 1 (2023-11) is listed"
hasnt "$view" "[fonti] Secondo" "not the one of 2024-01"
hasnt "$view" "[altro]" "nor another tag's of the same month"

run_script 100x30 <<'EOF'
C
j
B
:save-state cbb
<Esc>
:save-state cbesc
EOF
expect_state cbb codebook.focus chart "B moves into the codebook's chart too"
expect_state cbesc codebook.focus list "Esc leaves the chart"
expect_state cbesc codebook.open 1 "without closing the codebook"

# The filter word by itself, in A: a year or a month of the article's date.
run_script 100x30 <<'EOF'
A
/date:2024<Enter>
:save-state year
/date:2024-13<Enter>
:save-display baddate.screen
EOF
expect_state year annotations.n 2 "date:2024 keeps the annotations of 2024's articles"
has "$(screen baddate.screen)" "date: takes a year or a month" "a date that is no period says so in one line"
done_testing
