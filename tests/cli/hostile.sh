#!/bin/bash
# hostile.sh: the hostile files of docs/HARDENING.md ("Loading") in one corpus folder.
#
# The folder holds text that must load (the UTF-8 decoder table, a BOM,
# UTF-16 with its mark, CRLF and lone CR, bidi and zero-width characters,
# a 10 MB line, names with a newline, ESC or invalid UTF-8) next to things
# that must be skipped without blocking (NUL bytes, a binary file, a FIFO, a
# socket, a symlink loop, a symlink out of the folder, an empty file, a file
# that cannot be read).  `margo add` must report each skipped one once, with
# its name made safe, exit 1, and load the rest; every article's text must
# come out as valid UTF-8 with no control characters.  Last, a file
# truncated and rewritten while margo reads it must not crash margo.
#
# Permission denied only shows to a user who is not root: as root, the add
# runs as nobody (setpriv, else runuser).
. "$top_srcdir/tests/lib.sh"

C=$TEST_TMP/corpus
mkdir "$C" "$TEST_TMP/outside" "$TEST_TMP/lib"

# ---- who runs margo: root is made nobody, so permissions count --------------
user_note=$unprivileged_problem
if [ "$(id -u)" = 0 ] && [ -z "$user_note" ]; then
	chmod 755 "$TEST_TMP"
	chown 65534 "$TEST_TMP/lib"
fi
LIB=$TEST_TMP/lib/library.db

# ---- text that must load -------------------------------------------------------
pad="Questo paragrafo di riempimento serve a tenere i byte sbagliati sotto la soglia dei file binari."
printf 'Un articolo normale\n\nUn paragrafo di testo normale, da leggere.\n' >"$C/good.txt"
# The decoder table: overlongs (C0 AF, E0 80 AF), a surrogate (ED A0 80),
# truncated sequences (E2 82, F0 9F 98), beyond U+10FFFF (F4 90 80 80), a
# lone continuation byte (80): each maximal ill-formed subpart is one U+FFFD.
{
	printf 'Tabella del decodificatore\n\n%s %s\n\n' "$pad" "$pad"
	printf 'a \xc0\xaf b \xe0\x80\xaf c \xed\xa0\x80 d \xe2\x82 e \xf4\x90\x80\x80 f \xf0\x9f\x98 g \x80 h\n\n'
	printf '%s %s %s\n' "$pad" "$pad" "$pad"
} >"$C/decoder.txt"
printf '\xef\xbb\xbfTitolo con BOM\n\nTesto dopo il segno.\n' >"$C/bom.txt"
u16='Titolo UTF-16\n\nCittà è più 😀 lontana.\n'
printf "$u16" | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$C/utf16le.txt"
printf "$u16" | iconv -f UTF-8 -t UTF-16BE | { printf '\xfe\xff'; cat; } >"$C/utf16be.txt"
printf 'Titolo CRLF\r\n\r\nPrima riga\r\nseconda riga e un\rritorno solo.\r\n\r\nAltro paragrafo.\r\n' >"$C/crlf.txt"
printf 'Titolo \xe2\x80\xaeinvertito\xe2\x80\xac bidi\n\nTesto\xe2\x80\x8b con\xe2\x81\xa6 zero\xe2\x81\xa9 larghezza\xef\xbb\xbf e trat\xc2\xadtino, famiglia \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 qui.\n' >"$C/bidi.txt"
{
	printf 'Una riga lunghissima\n\n'
	head -c 10485760 /dev/zero | tr '\0' 'x'
	printf '\n'
} >"$C/long.txt"
nl_name=$(printf 'a capo\nnel nome.txt')
esc_name=$(printf 'esc\033]2;PWNED\007nome.txt')
bad_name=$(printf 'nome\xff\xfenon valido.txt')
printf 'Nome con a capo\n\nTesto.\n' >"$C/$nl_name"
printf 'Nome con ESC\n\nTesto.\n' >"$C/$esc_name"
printf 'Nome non UTF-8\n\nTesto.\n' >"$C/$bad_name"
loads=11

# ---- things that must be skipped, each reported once ----------------------------
empty_name=$(printf 'vuoto\n\033[31m\xff.txt')
: >"$C/$empty_name"
printf 'Titolo NUL\n\nTesto con \000 un byte nullo.\n' >"$C/nul.txt"
for i in $(seq 1 64); do printf '\x80\x81\x9b\xfe\xff\x01\x02\x1b'; done >"$C/binary.txt"
mkfifo "$C/fifo.txt"
sock_note=
if "$top_builddir/tests/helpers/mksock" "$C/socket.txt" 2>"$TEST_TMP/sock.err"; then
	:
else
	sock_note="cannot make a socket: $(cat "$TEST_TMP/sock.err")"
fi
ln -s loop.txt "$C/loop.txt"
mkdir "$C/sub"
ln -s .. "$C/sub/up"   # a folder loop, inside the folder: walked once, and said
mkdir "$C/.git"       # a hidden folder: skipped, and said (not a problem)
printf 'Nascosto\n\nTesto nascosto.\n' >"$C/.nascosto.txt"
printf 'Segreto\n\nFuori dalla cartella.\n' >"$TEST_TMP/outside/secret.txt"
ln -s "$TEST_TMP/outside/secret.txt" "$C/outside.txt"
printf 'Illeggibile\n\nTesto.\n' >"$C/noread.txt"
chmod -R a+rX "$C" "$TEST_TMP/outside"
chmod 000 "$C/noread.txt"

# ---- margo add --------------------------------------------------------------------
as_user env MARGO_DB="$LIB" timeout 300 "$MARGO" add "$C" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
rc=$?
err=$(cat "$TEST_TMP/err")
is "$rc" 1 "add of the hostile folder exits 1 (some inputs skipped), within the time limit"
n_skipped=9
[ -n "$sock_note" ] && n_skipped=$((n_skipped - 1))
[ -n "$user_note" ] && n_skipped=$((n_skipped - 1))
is "$(cat "$TEST_TMP/out")" "$loads added, 0 updated, 0 unchanged; $n_skipped skipped with a problem" \
	"the summary counts what loaded and what was skipped"

# reported NAME PATTERN DESC: exactly one message line names NAME and says
# PATTERN (an ERE).
reported() {
	_lines=$(printf '%s\n' "$err" | grep -F -- "$1")
	_n=$(printf '%s\n' "$_lines" | grep -c .)
	if [ "$_n" = 1 ] && printf '%s\n' "$_lines" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3" "want one line with \"$1\" matching /$2/; got $_n:" "$_lines"
	fi
}
reported "/nul.txt" ': not a text file \(binary\); skipped$' "NUL bytes: reported once as not text"
reported "/binary.txt" ': not a text file \(binary\); skipped$' "a binary file: reported once as not text"
reported "/fifo.txt" ': not a regular file \(FIFO, socket or device\); skipped$' \
	"a FIFO: reported once, without blocking"
if [ -n "$sock_note" ]; then
	skip "a socket: reported once" "$sock_note"
else
	reported "/socket.txt" ': not a regular file \(FIFO, socket or device\); skipped$' \
		"a socket: reported once"
fi
reported "/loop.txt" ': symbolic link loop; skipped$' "a symlink loop: reported once"
reported "/sub/up" ': a folder already read \(a link to it, or to a folder above it\); skipped$' \
	"a link to the corpus folder itself: reported once"
reported "/.git" ': hidden folder; skipped \(give its name to load it\)$' "a hidden folder: said once"
reported "/.nascosto.txt" ': hidden file; skipped \(give its name to load it\)$' "a hidden file: said once"
reported "/outside.txt" ': symbolic link that leads outside the folder; skipped$' \
	"a symlink out of the folder: reported once, not followed"
reported "vuoto ^[[31m"$'\xef\xbf\xbd'".txt" ': empty file; skipped$' \
	"an empty file with a newline, ESC and invalid UTF-8 in its name: reported once, name made safe"
if [ -n "$user_note" ]; then
	skip "a file that cannot be read: reported once" "$user_note"
else
	reported "/noread.txt" ': cannot open: Permission denied; skipped$' \
		"a file that cannot be read: reported once (permission denied)"
fi
reported "/decoder.txt" ': 15 invalid UTF-8 sequences replaced by U\+FFFD$' \
	"the decoder table: loaded, and its 15 bad subparts reported once"
is "$(printf '%s\n' "$err" | grep -vc '^margo: ')" 0 "every message is one line starting with margo:"
is "$(printf '%s\n' "$err" | grep -c .)" $((n_skipped + 3)) "no other message"
ok "no message carries ESC, BEL, CR or another control byte" \
	sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$TEST_TMP/err'"
ok "the messages are valid UTF-8" sh -c "iconv -f UTF-8 -t UTF-8 '$TEST_TMP/err' >/dev/null"
hasnt "$err" "secret" "nothing from outside the folder was read"

# ---- what landed ----------------------------------------------------------------------
list=$(as_user env MARGO_DB="$LIB" "$MARGO" list)
is "$(printf '%s\n' "$list" | grep -c .)" "$loads" "margo list has the $loads articles that loaded"
hasnt "$list" "Segreto" "the file outside the folder is not in the library"
hasnt "$list" "Illeggibile" "the unreadable file is not in the library"
has "$list" "(a capo nel nome.txt)" "a newline in a file name is shown as a space"
has "$list" "(esc^[]2;PWNED^Gnome.txt)" "ESC and BEL in a file name are shown as markers"
has "$list" "(nome"$'\xef\xbf\xbd\xef\xbf\xbd'"non valido.txt)" "invalid UTF-8 in a file name becomes U+FFFD"

id_of() { printf '%s\n' "$list" | grep -F -- "($1)" | awk '{print $1}'; }
show() { as_user env MARGO_DB="$LIB" "$MARGO" show "$(id_of "$1")" "${@:2}"; }

R=$'\xef\xbf\xbd'
has "$(show decoder.txt)" "a $R$R b $R$R$R c $R$R$R d $R e $R$R$R$R f $R g $R h" \
	"the decoder table: one U+FFFD per maximal ill-formed subpart"
is "$(show bom.txt | head -n 1)" "Titolo con BOM" "a UTF-8 BOM is removed from the title"
for f in utf16le utf16be; do
	is "$(show $f.txt | sed -n '1p;4p')" "Titolo UTF-16
Città è più 😀 lontana." "UTF-16 ${f#utf16} with its mark is decoded (accents and a pair of surrogates)"
done
crlf=$(show crlf.txt)
ok "CRLF: no CR is left" sh -c "! printf '%s' \"\$1\" | grep -q \"\$(printf '\\r')\"" - "$crlf"
has "$crlf" "seconda riga e un
" "a lone CR ends a line"
like "$crlf" '^ritorno solo\.$' "and what follows it starts the next"
bidi=$(show bidi.txt)
for cp in 202e 202c 200b 2066 2069 feff 00ad; do
	ch=$(printf "\\u$cp")
	hasnt "$bidi" "$ch" "U+$cp is not in the text"
done
has "$(show bidi.txt --format jsonl)" $'\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7' \
	"a ZWJ inside an emoji sequence is kept in the text"
long=$(show long.txt | sed -n 4p)
is "${#long}" 10485760 "the 10 MB line is stored whole"

# Every article, plain and as JSON: valid UTF-8, no control characters.
: >"$TEST_TMP/all"
for id in $(printf '%s\n' "$list" | awk '{print $1}'); do
	as_user env MARGO_DB="$LIB" "$MARGO" show "$id" >>"$TEST_TMP/all"
	as_user env MARGO_DB="$LIB" "$MARGO" show "$id" --format jsonl >>"$TEST_TMP/all"
done
printf '%s\n' "$list" >>"$TEST_TMP/all"
ok "every article's text is valid UTF-8 (show, show --format jsonl, list)" \
	sh -c "iconv -f UTF-8 -t UTF-8 '$TEST_TMP/all' >/dev/null"
ok "and has no control byte but the line end" \
	sh -c "! LC_ALL=C tr -d '\\n' <'$TEST_TMP/all' | LC_ALL=C grep -q '[[:cntrl:]]'"
ok "and no C1 control (U+0080-009F)" sh -c "! LC_ALL=C grep -q \$(printf '\\302[\\200-\\237]') '$TEST_TMP/all'"

# A second add: nothing new, the same problems, each once again.
as_user env MARGO_DB="$LIB" timeout 300 "$MARGO" add "$C" >"$TEST_TMP/out2" 2>"$TEST_TMP/err2"
is "$?" 1 "a second add exits 1 again"
is "$(cat "$TEST_TMP/out2")" "0 added, 0 updated, $loads unchanged; $n_skipped skipped with a problem" \
	"a second add changes nothing"
hasnt "$(cat "$TEST_TMP/err2")" "decoder.txt" "the unchanged decoder table is not read or reported again"

# ---- a file truncated and rewritten while margo reads it ---------------------------------
T=$TEST_TMP/moving
mkdir "$T"
cp "$C/good.txt" "$T/a.txt"
(
	big=$(head -c 2000000 /dev/zero | tr '\0' 'y')
	while :; do
		: >"$T/moving.txt"
		printf 'Titolo che cambia\n\n%s\n' "$big" >"$T/moving.txt"
		truncate -s 100 "$T/moving.txt"
		truncate -s 0 "$T/moving.txt"
	done
) &
writer=$!
at_exit "kill $writer 2>/dev/null"
worst=0
for i in $(seq 1 15); do
	timeout 30 "$MARGO" --db "$TEST_TMP/moving.db" add "$T" >/dev/null 2>>"$TEST_TMP/moving.err"
	rc=$?
	[ $rc -le 1 ] || worst=$rc
done
kill $writer 2>/dev/null
wait $writer 2>/dev/null
is "$worst" 0 "15 adds while the file is truncated and rewritten: each exits 0 or 1, never crashes"
unlike "$(cat "$TEST_TMP/moving.err")" '[Ss]egmentation|[Aa]bort|core' "and says nothing of a crash"
is "$("$MARGO" --db "$TEST_TMP/moving.db" check 2>&1)" ok "the library passes margo check afterwards"
has "$("$MARGO" --db "$TEST_TMP/moving.db" list)" "Un articolo normale" "the other file of that folder loaded"

# ---- messages in the order of the files -----------------------------------------------
# Articles are parsed on a second thread while the one before is written;
# what their text gives rise to must still come in the order of the files,
# between the messages of the files around them.
O=$TEST_TMP/ordered
mkdir -p "$O"
printf 'Primo articolo\n\nUn testo con un byte \377 non valido, e poi altro testo ancora.\n' >"$O/a.txt"
: >"$O/b.txt"
printf 'Terzo articolo\n\nAncora un byte \376 non valido in un testo abbastanza lungo.\n' >"$O/c.txt"
printf '\0\1\2binario' >"$O/d.txt"
printf 'Quinto articolo\n\nUn altro byte \375 non valido, e il testo prosegue un poco.\n' >"$O/e.txt"
"$MARGO" --db "$TEST_TMP/ordered.db" add "$O" 2>"$TEST_TMP/ordered.err" >/dev/null
is "$(sed -n 's|.*/ordered/\([a-e]\)\.txt:.*|\1|p' "$TEST_TMP/ordered.err" | tr -d '\n')" "abcde" \
	"messages come in the order of the files, the parsed ones between the skipped ones"

done_testing
