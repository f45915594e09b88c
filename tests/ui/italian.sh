#!/bin/bash
# tests/ui/italian.sh: the words margo itself puts on Italian screens are
# Italian (the locale and catalogue of italian_locale in tests/lib.sh), at
# 80x24 and 200x60: why a related passage is listed ("in comune: ...;
# termini: ..."), the type of an entity after its name in the mentions view
# ("persona", "luogo", "organizzazione", "data"), and an action a message
# says cannot be done, named by its description in the help rather than by
# its English name.  The plain output of margo entities and margo related
# follows; their JSON Lines, and the screens under C.UTF-8, are unchanged.

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

italian_locale || skip_all "$italian_problem"
fresh_library

# in_italian / in_english: the environment of the runs that follow.
in_italian() {
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
}
in_english() {
	unset LOCPATH MARGO_LOCALEDIR LANGUAGE
	export LC_ALL= LANG=C.UTF-8
}
# no_english NAME WORD...: none of the words on the saved screen NAME.
no_english() {
	_ne_name=$1
	shift
	_ne_found=
	for _ne_w in "$@"; do
		case $(screen "$_ne_name") in *"$_ne_w"*) _ne_found="$_ne_found $_ne_w" ;; esac
	done
	is "$_ne_found" "" "$size: $_ne_name: no English word ($*)"
}

for size in 80x24 200x60; do
	# ---- the related passages: why each is listed
	in_italian
	run_script "$size" <<'EOF'
<Enter>
r
:save-display related
EOF
	expect_run_ok "$size: the related passages in Italian: the script runs"
	like "$(screen related)" '│  in comune: [^;]+; termini: ' "$size: a related passage says the names it shares (in comune) and its words (termini)"
	no_english related "shared:" "terms:"

	# ---- the mentions view: the entity's type after its name, for each
	# type; the sidebar of the first article ends with an organisation,
	# then a date.
	run_script "$size" <<'EOF'
<Tab>
<Tab>
<Enter>
:save-display person
<Esc>
j
j
j
j
j
<Enter>
:save-display place
<Esc>
G
k
<Enter>
:save-display organisation
<Esc>
G
<Enter>
:save-display date
EOF
	expect_run_ok "$size: the mentions views in Italian: the script runs"
	has "$(screen person)" "Vladimir Putin (persona): 23 menzioni in 5 articoli" "$size: a person's mentions say persona"
	has "$(screen place)" "Russia (luogo): 55 menzioni" "$size: a place's say luogo"
	has "$(screen organisation)" "Corte penale internazionale (organizzazione)" "$size: an organisation's say organizzazione"
	has "$(screen date)" "2000 (data): 1 menzion" "$size: a date's say data"
	for s in person place organisation date; do
		no_english "$s" "(PER)" "(LOC)" "(ORG)" "(DATE)"
	done

	# ---- under C.UTF-8 the same screens keep their English
	in_english
	run_script "$size" <<'EOF'
<Enter>
r
:save-display related
<Esc>
<Tab>
<Enter>
:save-display person
EOF
	expect_run_ok "$size: the same views in English: the script runs"
	like "$(screen related)" '│  shared: [^;]+; terms: ' "$size: under C.UTF-8 the reason stays shared: ...; terms: ..."
	has "$(screen person)" "Vladimir Putin (PER): 23 mentions" "$size: under C.UTF-8 the type stays PER"
done

# ---- an action that cannot be done, named by its description
in_italian
run_script 80x24 <<'EOF'
/zzzz<Enter>
<Enter>
:save-state filtered
EOF
expect_run_ok "Italian: Enter in a list filtered to nothing: the script runs"
like "$(state filtered message)" \
	"^nessuna selezione: la vista elenco è vuota, quindi non si può: Apri l'articolo, l'entità, la menzione o la voce dello schema selezionata \\(" \
	"Italian: nothing selected names the action by its description, not as open"

mkdir -p "$TEST_TMP/empty"
MARGO_DB="$TEST_TMP/empty.db" run_script 200x24 "$TEST_TMP/empty" <<'EOF'
a
:save-state none
:save-display none-screen
EOF
expect_saved none "Italian: a with no article open: the script runs"
is "$(state none message)" \
	"nessun articolo è aperto (Invio nell'elenco ne apre uno), quindi non si può: Annota la selezione, o la frase al cursore: etichette" \
	"Italian: no article open names the action by its description, not as annotate"
like "$(tail -n 1 "$RUN_DIR/none-screen")" " nessun articolo è aperto \\(Invio nell'elenco ne apre uno\\), quindi non si può: Annota la selezione, o la frase al cursore: etichette *\$" \
	"Italian: ... and the status line shows it, the reason before the action"

if [ -z "$unprivileged_problem" ]; then
	mkdir -p "$TEST_TMP/ro"
	cp "$MARGO_DB" "$TEST_TMP/ro/library.db"
	chmod 555 "$TEST_TMP/ro"
	chmod 444 "$TEST_TMP/ro/library.db"
	chmod 755 "$TEST_TMP"
	mkdir -p "$TEST_TMP/ro-run"
	chmod 777 "$TEST_TMP/ro-run"
	printf 'u\n:save-state ro\n' >"$TEST_TMP/ro-run/script"
	(cd "$TEST_TMP/ro-run" && as_user env LINES=24 COLUMNS=80 TERM=xterm \
		XDG_STATE_HOME="$TEST_TMP/ro-run" XDG_CONFIG_HOME="$TEST_TMP/ro-run" \
		MARGO_SCRIPT="$TEST_TMP/ro-run/script" timeout 20 "$MARGO" --db "$TEST_TMP/ro/library.db" \
		</dev/null >/dev/null 2>"$TEST_TMP/ro-run/err")
	is "$(sed -n 's/^message=//p' "$TEST_TMP/ro-run/ro")" \
		"sola lettura: la libreria non si può scrivere (controllarne i permessi, poi riavviare margo), quindi non si può: Annulla l'ultima modifica ad annotazioni, etichette o entità (conservata nella libreria)" \
		"Italian: read-only names the action by its description, not as undo"
else
	skip "Italian: read-only names the action by its description, not as undo" "$unprivileged_problem"
fi
in_english
run_script 80x24 <<'EOF'
/zzzz<Enter>
<Enter>
:save-state filtered
EOF
is "$(state filtered message)" "nothing selected: the list view is empty, so open is not possible" \
	"English: the message still names the action open"

# ---- margo entities and margo related: plain in Italian, JSON unchanged
in_italian
ents=$("$MARGO" entities)
like "$(printf '%s\n' "$ents" | grep -F 'Vladimir Putin')" '^ +[0-9]+  persona +23 +5  Vladimir Putin$' \
	"Italian: margo entities names the type persona"
like "$(printf '%s\n' "$ents" | grep -F 'Corte penale')" '^ +[0-9]+  organizzazione +1 +1  Corte penale' \
	"Italian: ... and organizzazione"
is "$(printf '%s\n' "$ents" | sed -E 's/^( +[0-9]+  [^ ]+ +[0-9]+ +[0-9]+)  .*/\1/' | awk '{ print length($0) }' | sort -u | wc -l)" 1 \
	"Italian: ... its columns of counts line up after the longest type"
has "$("$MARGO" entities --format jsonl | head -n 1)" '"type":"PER"' "Italian: its JSON Lines keep the code PER"
rel=$("$MARGO" related 3)
like "$rel" $'\n +in comune: [^;]+; termini: ' "Italian: margo related says why in Italian"
has "$("$MARGO" related 3 --format jsonl | head -n 1)" '"why":"shared: ' "Italian: its JSON Lines keep why in English"
in_english
like "$("$MARGO" entities | grep -F 'Vladimir Putin')" '^ +[0-9]+  PER +23 +5  Vladimir Putin$' \
	"English: margo entities keeps the code PER"

done_testing
