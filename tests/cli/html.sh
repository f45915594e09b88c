#!/bin/bash
# html.sh: web pages in.  `margo extract` prints each page's article and
# metadata as a JSON line without opening a library; `margo add` loads
# pages (and their .gz) given by name or found in folders.  The pages are
# written here: JSON-LD metadata, a cookie banner, a menu and a "read also"
# list that are not the article, a script whose text never shows, a page
# in Windows-1252, a page with no article, and hostile ones: an external
# entity and a DOCTYPE naming a local file (never read), 100,000 nested
# <div>s and a 20 MB page (each given 120 s; only a hang fails them).
. "$top_srcdir/tests/lib.sh"

LIMIT=120
D=$TEST_TMP/pages
mkdir -p "$D"

BODY1='Il consiglio comunale di Bologna ha approvato ieri sera, dopo una lunga discussione, il nuovo piano per il tram, con ventotto voti a favore e dodici contrari.'
BODY2='Secondo la giunta, la prima linea sarà pronta entro tre anni, mentre i cantieri nelle strade del centro dureranno, almeno, fino alla primavera.'
BODY3='I commercianti di via Indipendenza hanno chiesto indennizzi, sostenendo che i lavori, già nei primi mesi, ridurranno le vendite in modo sensibile.'

cat >"$D/tram.html" <<HTML
<!DOCTYPE html>
<html lang="it"><head>
<meta charset="utf-8">
<title>Tram, via libera - Il Giornale di Prova</title>
<link rel="canonical" href="https://giornale.example/bologna/tram-via-libera">
<meta property="og:site_name" content="Il Giornale di Prova">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Il Giornale di Prova"},
 {"@type":"NewsArticle","headline":"Bologna, via libera al tram",
  "author":[{"@type":"Person","name":"Giulia Neri"}],
  "datePublished":"2024-03-05T10:00:00+01:00"}]}
</script>
<script>var banner = "TESTO_DI_SCRIPT_NASCOSTO";</script>
<style>p { color: black } /* STILE_NASCOSTO */</style>
</head><body>
<div class="cookie-banner"><p>Questo sito usa i cookie per offrirti una esperienza migliore, continuando a navigare accetti.</p><button>Accetto</button></div>
<nav><ul><li><a href="/">Prima pagina</a></li><li><a href="/sport">Sport e campionati</a></li><li><a href="/meteo">Meteo della settimana</a></li></ul></nav>
<div class="page">
<article>
<h1>Bologna, via libera al tram</h1>
<p>$BODY1</p>
<p>$BODY2</p>
<h2>Le proteste</h2>
<p>$BODY3</p>
<script>document.write("ALTRO_SCRIPT_NASCOSTO");</script>
<p>Leggi anche:</p>
<ul>
<li><a href="/a">Il sindaco incontra i comitati dei residenti del quartiere</a></li>
<li><a href="/b">Il bilancio del comune approvato con voto unanime</a></li>
<li><a href="/c">La nuova stazione delle corriere apre a settembre</a></li>
</ul>
</article>
<aside><p>I più letti: una classifica di articoli molto lunga, con virgole, e altre parole ancora.</p></aside>
</div>
<footer><p>Copyright Il Giornale di Prova, tutti i diritti riservati, partita IVA 0123456789.</p></footer>
</body></html>
HTML

# ---- extract: metadata and body ------------------------------------------------
rc=0
"$MARGO" extract "$D/tram.html" >"$TEST_TMP/tram.json" 2>"$TEST_TMP/tram.err" || rc=$?
is "$rc" 0 "extract of an article page succeeds"
J=$TEST_TMP/tram.json
jq_() { python3 -c "import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print('' if v is None else v)" "$@"; }
is "$(jq_ "$J" title)" "Bologna, via libera al tram" "the title is JSON-LD's headline"
is "$(jq_ "$J" author)" "Giulia Neri" "the author is the JSON-LD author's name (inside @graph)"
is "$(jq_ "$J" date)" "2024-03-05" "the date is datePublished, as a day"
is "$(jq_ "$J" url)" "https://giornale.example/bologna/tram-via-libera" "the url is the canonical one"
is "$(jq_ "$J" site)" "Il Giornale di Prova" "the site is og:site_name"
T=$(jq_ "$J" text)
is "$T" "$BODY1

$BODY2

Le proteste

$BODY3

Leggi anche:" "the text is the article's paragraphs and heading, a blank line between them"
hasnt "$T" "cookie" "the cookie banner is left out"
hasnt "$T" "Meteo della settimana" "the menu is left out"
hasnt "$T" "Il sindaco incontra" "the read-also list of links is left out"
hasnt "$(cat "$J")" "NASCOSTO" "no script's or style's text is in the output"
hasnt "$T" "I più letti" "the aside is left out"
hasnt "$T" "Copyright" "the footer is left out"

# JSON-LD's articleBody, whole and written in HTML, wins over a teaser on the page.
cat >"$D/ld.html" <<'HTML'
<html><head><script type="application/ld+json">
[{"@type":"BreadcrumbList"},{"@type":["ReportageNewsArticle"],"headline":"Il porto",
  "author":"Marco Bianchi","datePublished":"2023-11-02",
  "articleBody":"<p>Il porto di Genova ha chiuso l'anno con un traffico record, secondo l'autorità portuale.</p><p>Le navi da crociera, in particolare, sono cresciute di un terzo rispetto all'anno prima.</p>"}]
</script></head><body><div class="teaser"><p>Il porto di Genova ha chiuso l'anno con un traffico record, secondo l'autorità.</p><a href="/abbonati">Abbonati per leggere</a></div></body></html>
HTML
"$MARGO" extract "$D/ld.html" >"$TEST_TMP/ld.json"
is "$(jq_ "$TEST_TMP/ld.json" text)" "Il porto di Genova ha chiuso l'anno con un traffico record, secondo l'autorità portuale.

Le navi da crociera, in particolare, sono cresciute di un terzo rispetto all'anno prima." \
   "JSON-LD's whole articleBody (in an array, its HTML read as paragraphs) is the text"
is "$(jq_ "$TEST_TMP/ld.json" author)" "Marco Bianchi" "a JSON-LD author given as a string"

# ---- charsets ------------------------------------------------------------------
printf '<html><head><title>Citt\xe0</title></head><body><div><p>Perch\xe8 la citt\xe0 \xe8 cambiata, e cos\xec in fretta, lo spiegano i numeri del censimento.</p><p>Il caff\xe8 costa di pi\xf9, dicono \x93tutti\x94.</p></div></body></html>' >"$D/latino.html"
T=$("$MARGO" extract "$D/latino.html" | python3 -c "import json,sys; print(json.load(sys.stdin)['text'])")
has "$T" "Perchè la città è cambiata, e così in fretta" "a Windows-1252 page without a charset is read right (è)"
has "$T" "“tutti”" "its Windows-1252 quotation marks too"
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15"></head><body><div><p>Il prezzo \xe8 di dieci \xa4, come dice l\x27articolo, e non di pi\xf9 in ogni caso.</p></div></body></html>' >"$D/euro.html"
has "$("$MARGO" extract "$D/euro.html")" "dieci €" "a charset declared by http-equiv is used (ISO-8859-15's euro)"

# ---- .gz, a page with no article, a file that is not a page --------------------
gzip -c "$D/tram.html" >"$TEST_TMP/tram.html.gz"
is "$("$MARGO" extract "$TEST_TMP/tram.html.gz" | python3 -c "import json,sys; print(json.load(sys.stdin)['text'])")" \
   "$(jq_ "$J" text)" "a .html.gz page gives the same text"
cat >"$D/vuota.html" <<'HTML'
<html><head><title>Indice</title></head><body>
<nav><a href="/1">Uno</a> <a href="/2">Due</a></nav>
<ul><li><a href="/x">Notizie</a></li><li><a href="/y">Sport</a></li></ul>
<p>Ciao.</p></body></html>
HTML
echo "not a page" >"$TEST_TMP/notes.pdf"
rc=0
"$MARGO" extract "$TEST_TMP/notes.pdf" "$D/vuota.html" "$D/latino.html" >"$TEST_TMP/mix.out" 2>"$TEST_TMP/mix.err" || rc=$?
is "$rc" 1 "extract: exit status 1 when a file is skipped or has no article"
is "$(grep -c . "$TEST_TMP/mix.err")" 2 "one line on stderr for each of the two"
like "$(cat "$TEST_TMP/mix.err")" "notes.pdf: not a web page" "the .pdf is said not to be a web page"
like "$(cat "$TEST_TMP/mix.err")" "vuota.html: no article text found" "the page with no article is told"
has "$(cat "$TEST_TMP/mix.out")" "Perchè la città" "the other pages are still printed"

# ---- margo add: a folder of .txt and .html -------------------------------------
F=$TEST_TMP/folder
mkdir -p "$F"
cp "$D/tram.html" "$F/"
printf 'Una notizia di prova\n\nIl testo della notizia, con una frase completa e abbastanza lunga da essere letta.\n' >"$F/notizia.txt"
rc=0
"$MARGO" add "$F" >"$TEST_TMP/add.out" 2>"$TEST_TMP/add.err" || rc=$?
is "$rc" 0 "add of a folder of .txt and .html succeeds"
has "$(cat "$TEST_TMP/add.out")" "2 added" "both files are loaded"
LIST=$("$MARGO" list)
has "$LIST" "Bologna, via libera al tram" "the page is listed by its headline"
has "$LIST" "2024-03-05" "with its date"
ID=$("$MARGO" list --format jsonl | python3 -c "
import json,sys
for l in sys.stdin:
    d=json.loads(l)
    if 'tram' in d['title']: print(d['id'])")
SHOW=$("$MARGO" show "$ID")
has "$SHOW" "$BODY3" "margo show of the page shows its body"
hasnt "$SHOW" "cookie" "and not the cookie banner"
hasnt "$SHOW" "Il sindaco incontra" "nor the read-also list"
has "$SHOW" "Giulia Neri" "its author is the page's"
rc=0
"$MARGO" add "$D/vuota.html" >"$TEST_TMP/add2.out" 2>"$TEST_TMP/add2.err" || rc=$?
is "$rc" 1 "add of a page with no article: exit status 1"
is "$(cat "$TEST_TMP/add2.err")" "margo: $D/vuota.html: no article text found; skipped" "one line says so"
has "$(cat "$TEST_TMP/add2.out")" "1 skipped with a problem" "and it is counted as a problem"

# ---- hostile: external entities and a DOCTYPE naming a file --------------------
echo "CONTENUTO_SEGRETO_DEL_FILE" >"$TEST_TMP/segreto.txt"
cat >"$D/xxe.html" <<HTML
<!DOCTYPE html [ <!ENTITY segreto SYSTEM "file://$TEST_TMP/segreto.txt"> <!ENTITY pw SYSTEM "file:///etc/passwd"> ]>
<html><body><article><p>Un articolo che prova a leggere un file: &segreto; e poi, ancora, &pw; senza riuscirci mai.</p>
<p>Un secondo paragrafo, con alcune virgole, per dare al testo una misura sufficiente.</p></article></body></html>
HTML
cat >"$D/doctype.html" <<HTML
<!DOCTYPE html SYSTEM "file:///etc/passwd">
<html><body><article><p>Una pagina il cui DOCTYPE nomina un file locale, che non deve essere letto, mai.</p></article></body></html>
HTML
OUT=$("$MARGO" extract "$D/xxe.html" "$D/doctype.html" 2>&1)
hasnt "$OUT" "CONTENUTO_SEGRETO" "an external entity's file is never read"
hasnt "$OUT" "root:" "nor /etc/passwd, by entity or DOCTYPE"
has "$OUT" "Un secondo paragrafo" "the page's own text is still there"
"$MARGO" add "$D/xxe.html" >/dev/null 2>&1
hasnt "$("$MARGO" list --format jsonl; "$MARGO" show "$("$MARGO" list --format jsonl | python3 -c "
import json,sys
for l in sys.stdin:
    d=json.loads(l)
    if 'file' in (d.get('title') or ''): print(d['id'])" | head -1)" 2>&1)" "CONTENUTO_SEGRETO" \
	"nor is it in the library"

# ---- hostile: depth and size ---------------------------------------------------
python3 -c "
import sys
sys.stdout.write('<html><body>' + '<div>' * 100000 + '<p>In fondo a centomila div, un paragrafo, con virgole, che forse si legge.</p>' + '</div>' * 100000 + '</body></html>')" >"$D/deep.html"
rc=0
timeout "$LIMIT" "$MARGO" extract "$D/deep.html" >"$TEST_TMP/deep.out" 2>"$TEST_TMP/deep.err" || rc=$?
ok "100,000 nested <div>s: extract ends within $LIMIT s, without crashing (status $rc)" test "$rc" -le 1
ok "and gives the page in one line, or says why not in one" \
	test "$(grep -c . "$TEST_TMP/deep.out")" -le 1 -a "$(grep -c . "$TEST_TMP/deep.err")" -le 1
rc=0
timeout "$LIMIT" "$MARGO" add "$D/deep.html" >"$TEST_TMP/deepadd.out" 2>"$TEST_TMP/deepadd.err" || rc=$?
ok "and margo add of it ends within $LIMIT s, loaded or reported (status $rc)" test "$rc" -le 1
ok "reported at most once" test "$(grep -c . "$TEST_TMP/deepadd.err")" -le 1

python3 -c "
import sys
w = sys.stdout.write
w('<html><head><title>Pagina enorme</title></head><body><article>')
for i in range(170000):
    w('<p>Paragrafo numero %d di una pagina molto grande, con virgole, parole e ancora parole per riempirla bene davvero.</p>\n' % i)
w('</article></body></html>')" >"$D/big.html"
diag "big.html: $(wc -c <"$D/big.html") bytes"
rc=0
timeout "$LIMIT" "$MARGO" extract "$D/big.html" >"$TEST_TMP/big.out" 2>"$TEST_TMP/big.err" || rc=$?
ok "a 20 MB page: extract ends within $LIMIT s (status $rc)" test "$rc" -le 1
if [ "$rc" = 0 ]; then
	has "$(cat "$TEST_TMP/big.out")" "Paragrafo numero 169999 di" "its last paragraph is there"
else
	is "$(grep -c . "$TEST_TMP/big.err")" 1 "it is reported once"
fi

done_testing
