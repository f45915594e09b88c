#!/bin/bash
# chart.sh: the charts of the mentions view and of the codebook (layer A,
# scripted), where the timeline.sh tests stop: the mentions and the
# annotations of undated articles are a bar of their own, picked like the
# others; Tab moves between the parts of the view (list, chart, entities
# named with it) and Left/Right between the bars; a chart too tall for the
# terminal is neither drawn nor entered.
. "$top_srcdir/tests/ui/lib.sh"

cat >"$TEST_TMP/dated.jsonl" <<'J'
{"title":"Primo","date":"2023-11-02","text":"Il presidente russo Vladimir Putin ha incontrato Kim Jong-un a Mosca.\n\nVladimir Putin ha parlato a lungo."}
{"title":"Secondo","date":"2024-01-15","text":"Vladimir Putin ha ricevuto Kim Jong-un al Cremlino."}
{"title":"Terzo","date":"2024-01-20","text":"A Pyongyang, Kim Jong-un ha detto che Vladimir Putin verrà presto."}
{"title":"Quarto","text":"Vladimir Putin non ha commentato."}
J
"$MARGO" add "$TEST_TMP/dated.jsonl" >/dev/null 2>&1

# 1. The undated mention (article 4) is the chart's last bar.
run_script 100x30 <<'EOF'
<Tab><Tab>
<Enter>
:save-state open
:save-display open.screen
<Tab>
<Right>
:save-state undated
:save-display undated.screen
<Enter>
:save-state narrowed
:save-display narrowed.screen
<Esc>
:save-state wide
EOF
expect_run_ok "the script runs"
expect_state open mentions.undated 1 "one of Putin's five mentions is in an undated article"
view=$(screen open.screen)
like "$view" '│ █+ +█+ +█+ ' "the undated mention is drawn as a bar after the months"
has "$view" "2023-11 · undated 1" "under the bars: the first month and the undated count (the span does not fit)"
expect_state undated mentions.bar 3 "Right from the last month reaches the undated bar"
has "$(screen undated.screen)" "undated: 1" "the undated bar, selected, is named with its count"
expect_state narrowed mentions.period undated "Enter narrows the list to the undated mentions"
expect_state narrowed mentions.listed 1 "only the one mention"
view=$(screen narrowed.screen)
has "$view" "no date · Quarto" "the undated article's mention is listed"
hasnt "$view" "2023-11-02 ·" "no dated one is"
has "$view" "Mentions  1/1 · undated only (Esc: all)" "the header says the list is narrowed to the undated, whole"
expect_state wide mentions.listed 5 "Esc lists every mention again"

run_script 200x40 <<'EOF'
<Tab><Tab>
<Enter>
:save-display big.screen
EOF
has "$(screen big.screen)" "2023-11 – 2024-01 · undated 1" "with room, the months' whole span before the undated count"

# 2. Tab goes from part to part, Left/Right from bar to bar.
run_script 100x30 <<'EOF'
<Tab><Tab>
<Enter>
<Tab>
:save-state chart
<Left>
:save-state left
<Tab>
:save-state with
<Tab>
:save-state list
<S-Tab>
:save-state back
<S-Tab>
<Right>
:save-state right
<Left><Left><Left><Left>
:save-state first
EOF
expect_run_ok "the keys' script runs"
expect_state chart mentions.focus chart "Tab: from the list into the chart"
expect_state left mentions.bar 1 "Left there picks the month before"
expect_state left mentions.focus chart "and stays in the chart"
expect_state with mentions.focus with "Tab again: on to the entities named with it, not to the next bar"
expect_state with mentions.bar 1 "the bar picked stays"
expect_state list mentions.focus list "Tab once more: back to the list"
expect_state back mentions.focus with "Shift-Tab goes the other way round"
expect_state right mentions.focus chart "Shift-Tab again, then Right: in the chart"
expect_state right mentions.bar 2 "Right picks the next bar"
expect_state first mentions.bar 0 "Left stops at the first bar"

# The help of the mentions view names each key once, and the keys as they
# work there: Right picks a bar, Tab the next part.
run_script 200x60 <<'EOF'
<Tab><Tab>
<Enter>
?
:save-display help.screen
EOF
view=$(screen help.screen)
like "$view" ' Right, l +Mentions and codebook: move into the chart, then pick the next period' "the help: Right and l pick the next bar"
hasnt "$view" "Right, Right" "each key once"
like "$view" ' Tab +Move to the next pane' "in the mentions Tab moves on, Right is not said to"

# 3. The codebook: a tag's annotations in an undated article are a bar too,
#    listed with date:none.
"$MARGO" annotate 1 0 5 --tag fonti --as ana >/dev/null
"$MARGO" annotate 4 0 5 --tag fonti --as ana >/dev/null
run_script 100x30 <<'EOF'
C
:save-state codebook
:save-display codebook.screen
<Tab>
<Right>
:save-state cbundated
:save-display cbundated.screen
<Enter>
:save-state cblist
:save-display cblist.screen
EOF
expect_run_ok "the codebook's script runs"
expect_state codebook codebook.undated 1 "one of the tag's annotations is in an undated article"
has "$(screen codebook.screen)" "2023-11 · undated 1" "the codebook's chart counts it under the bars"
expect_state cbundated codebook.bar 1 "Right from the month reaches the undated bar"
has "$(screen cbundated.screen)" "undated: 1" "named with its count"
expect_state cblist annotations.n 1 "Enter lists the tag's undated annotations only"
view=$(screen cblist.screen)
has "$view" 'date:none' "the filter says so: date:none"
has "$view" "[fonti] ana · Quarto" "the annotation of the undated article is listed"
hasnt "$view" "[fonti] ana · Primo" "not the dated one"

run_script 100x30 <<'EOF'
A
/date:none<Enter>
:save-state none
/date:nessuna<Enter>
:save-display bad.screen
EOF
expect_state none annotations.n 1 "in A, date:none keeps the annotations of undated articles"
has "$(screen bad.screen)" "or none for the undated" "a bad date: word names none among the words it takes"

# 4. Too few rows for the codebook's chart: it is not drawn, and Tab does
#    not move an invisible focus into it.
for size in 80x10 80x24 200x60; do
	run_script "$size" <<'EOF'
C
<Tab>
:save-state tab
:save-display tab.screen
<Enter>
:save-state enter
EOF
	if [ "$size" = 80x10 ]; then
		expect_state tab codebook.focus list "$size: Tab leaves the focus on the tags, the chart not being drawn"
		has "$(screen tab.screen)" "the chart needs a taller terminal" "$size: and says why"
		expect_state enter annotations.n 2 "$size: Enter then lists the tag's annotations, all of them"
	else
		expect_state tab codebook.focus chart "$size: Tab moves into the chart drawn"
		like "$(screen tab.screen)" '█' "$size: the chart is drawn"
	fi
done

# 5. In Italian the undated bar is "senza data".
if italian_locale; then
	for size in 80x24 200x60; do
		# IT_ENV's VAR=value words, for this run only
		eval "$IT_ENV LANGUAGE=it run_script $size" <<'EOF'
<Tab><Tab>
<Enter>
:save-display it.screen
<Tab>
<Right>
:save-display itsel.screen
EOF
		has "$(screen it.screen)" "senza data 1" "$size: in Italian the undated bar is counted as senza data"
		has "$(screen itsel.screen)" "senza data: 1" "$size: and named so when selected"
	done
else
	for i in 1 2 3 4; do skip "the undated bar in Italian" "$italian_problem"; done
fi
done_testing
