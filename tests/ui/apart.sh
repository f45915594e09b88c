#!/bin/bash
# apart.sh: a bare name kept apart, as the reader sees it (layer A,
# scripted).  In an article that says only "Berlusconi", while Silvio and
# Pier Silvio Berlusconi are named in full elsewhere, the sidebar marks
# the name with "?" and its mentions view says which people it may be, in
# English and in Italian.  A rename by the user takes the mark away.
. "$top_srcdir/tests/ui/lib.sh"

D=$TEST_TMP/corpus
mkdir -p "$D"
printf 'Mediaset, il piano\n\nSilvio Berlusconi ha parlato ai soci. Berlusconi ha detto che il gruppo crescerà.\n' >"$D/a1.txt"
printf 'Mediaset, i conti\n\nPier Silvio Berlusconi ha presentato i conti. Berlusconi ha parlato di pubblicità.\n' >"$D/a2.txt"
printf 'Il vertice di Arcore\n\nBerlusconi ha ricevuto gli alleati ad Arcore. Secondo Berlusconi il governo durerà. Anche Putin ha telefonato.\n' >"$D/a3.txt"
printf 'Il Cremlino\n\nVladimir Putin ha parlato a Mosca.\n' >"$D/a4.txt"
"$MARGO" add "$D" >/dev/null 2>&1

# Columns FROM.. of each line, counted in characters.
columns_from() {
	while IFS= read -r _l; do printf '%s\n' "${_l:$1}"; done
}

# ---- the sidebar and the mentions view, at 80x24 and 200x60
run_script 80x24 <<'EOF'
jj<Enter>
<Tab>
:save-display side.screen
:save-state side
<Enter>
:save-display view.screen
:save-state view
EOF
expect_run_ok "80x24: the script runs"
side=$(screen side.screen | columns_from 60)
like "$side" '^.Berlusconi \? +2/2$' "80x24: the sidebar marks the bare Berlusconi with ?"
like "$side" '^.Vladimir Put[^?]* 1/2$' "and not Putin, whom one person fits"
expect_state side side.entity.apart 1 "the entity selected is the one kept apart"
view=$(screen view.screen)
has "$view" "Berlusconi (PER): 2 mentions in 1 articles" "its mentions view opens"
has "$view" "(?) which of: Pier Silvio Berlusconi, Silvio Berlus…" \
	"80x24: under the title, which people it may be (cut at the edge)"
expect_state view mentions.fits "Pier Silvio Berlusconi, Silvio Berlusconi" "both people are listed"

run_script 200x60 <<'EOF'
jj<Enter>
<Tab>
:save-display side.screen
<Enter>
:save-display view.screen
EOF
expect_run_ok "200x60: the script runs"
like "$(screen side.screen)" 'Berlusconi \? +2/2$' "200x60: the sidebar marks it"
like "$(screen view.screen)" '│ \(\?\) which of: Pier Silvio Berlusconi, Silvio Berlusconi$' \
	"200x60: the mentions view names both people in full"
run_script 80x24 <<'EOF'
jj<Enter>
<Tab>
j
:save-display other.screen
<Enter>
:save-display other-view.screen
EOF
hasnt "$(screen other-view.screen)" "which of" "another entity's mentions view says nothing of the kind"

# ---- in Italian
if italian_locale; then
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
	run_script 80x24 <<'EOF'
jj<Enter>
<Tab>
<Enter>
:save-display view.screen
?
:save-display help.screen
EOF
	unset LOCPATH MARGO_LOCALEDIR LANGUAGE
	export LANG=C.UTF-8
	expect_run_ok "Italian: the script runs"
	has "$(screen view.screen)" "(?) quale tra: Pier Silvio Berlusconi, Silvio Berlu…" \
		"Italian: the mentions view says which people it may be"
	has "$(screen help.screen | tr -s ' \n' '  ')" "un'entità segnata ? è un nome da solo" "Italian: the help explains the mark"
else
	skip "Italian: the script runs" "$italian_problem"
	skip "Italian: the mentions view says which people it may be" "$italian_problem"
	skip "Italian: the help explains the mark" "$italian_problem"
fi

# ---- the help says what ? means
run_script 100x30 <<'EOF'
jj<Enter>
<Tab>
?
:save-display help.screen
EOF
has "$(screen help.screen | tr -s ' \n' '  ')" "(an entity marked ? is a bare name that several people's full names fit" "the help explains the mark"

# ---- a rename by the user: no longer marked
run_script 80x24 <<'EOF'
jj<Enter>
<Tab>
R
<C-u>Berlusconi di Arcore
<Enter>
:save-display renamed.screen
:save-state renamed
EOF
expect_run_ok "rename: the script runs"
expect_state renamed side.entity "Berlusconi di Arcore" "R renames the entity kept apart"
expect_state renamed side.entity.apart 0 "the renamed entity is no longer marked"
unlike "$(screen renamed.screen | columns_from 60)" '\?  ' "the sidebar shows no ?"
hasnt "$("$MARGO" entities --format jsonl)" '"ambiguous"' "margo entities marks nothing"
done_testing
