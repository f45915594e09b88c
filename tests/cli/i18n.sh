#!/bin/bash
# i18n.sh: margo speaks Italian under LANG=it_IT.UTF-8 and English under C
# and English locales: --help, a subcommand's usage, errors, the summary of
# a load, plural forms, the keys' help; what programs read (JSON Lines,
# option, format and action names) is the same in every language.
. "$top_srcdir/tests/lib.sh"

italian_locale || { echo "Bail out! $italian_problem"; exit 1; }
# A second locale that is English: en_US.UTF-8, made the same way.
localedef -i en_US -f UTF-8 "$TEST_TMP/loc/en_US.UTF-8" >/dev/null 2>&1 ||
	{ echo "Bail out! localedef cannot make en_US.UTF-8"; exit 1; }
it() { env $IT_ENV "$MARGO" "$@"; }
c() { env LC_ALL=C LANG=C MARGO_LOCALEDIR="$TEST_TMP/locale" "$MARGO" "$@"; }
en() { env LOCPATH="$TEST_TMP/loc" LC_ALL= LANG=en_US.UTF-8 MARGO_LOCALEDIR="$TEST_TMP/locale" "$MARGO" "$@"; }

plan 27

# ---- --help and the usage of a subcommand
out=$(it --help)
like "$out" '^Uso: margo \[--db FILE\] \[--config FILE \| -n\] \[PERCORSO\|URL\.\.\.\]$' "--help in Italian: the usage line"
has "$out" "Comandi:" "--help in Italian: its sections"
has "$out" "  -h, --help             mostra questo aiuto ed esce" "--help in Italian keeps the option names"
like "$(c --help)" '^Usage: margo \[--db FILE\] \[--config FILE \| -n\] \[PATH\|URL\.\.\.\]$' "--help under LANG=C is English"
like "$(en --help)" '^Usage: margo \[--db FILE\] \[--config FILE \| -n\] \[PATH\|URL\.\.\.\]$' "--help under en_US.UTF-8 is English"
like "$(env LC_ALL=C.UTF-8 MARGO_LOCALEDIR="$TEST_TMP/locale" "$MARGO" --help)" '^Usage: margo' "--help under C.UTF-8 is English"
out=$(it list --help)
has "$out" "Elenca gli articoli della libreria" "margo list --help in Italian"
has "$out" "[--format plain|jsonl] [--unread]" "margo list --help keeps its options and format names"
like "$(it --version)" '^Licenza GPL-3.0-or-later' "--version in Italian"

# ---- errors, on standard error, with the same exit status
out=$(it --bogus 2>&1); rc=$?
is "$out" 'margo: opzione sconosciuta "--bogus"; vedere "margo --help"' "an unknown option is told in Italian"
is "$rc" 2 "... with the exit status of a usage error"
is "$(c --bogus 2>&1)" 'margo: unknown option "--bogus"; see "margo --help"' "... and in English under C"
out=$(it show 2>&1)
is "$out" 'margo: show: dare un ID di articolo (un numero da "margo list")' "a subcommand's error in Italian"

# ---- an empty library, then a load
out=$(it list 2>&1); rc=$?
has "$out" "qui non c'è ancora una libreria" "margo list on no library says so in Italian"
is "$rc" 3 "... exit status 3"
has "$(c list 2>&1)" "no library here yet" "... in English under C"
out=$(it add "$top_srcdir/corpus" 2>&1)
is "$out" "aggiunti: 5, aggiornati: 0, invariati: 0" "the summary of a load in Italian"

# ---- plural forms: one line, then two lines that are not articles
printf '{"text":"Roma, 3 marzo. Il sindaco parla."}\nnope\n' > "$TEST_TMP/one.jsonl"
printf '{"text":"Milano, 4 marzo. Il prefetto parla."}\nnope\nnope\n' > "$TEST_TMP/two.jsonl"
has "$(it add "$TEST_TMP/one.jsonl" 2>&1)" '1 riga non è un oggetto JSON con un campo "text" (la prima: riga 2); saltata' "one bad line: the singular"
has "$(it add "$TEST_TMP/two.jsonl" 2>&1)" '2 righe non sono un oggetto JSON con un campo "text" (la prima: riga 2); saltate' "two bad lines: the plural"

# ---- what programs read is the same in every language
is "$(it list --format jsonl)" "$(c list --format jsonl)" "margo list --format jsonl is the same in Italian and English"
is "$(it show --format jsonl 1)" "$(c show --format jsonl 1)" "margo show --format jsonl is the same"
is "$(it passages --format jsonl 2)" "$(c passages --format jsonl 2)" "margo passages --format jsonl is the same"
is "$(it keys | grep -v '^#')" "$(c keys | grep -v '^#')" "margo keys: the bind lines (views, keys, action names) are the same"
has "$(it keys)" "# page-up: Pagina su" "margo keys: the help of an action in Italian, its name not"
has "$(c keys)" "# page-up: Page up" "... and in English under C"

# ---- no catalogue: English, nothing breaks
out=$(env LOCPATH="$TEST_TMP/loc" LC_ALL= LANG=it_IT.UTF-8 MARGO_LOCALEDIR="$TEST_TMP/nowhere" "$MARGO" --help)
like "$out" '^Usage: margo' "with no Italian catalogue found, margo speaks English"
# LANGUAGE picks the language among catalogues, as in every gettext program.
like "$(env LOCPATH="$TEST_TMP/loc" LC_ALL= LANG=en_US.UTF-8 LANGUAGE=it MARGO_LOCALEDIR="$TEST_TMP/locale" "$MARGO" --help)" '^Uso: margo' "LANGUAGE=it under an English locale gives Italian"
