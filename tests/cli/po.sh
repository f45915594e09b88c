#!/bin/bash
# po.sh: the Italian translation is complete and well formed.  The message
# template is made again from the sources (xgettext with the keywords of
# po/Makevars, over the files of po/POTFILES.in), po/it.po is merged with
# it, and any message left untranslated or fuzzy fails, as does anything
# msgfmt -c finds wrong (a format directive that differs, a lost newline).
# Every source file that marks a message must be listed in POTFILES.in, or
# its messages would escape both the template and this test.
. "$top_srcdir/tests/lib.sh"

for tool in xgettext msgmerge msgattrib msgfmt make; do
	command -v "$tool" >/dev/null ||
		{ echo "Bail out! $tool is missing (install the Debian package gettext)"; exit 1; }
done
po=$top_srcdir/po
plan 8

ok "po/LINGUAS names it" grep -qx 'it' "$po/LINGUAS"

# The xgettext options as po/Makevars says them (make reads its lines).
opts=$(printf 'include %s\nprint:\n\t@echo $(XGETTEXT_OPTIONS)\n' "$po/Makevars" |
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -f - print)
like "$opts" '--keyword=_ .*--keyword=N_ .*--keyword=ngettext:1,2' "po/Makevars marks _, N_ and ngettext"

# ---- every file with a marked message is in POTFILES.in, and every listed file exists
files=$(grep -v '^#' "$po/POTFILES.in" | grep .)
missing=
for f in $files; do [ -f "$top_srcdir/$f" ] || missing="$missing $f"; done
is "$missing" "" "every file of POTFILES.in exists"
marked=$(cd "$top_srcdir" && grep -rlE '(^|[^A-Za-z0-9_])(N?_|ngettext)\("' src include | grep -vx include/margo/i18n.h | sort)
unlisted=$(comm -23 <(printf '%s\n' "$marked") <(printf '%s\n' $files | sort))
is "$unlisted" "" "every source file that marks a message is in po/POTFILES.in"

# ---- the template, made again from the sources
(cd "$top_srcdir" && xgettext $opts --package-name=margo -o "$TEST_TMP/margo.pot" $files) \
	2>"$TEST_TMP/xgettext.err"
ok "xgettext makes the template" test -s "$TEST_TMP/margo.pot"
n=$(grep -c '^msgid ' "$TEST_TMP/margo.pot")
diag "$((n - 1)) messages in the template"

# ---- it.po against it: nothing untranslated, nothing fuzzy
msgmerge -q --no-fuzzy-matching -o "$TEST_TMP/it.po" "$po/it.po" "$TEST_TMP/margo.pot"
untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$TEST_TMP/it.po" | grep '^msgid ' | grep -v '^msgid ""$')
is "$untranslated" "" "every message of the template has its Italian translation"
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$TEST_TMP/it.po" | grep '^msgid ' | grep -v '^msgid ""$')
is "$fuzzy" "" "no Italian translation is fuzzy"
stats=$(LC_ALL=C msgfmt -c --statistics -o "$TEST_TMP/it.mo" "$TEST_TMP/it.po" 2>&1)
is "$stats" "$((n - 1)) translated messages." "msgfmt -c accepts it.po: $((n - 1)) translated, none fuzzy or untranslated"
