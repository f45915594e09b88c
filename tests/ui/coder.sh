#!/bin/bash
# tests/ui/coder.sh: who coded what, in the reader (scripted).  An
# annotation made in the reader is coded by "set user" of the
# configuration; A shows each annotation's coder after its tags ("unknown"
# for one made before coders were kept) and its filter keeps one coder's
# with coder:NAME (coder:unknown, those without), at 80 columns.
. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

fresh_library
cfg=$XDG_CONFIG_HOME/margo/config
mkdir -p "${cfg%/*}"
"$MARGO" annotate 2 0 12 --tag vecchia --as old >/dev/null
"$MARGO" annotate 3 0 12 --tag altrui --as ana >/dev/null
"$top_builddir/tests/helpers/sqlexec" "$MARGO_DB" \
	"UPDATE annotation SET coder = NULL WHERE author = 'old'" >/dev/null
printf 'set user bruno\n' >"$cfg"

run_script 80x24 <<'SCRIPT'
<Enter>
a
mia
<Enter>
A
:save-display all.screen
:save-state all
/
coder:ana
<Enter>
:save-state ana
:save-display ana.screen
/
<C-u>coder:bruno
<Enter>
:save-state bruno
/
<C-u>coder:unknown
<Enter>
:save-state unknown
:save-display unknown.screen
/
<C-u>coder:an
<Enter>
:save-state part
SCRIPT
expect_run_ok "the script runs"
has "$("$MARGO" annotations --coder bruno)" "[mia]" "an annotation made in the reader is coded by set user"
expect_state all annotations.n 3 "A lists the three"
like "$(screen all.screen)" '\[mia\] bruno · ' "a row shows its coder after its tags"
like "$(screen all.screen)" '\[altrui\] ana · ' "each its own"
like "$(screen all.screen)" '\[vecchia\] unknown · ' "one made before coders were kept: unknown"
expect_state ana annotations.n 1 "coder:ana keeps ana's"
like "$(screen ana.screen)" 'filter: coder:ana' "the header shows the filter"
expect_state bruno annotations.n 1 "coder:bruno keeps bruno's"
expect_state unknown annotations.n 1 "coder:unknown keeps the one without a coder"
like "$(screen unknown.screen)" '\[vecchia\] unknown' "it is the old one"
expect_state part annotations.n 0 "coder: takes the whole name, not a part of it"
wide=$(screen all.screen | while IFS= read -r l; do [ "${#l}" -gt 80 ] && printf '%s\n' "$l"; done)
is "$wide" "" "no line is wider than 80 columns"

done_testing
