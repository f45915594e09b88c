#!/bin/bash
# tagtree.sh: tags are paths ("armi/munizioni" under "armi"): their levels
# trimmed, an empty level refused; --tag takes a whole branch and never a
# tag that only begins the same (armistizio); margo tags shows the tree with
# its counts; margo tag-rename renames or moves a branch as one change.
. "$top_srcdir/tests/lib.sh"

fresh_library
"$MARGO" annotate 1 0 10 --tag ' armi / munizioni , armi' >/dev/null
"$MARGO" annotate 1 20 30 --tag 'armi/munizioni/proiettili' >/dev/null
"$MARGO" annotate 1 40 50 --tag armistizio >/dev/null
"$MARGO" annotate 1 60 70 --tag logistica/viveri >/dev/null
tags() { "$MARGO" annotations "$@" | sed -n 's/^[^[]*\(\[[^]]*\]\).*/\1/p' | sort | tr '\n' ' '; }

# ---- paths ---------------------------------------------------------------------------
is "$(tags --tag armi/munizioni)" "[armi, armi/munizioni] [armi/munizioni/proiettili] " \
	"the blanks around each level are trimmed: ' armi / munizioni ' is armi/munizioni"
err=$("$MARGO" annotate 1 80 90 --tag 'armi//x' 2>&1); rc=$?
is "$rc" 2 "a tag with an empty level is refused (exit 2)"
is "$err" "margo: annotate: the tag “armi//x” has an empty level (nothing between two “/” or at an end)" \
	"and says which tag and why"
err=$("$MARGO" annotate 1 80 90 --tag 'armi/ ' 2>&1); rc=$?
is "$rc" 2 "a level of blanks at the end is empty too"
is "$("$MARGO" annotations | wc -l)" 4 "nothing was saved by the refused ones"
id=$("$MARGO" annotations --tag armistizio | cut -d' ' -f1)
err=$("$MARGO" retag "$id" 'pace, /guerra' 2>&1); rc=$?
is "$rc" 1 "retag refuses an empty level too (exit 1, as for a bad id)"
is "$err" "margo: retag: the tag “/guerra” has an empty level (nothing between two “/” or at an end)" "and says which tag"
is "$(tags --tag armistizio)" "[armistizio] " "and keeps the tags it had"

# ---- --tag: the branch -------------------------------------------------------------
is "$(tags --tag armi)" "[armi, armi/munizioni] [armi/munizioni/proiettili] " \
	"--tag armi gives armi and everything under it, never armistizio"
is "$(tags --tag ' armi / munizioni / proiettili')" "[armi/munizioni/proiettili] " \
	"--tag trims the levels it is given"
is "$("$MARGO" export --format csv --tag armi | tail -n +2 | cut -d, -f9 | sort | tr '\n' ' ')" \
	"armi armi/munizioni armi/munizioni/proiettili " "export --tag takes the branch, one row per tag"
err=$("$MARGO" annotations --tag 'armi//' 2>&1); rc=$?
is "$rc" 2 "--tag with an empty level is a usage error"
has "$err" "has an empty level" "and says why"

# ---- exports: Markdown nests the tags, JSON Lines and CSV keep the path -----------------
"$MARGO" annotate 2 0 10 --tag armi-x >/dev/null
is "$("$MARGO" export --format markdown | grep '^#' | sed 's/^\(#*\) .*/\1/' | tr '\n' ' ')" \
	"# ## ### ### #### #### ##### ## ### ## ### ## ### #### " \
	"Markdown: each level a heading under its parent's, each article a level under its tag"
is "$("$MARGO" export --format markdown | grep '^###* [^LPK]' | tr '\n' '|')" \
	"## armi|### munizioni|#### proiettili|## armi-x|## armistizio|## logistica|### viveri|" \
	"the headings are the levels, in tree order (armi-x after the branch of armi); logistica, only a level, heads its branch"
has "$("$MARGO" export --format jsonl --tag armi/munizioni/proiettili)" '"purpose":"tagging","value":"armi/munizioni/proiettili"' \
	"JSON Lines keeps the path string"
"$MARGO" undo >/dev/null

# ---- timeline tag:T: the branch, each annotation once ----------------------------------
"$MARGO" annotate 4 20 30 --tag armi/munizioni >/dev/null
is "$("$MARGO" timeline --format jsonl tag:armi)" '{"period":"2023-09","count":1}
{"period":null,"count":2}' "timeline tag:armi counts the annotations of its branch, one with two of its tags once"
"$MARGO" undo >/dev/null

# ---- margo tags ----------------------------------------------------------------------
is "$("$MARGO" tags)" "armi  1  2
  munizioni  1  2
    proiettili  1  1
armistizio  1  1
logistica  -  1
  viveri  1  1" "margo tags: the tree, own count then the branch's (an annotation counted once), '-' for a level only"
js=$("$MARGO" tags --format jsonl)
is "$(echo "$js" | sed -n 2p)" \
	'{"tag":"armi/munizioni","name":"munizioni","parent":"armi","depth":1,"count":1,"total":2,"is_tag":true}' \
	"tags --format jsonl: the path string, its parent and both counts"
has "$js" '{"tag":"logistica","name":"logistica","parent":null,"depth":0,"count":0,"total":1,"is_tag":false}' \
	"a parent that is only a level is listed, not a tag of its own"

# ---- tag-rename: a branch, one change --------------------------------------------
before=$("$MARGO" history | wc -l)
is "$("$MARGO" tag-rename armi armamenti)" "“armi” is now “armamenti”" "tag-rename says what it did"
is "$("$MARGO" tags | head -3 | tr '\n' '|')" "armamenti  1  2|  munizioni  1  2|    proiettili  1  1|" \
	"the whole branch is renamed"
is "$(tags --tag armistizio)" "[armistizio] " "armistizio is not in the branch of armi"
is "$(( $("$MARGO" history | wc -l) - before ))" 1 "the rename of three tags is one entry of the journal"
is "$("$MARGO" undo)" "undone: tag 'armi' renamed 'armamenti'" "one undo takes it back"
is "$(tags --tag armi)" "[armi, armi/munizioni] [armi/munizioni/proiettili] " "every tag of the branch has its old name"
"$MARGO" redo >/dev/null
is "$(tags --tag armamenti)" "[armamenti, armamenti/munizioni] [armamenti/munizioni/proiettili] " "redo renames them all again"
"$MARGO" undo >/dev/null

is "$("$MARGO" tag-rename armi/munizioni ' logistica / munizioni ')" "“armi/munizioni” is now “logistica/munizioni”" \
	"a branch moves under another parent (the levels trimmed)"
is "$("$MARGO" tags)" "armi  1  1
armistizio  1  1
logistica  -  3
  munizioni  1  2
    proiettili  1  1
  viveri  1  1" "munizioni and proiettili are under logistica now"
"$MARGO" undo >/dev/null

err=$("$MARGO" tag-rename armi armi/vecchie 2>&1); rc=$?
is "$rc" 2 "moving a branch under itself is refused"
is "$err" "margo: tag-rename: “armi” cannot move under itself (to “armi/vecchie”)" "and says why"
is "$(tags --tag armi)" "[armi, armi/munizioni] [armi/munizioni/proiettili] " "nothing was lost"
err=$("$MARGO" tag-rename armi 'a//b' 2>&1); rc=$?
is "$rc" 2 "a new name with an empty level is refused"
has "$err" "has an empty level" "and says why"
err=$("$MARGO" tag-rename pace guerra 2>&1); rc=$?
is "$rc" 2 "renaming a tag there is not is refused"
is "$err" "margo: tag-rename: there is no tag “pace”" "and says so"
is "$("$MARGO" tag-rename logistica rifornimenti)" "“logistica” is now “rifornimenti”" \
	"a level that is only a parent renames its branch"
is "$(tags --tag rifornimenti)" "[rifornimenti/viveri] " "its tags follow"

done_testing
