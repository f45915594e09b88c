#!/bin/bash
# fetchpages.sh: the linked pages of feed items that carry only a summary
# (--fetch-pages), from a real HTTP server on 127.0.0.1 (tests/helpers/httpd):
# the page's article in place of the summary, without the page's menus;
# an item with its full content not fetched; a summary kept without the
# option; the page read in the charset its server gives; a page that
# fails told in one line, its item keeping the summary; the choice stored
# with the subscription, shown by feeds and dropped by --no-fetch-pages;
# and a second fetch asking for no page again, even of a changed feed.
. "$top_srcdir/tests/lib.sh"

W=$TEST_TMP/www
LOG=$TEST_TMP/httpd.log
start_httpd "$W" "$LOG"

id_of() {
	"$MARGO" list --format jsonl | grep -F "\"title\":\"$1\"" | sed 's/^{"id":\([0-9]*\),.*/\1/'
}
body_of() {
	"$MARGO" show "$(id_of "$1")" | sed '1,/^$/d'
}
requests() {
	grep -c "^GET $1 " "$LOG"
}

cat >"$W/diga.html" <<'EOF2'
<!DOCTYPE html>
<html><head><title>La nuova diga del porto</title>
<meta name="author" content="Marta Bianchi"></head>
<body><nav>Home | Cronaca | Sport | Meteo</nav>
<article><h1>La nuova diga del porto</h1>
<p>La nuova diga foranea del porto di Genova sarà lunga sei chilometri e permetterà alle navi più grandi di entrare nel bacino di Sampierdarena.</p>
<p>I lavori sono cominciati in primavera e dovrebbero finire entro tre anni, secondo il commissario che li segue.</p>
<p>Gli ambientalisti chiedono che i fondali scavati siano controllati ogni mese per tutta la durata del cantiere.</p>
</article><footer>Copyright Il Giornale del Porto</footer></body></html>
EOF2
cat >"$W/riassunti.rss" <<EOF2
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Il Giornale del Porto</title><link>$U/</link>
<item><title>La diga</title><link>$U/diga.html</link><guid>diga-1</guid>
<pubDate>Wed, 3 Apr 2024 08:00:00 GMT</pubDate>
<description>Un riassunto breve della diga.</description></item>
<item><title>Le gru del terminal</title><link>$U/gru.html</link><guid>gru-1</guid>
<pubDate>Wed, 3 Apr 2024 09:00:00 GMT</pubDate>
<description>Le gru in breve.</description>
<content:encoded><![CDATA[<p>Le gru del terminal container sono ferme da ieri sera per il vento forte da nord, che ha superato i cento chilometri orari.</p><p>I portuali aspettano che il vento cali per ricominciare a scaricare le navi in banchina.</p>]]></content:encoded></item>
<item><title>Il faro</title><link>$U/faro.html</link><guid>faro-1</guid>
<pubDate>Wed, 3 Apr 2024 10:00:00 GMT</pubDate>
<description>La Lanterna in breve.</description></item>
</channel></rss>
EOF2

# ---- without the option: the summaries stay ----------------------------------
export MARGO_DB=$TEST_TMP/senza.db
out=$("$MARGO" subscribe "$U/riassunti.rss" 2>&1)
is "$?" 0 "subscribe without --fetch-pages: exit 0"
like "$out" "^3 added" "the three items are loaded"
is "$(body_of "La diga")" "Un riassunto breve della diga." "an item with a summary only keeps it"
is "$(requests /diga.html)" 0 "and its page is not asked for"
hasnt "$("$MARGO" feeds)" "linked pages" "feeds shows no linked pages"

# ---- with it ----------------------------------------------------------------------
export MARGO_DB=$TEST_TMP/con.db
: >"$LOG"
out=$("$MARGO" subscribe --fetch-pages "$U/riassunti.rss" 2>&1)
is "$?" 0 "subscribe --fetch-pages: exit 0 (a page that fails does not fail the feed)"
like "$out" "^3 added" "the three items are loaded"
body=$(body_of "La nuova diga del porto")
has "$body" "sarà lunga sei chilometri" "the summary-only item reads its page's article"
has "$body" "controllati ogni mese" "all of it"
hasnt "$body" "Un riassunto breve" "not the summary"
hasnt "$body" "Home | Cronaca" "without the page's menu"
hasnt "$body" "Copyright" "or its footer"
js=$("$MARGO" show --format jsonl "$(id_of "La nuova diga del porto")")
has "$js" "\"title\":\"La nuova diga del porto\"" "the page's title"
has "$js" "\"author\":\"Marta Bianchi\"" "the page's author"
has "$js" "\"date\":\"2024-04-03\"" "the feed's date, the page having none"
has "$js" "\"url\":\"$U/diga.html\"" "the item's link as its url"
has "$(body_of "Le gru del terminal")" "superato i cento chilometri" "an item with its content keeps it"
is "$(requests /gru.html)" 0 "its page is not asked for"
is "$(requests /diga.html)" 1 "the summary-only item's page is asked for once"
is "$(grep -c "faro.html" <<<"$out")" 1 "a page that fails is told once"
like "$out" "^margo: $U/faro.html: the server answered 404; the summary is kept\$" "in one line"
is "$(body_of "Il faro")" "La Lanterna in breve." "its item keeps its summary"
like "$out" "^linked pages: 1 read, 1 failed \\(its item keeps its summary\\)\$" "the pages are counted"
like "$("$MARGO" feeds)" "^$U/riassunti.rss  Il Giornale del Porto  3 items  fetched [^ ]*  with linked pages\$" \
	"feeds shows the choice"
like "$("$MARGO" feeds --format jsonl)" "\"fetch_pages\":true\\}\$" "feeds --format jsonl too"

# ---- a second fetch ----------------------------------------------------------------
: >"$LOG"
out=$("$MARGO" fetch 2>&1)
is "$?" 0 "a second fetch: exit 0"
is "$(grep -c . "$LOG")" 1 "an unchanged feed: one request, no page asked for"
# The feed changes (a new item): the page loaded is kept, not asked again.
sed -i "s|</channel>|<item><title>Il rimorchiatore</title><link>$U/rimorchiatore.html</link><guid>rim-1</guid><description>Un rimorchiatore nuovo.</description></item></channel>|" "$W/riassunti.rss"
touch -d '+1 minute' "$W/riassunti.rss"
: >"$LOG"
out=$("$MARGO" fetch 2>&1)
like "$out" "^1 added, 0 updated, 3 unchanged" "a changed feed: its new item added, the rest unchanged"
is "$(requests /diga.html)" 0 "the page already loaded is not asked for again"
is "$(requests /rimorchiatore.html)" 1 "the new item's page is"
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "the item keeps its page's article"

# ---- per run, and margo add -----------------------------------------------------------
export MARGO_DB=$TEST_TMP/run.db
"$MARGO" subscribe "$U/riassunti.rss" >/dev/null 2>&1
: >"$LOG"
sed -i "s|Un rimorchiatore nuovo.|Un rimorchiatore nuovo di zecca.|" "$W/riassunti.rss"
"$MARGO" fetch --fetch-pages >/dev/null 2>&1
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "margo fetch --fetch-pages reads the pages for one run"
unlike "$("$MARGO" feeds)" "linked pages" "without storing the choice"
export MARGO_DB=$TEST_TMP/add.db
out=$("$MARGO" add --fetch-pages "$U/riassunti.rss" 2>&1)
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "margo add --fetch-pages URL of a feed reads them"
out=$("$MARGO" add "$U/riassunti.rss" 2>&1)
like "$out" "^0 added, 0 updated, 1 unchanged" "added again without the option: nothing changes"
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "the item keeps its page"
# The same feed with a changed item: the item loaded with its page keeps it.
sed -i "s|Un rimorchiatore nuovo.|Un rimorchiatore nuovo, arrivato ieri.|" "$W/riassunti.rss"
: >"$LOG"
out=$("$MARGO" add "$U/riassunti.rss" 2>&1)
like "$out" "^0 added, 1 updated, 3 unchanged" "a changed feed added without the option: the changed item updated"
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "the item loaded with its page keeps it"
is "$(grep -c . "$LOG")" 1 "no page asked for"

# ---- content that is only a teaser -------------------------------------------------------
export MARGO_DB=$TEST_TMP/anteprime.db
lunga=$(for _ in $(seq 12); do printf 'Il consiglio comunale ha discusso a lungo del piano del porto. '; done)
cat >"$W/anteprime.rss" <<EOF2
<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Anteprime</title>
<item><title>Anteprima</title><link>$U/diga.html</link><guid>a-1</guid>
<content:encoded>La nuova diga foranea del porto di Genova sarà lunga [&#8230;]</content:encoded></item>
<item><title>Uguale</title><link>$U/uguale.html</link><guid>a-2</guid>
<description>Lo stesso testo due volte.</description><content:encoded>Lo stesso testo due volte.</content:encoded></item>
<item><title>Lunga</title><link>$U/lunga.html</link><guid>a-3</guid>
<content:encoded>$lunga&#8230;</content:encoded></item>
</channel></rss>
EOF2
: >"$LOG"
out=$("$MARGO" add --fetch-pages "$U/anteprime.rss" 2>&1)
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "a short content ending in an ellipsis is a teaser: its page is read"
is "$(requests /uguale.html)" 1 "content no longer than the summary is a teaser too"
is "$(requests /lunga.html)" 0 "a long content ending in an ellipsis is not"

# ---- a page in Latin-1 whose server says so (and the page does not) -------------------
export MARGO_DB=$TEST_TMP/latino.db
printf '<html><head><title>Citt\xe0 di mare</title></head><body><article><p>La citt\xe0 di Genova \xe8 un porto antico sul mare Ligure, con molte navi in arrivo ogni giorno.</p></article></body></html>' >"$W/latino.html"
echo "text/html; charset=ISO-8859-1" >"$W/latino.html.ctype"
cat >"$W/latino.rss" <<EOF2
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Latino</title>
<item><title>Citt&#224;</title><link>$U/latino.html</link><description>In breve.</description></item>
</channel></rss>
EOF2
"$MARGO" add --fetch-pages "$U/latino.rss" >/dev/null 2>&1
has "$(body_of "Città di mare")" "La città di Genova è un porto" "the page is read in the charset its server gives"

# ---- pages that are not articles ---------------------------------------------------------
export MARGO_DB=$TEST_TMP/cattive.db
printf 'solo testo' >"$W/testo.txt"
printf '<html><body><nav>Home</nav></body></html>' >"$W/vuota.html"
cat >"$W/cattivi.rss" <<EOF2
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Cattivi</title>
<item><title>Testo</title><link>$U/testo.txt</link><description>Non una pagina.</description></item>
<item><title>Vuota</title><link>$U/vuota.html</link><description>Una pagina vuota.</description></item>
<item><title>File</title><link>file:///etc/passwd</link><description>Un file locale.</description></item>
<item><title>Lenta</title><link>$U/stall</link><description>Una pagina lenta.</description></item>
</channel></rss>
EOF2
: >"$LOG"
out=$(MARGO_FETCH_TIMEOUT=2 "$MARGO" subscribe --fetch-pages "$U/cattivi.rss" 2>&1)
is "$?" 0 "pages that fail: the feed is subscribed all the same"
like "$out" "^margo: $U/testo.txt: not a web page \\(application/octet-stream\\); the summary is kept\$" "a page that is not HTML"
like "$out" "^margo: $U/vuota.html: no article text found; the summary is kept\$" "a page without an article"
like "$out" "^margo: $U/stall: no answer in time \\(timed out\\); the summary is kept\$" "a page that stalls"
hasnt "$(cat "$LOG")" "passwd" "a link that is not http or https is not fetched"
hasnt "$out" "root:" "nor read"
like "$out" "^4 added" "every item keeps its summary"
is "$(body_of "Vuota")" "Una pagina vuota." "its summary"

# ---- the choice dropped ----------------------------------------------------------------------
export MARGO_DB=$TEST_TMP/con.db
out=$("$MARGO" subscribe --no-fetch-pages "$U/riassunti.rss" 2>&1)
is "$?" 0 "subscribe --no-fetch-pages of a feed subscribed to: exit 0"
unlike "$("$MARGO" feeds)" "linked pages" "feeds no longer shows linked pages"
has "$(body_of "La nuova diga del porto")" "sarà lunga sei chilometri" "an item loaded with its page keeps it"

done_testing
