#!/bin/bash
# tests/tmux/chart.sh: the charts of the mentions view and of the codebook
# through real keys in a real terminal (a private tmux server, as in
# tests/tmux/tmux.sh): the undated mentions are a bar of their own, picked
# with Right and listed with Enter; Tab goes from the chart on to the
# entities named with it (not to the next bar); the codebook on 10 rows
# draws no chart and Tab leaves the focus on the tags.  At 80x24 and 200x60,
# in English and in Italian, every line fits the terminal.
# Skips (a TAP "1..0 # SKIP") when tmux is not installed.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"
. "$top_srcdir/tests/tmux/lib.sh"

cat >"$TEST_TMP/dated.jsonl" <<'J'
{"title":"Primo","date":"2023-11-02","text":"Il presidente russo Vladimir Putin ha incontrato Kim Jong-un a Mosca.\n\nVladimir Putin ha parlato a lungo."}
{"title":"Secondo","date":"2024-01-15","text":"Vladimir Putin ha ricevuto Kim Jong-un al Cremlino."}
{"title":"Terzo","date":"2024-01-20","text":"A Pyongyang, Kim Jong-un ha detto che Vladimir Putin verrà presto."}
{"title":"Quarto","text":"Vladimir Putin non ha commentato."}
J
"$MARGO" add "$TEST_TMP/dated.jsonl" >/dev/null 2>&1
"$MARGO" annotate 1 0 5 --tag fonti --as ana >/dev/null
"$MARGO" annotate 4 0 5 --tag fonti --as ana >/dev/null

# open_mentions NAME [TYPE]: the mentions view of Vladimir Putin, the
# sidebar's first entity, its type shown as TYPE (PER in English).
open_mentions() {
	wait_for "$1" "Primo" || return 1
	T send-keys -t "$1" Tab Tab Enter
	wait_for "$1" "Vladimir Putin (${2:-PER})"
}

for size in 80x24 200x60; do
	cols=${size%x*}
	start en "$size" "$(margo_cmd LC_ALL=C.UTF-8)"
	ok "$size: the mentions view opens" open_mentions en
	ok "$size: under the bars, the undated mention is counted" wait_for en "· undated 1"
	ok "$size: the screen fits the terminal" fits en "$cols"
	T send-keys -t en Tab Right
	ok "$size: Tab enters the chart, Right picks the next bar: the undated one" wait_for en "undated: 1"
	T send-keys -t en Enter
	ok "$size: Enter lists the undated mention" wait_for en "no date · Quarto"
	ok "$size: the header says the list holds the undated only" wait_for en "· undated only (Esc: all)"
	hasnt "$(cap en)" "2023-11-02 · Primo" "$size: and no dated mention"
	ok "$size: the narrowed screen fits the terminal" fits en "$cols"
	# Tab twice from the list: the chart, then the entities named with
	# Putin, where Enter opens the first one's mentions.
	T send-keys -t en Escape Tab Tab Enter
	ok "$size: Tab from the chart moves on to the entities named with it" wait_for en "Kim Jong-un (PER)"
	T kill-session -t en
done

# The codebook on 10 rows: no chart, and Tab does not go into one.
start cb 80x10 "$(margo_cmd LC_ALL=C.UTF-8)"
wait_for cb "Primo"
T send-keys -t cb C
ok "80x10: the codebook opens" wait_for cb "Codebook  1 tag"
T send-keys -t cb Tab
ok "80x10: Tab says the chart needs more rows" wait_for cb "the chart needs a taller terminal"
T send-keys -t cb Enter
ok "80x10: Enter then lists the tag's annotations, both, not a period's" wait_for cb 'Annotations  1/2'
has "$(cap cb)" 'filter: tag:"fonti"' "80x10: filtered by the tag"
T kill-session -t cb
for size in 80x24 200x60; do
	start cb "$size" "$(margo_cmd LC_ALL=C.UTF-8)"
	wait_for cb "Primo"
	T send-keys -t cb C
	wait_for cb "Codebook  1 tag"
	T send-keys -t cb Tab Right Enter
	ok "$size: in the codebook Tab, Right and Enter list the annotation of the undated article" wait_for cb "[fonti] ana · Quarto"
	hasnt "$(cap cb)" "[fonti] ana · Primo" "$size: ... not the dated one"
	if [ "$size" = 200x60 ]; then
		has "$(cap cb)" 'filter: tag:"fonti" date:none' "$size: the filter says date:none"
	fi
	T kill-session -t cb
done

# Italian.
if italian_locale; then
	for size in 80x24 200x60; do
		cols=${size%x*}
		# shellcheck disable=SC2086  # IT_ENV holds several VAR=value words
		start it "$size" "$(margo_cmd $IT_ENV LANGUAGE=it)"
		ok "$size: in Italian the mentions view opens" open_mentions it persona
		ok "$size: the undated bar is counted as senza data" wait_for it "senza data 1"
		ok "$size: the Italian screen fits the terminal" fits it "$cols"
		T send-keys -t it Tab Right Enter
		ok "$size: the Italian header names the undated" wait_for it "senza data soltanto"
		ok "$size: the narrowed Italian screen fits the terminal" fits it "$cols"
		T kill-session -t it
	done
else
	for i in 1 2 3 4 5 6 7 8 9 10; do skip "the chart in Italian" "$italian_problem"; done
fi

done_testing
