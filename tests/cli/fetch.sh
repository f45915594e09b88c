#!/bin/bash
# fetch.sh: web addresses, from a real HTTP server on 127.0.0.1 that the
# test starts and stops (tests/helpers/httpd): "margo add URL" of a page
# and of a feed; subscriptions (subscribe, feeds, fetch, unsubscribe) with
# conditional requests on a second fetch and a changed item refreshed with
# its annotation placed again; and hostile answers, each one line while
# the rest loads: 404, a redirect loop, a body past 32 MiB, a server that
# stalls (MARGO_FETCH_TIMEOUT), addresses other than http and https.
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

# ---- a page and a feed by address ------------------------------------------
cat >"$W/articolo.html" <<'EOF2'
<!DOCTYPE html>
<html><head><title>Il porto di Genova riapre</title>
<meta name="author" content="Anna Verdi">
<meta property="article:published_time" content="2024-04-02T09:00:00Z"></head>
<body><nav>Home | Cronaca | Sport</nav>
<article><h1>Il porto di Genova riapre</h1>
<p>Il porto di Genova ha riaperto questa mattina dopo tre giorni di sciopero dei lavoratori.</p>
<p>Le navi in attesa al largo sono entrate in rada una alla volta, con la guida dei piloti.</p>
</article><footer>Copyright</footer></body></html>
EOF2
cat >"$W/notizie.rss" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Notizie dal porto</title><link>http://example.org/</link>
<item><title>Arrivano le navi</title><link>http://example.org/navi</link><guid>navi-1</guid>
<pubDate>Tue, 2 Apr 2024 10:00:00 GMT</pubDate>
<description>Tre navi da crociera sono arrivate nel porto di Genova questa mattina.</description></item>
<item><title>Il sindaco in banchina</title><link>http://example.org/sindaco</link><guid>sindaco-1</guid>
<pubDate>Tue, 2 Apr 2024 11:00:00 GMT</pubDate>
<description>Il sindaco di Genova ha visitato la banchina e parlato con i lavoratori del porto.</description></item>
</channel></rss>
EOF2
out=$("$MARGO" add "$U/articolo.html" "$U/notizie.rss" 2>&1)
st=$?
is "$st" 0 "add of a page and a feed by address: exit 0"
like "$out" "^3 added, 0 updated, 0 unchanged; 1 web page, 1 feed \\(2 items\\)" "the page gives one article, the feed two"
has "$(body_of "Il porto di Genova riapre")" "dopo tre giorni di sciopero" "the page's article is read"
hasnt "$(body_of "Il porto di Genova riapre")" "Home | Cronaca" "without its menu"
has "$("$MARGO" show --format jsonl "$(id_of "Il porto di Genova riapre")")" "\"url\":\"$U/articolo.html\"" \
	"the page's url is the address it came from"
has "$(body_of "Arrivano le navi")" "Tre navi da crociera" "a feed's item is read"
like "$(cat "$LOG")" "^GET /articolo.html inm=- ims=-" "the server saw the request"
like "$(cat "$LOG")" "^GET /articolo.html .* ua=margo/[0-9]+\\.[0-9]+\\.[0-9]+\$" "margo says who it is (User-Agent margo/VERSION)"
out=$("$MARGO" add "$U/articolo.html" "$U/notizie.rss" 2>&1)
like "$out" "^0 added, 0 updated, 2 unchanged" "the same addresses again change nothing"

# A feed sent compressed (Content-Encoding: gzip).
sed -e "s|Notizie dal porto|Notizie compresse|" -e "s|navi-1|navi-gz|" -e "s|sindaco-1|sindaco-gz|" \
	-e "s|<title>Arrivano le navi|<title>Navi compresse|" "$W/notizie.rss" | gzip -c >"$W/compresso.rss.gz"
out=$("$MARGO" add "$U/compresso.rss" 2>&1)
like "$out" "^2 added, 0 updated, 0 unchanged" "a feed sent with gzip is read"
has "$(body_of "Navi compresse")" "Tre navi da crociera" "its items whole"

# A page in Latin-1 whose server says so (and the page does not).
printf '<html><head><title>Citt\xe0 di mare</title></head><body><article><p>La citt\xe0 di Genova \xe8 un porto antico sul mare Ligure, con molte navi.</p></article></body></html>' >"$W/latino.html"
echo "text/html; charset=ISO-8859-1" >"$W/latino.html.ctype"
"$MARGO" add "$U/latino.html" >/dev/null 2>&1
has "$(body_of "Città di mare")" "La città di Genova è un porto" "the charset the server gives is used"

# ---- margo extract of an address ----------------------------------------------
before=$("$MARGO" list --format jsonl | wc -l | tr -d ' ')
ex=$("$MARGO" extract "$U/articolo.html" "$U/mancante.html" 2>"$TEST_TMP/ex.err")
is "$?" 1 "extract of a page and a missing one by address: exit 1"
is "$(printf '%s\n' "$ex" | wc -l | tr -d ' ')" 1 "one JSON line, for the page"
has "$ex" '{"path":null,"url":"'"$U"'/articolo.html","title":"Il porto di Genova riapre","author":"Anna Verdi"' \
	"its path is null, its url the address fetched, its title and author the page's"
has "$ex" "Il porto di Genova ha riaperto questa mattina" "its text is the article"
hasnt "$ex" "Cronaca | Sport" "without the page's menu"
is "$(cat "$TEST_TMP/ex.err")" "margo: $U/mancante.html: the server answered 404; skipped" \
	"the missing page is one line"
is "$("$MARGO" list --format jsonl | wc -l | tr -d ' ')" "$before" "extract adds nothing to the library"

# ---- hostile answers --------------------------------------------------------
head -c 40000000 /dev/zero | tr '\0' a >"$W/grande.html"
# (Each answer that fails here fails at once, whatever the machine's
# load: only the server that stalls needs the clock, on its own below.)
out=$("$MARGO" add "$U/mancante.html" "$U/loop" "$U/endless" "$U/grande.html" \
	"file:///etc/passwd" "ftp://127.0.0.1/x" "http://127.0.0.1:1/nulla" "$U/articolo.html" 2>&1)
st=$?
is "$st" 1 "addresses that fail: exit 1"
like "$out" "^margo: $U/mancante.html: the server answered 404; skipped\$" "a 404 is one line"
like "$out" "^margo: $U/loop: more than 5 redirects; skipped\$" "a redirect loop is one line"
like "$out" "^margo: $U/endless: larger than 32 MiB; abandoned; skipped\$" "a body without end stops at 32 MiB"
like "$out" "^margo: $U/grande.html: larger than 32 MiB; abandoned; skipped\$" "a body declared too large is refused"
like "$out" "^margo: file:///etc/passwd: only http and https addresses are read; skipped\$" "file:// is refused"
like "$out" "^margo: ftp://127.0.0.1/x: only http and https addresses are read; skipped\$" "ftp:// is refused"
like "$out" "^margo: http://127.0.0.1:1/nulla: cannot connect" "a refused connection is one line"
like "$out" "^0 added, 0 updated, 1 unchanged; 7 skipped with a problem" "the rest still loads"
stalled=$(MARGO_FETCH_TIMEOUT=3 "$MARGO" add "$U/stall" 2>&1)
like "$stalled" "^margo: $U/stall: no answer in time \\(timed out\\); skipped\$" "a server that stalls is given up"
hasnt "$out" "root:" "nothing of /etc/passwd is shown"
hasnt "$("$MARGO" list)" "root:" "nor loaded"
out=$("$MARGO" add "$U/loop" 2>&1)
is "$?" 1 "one address that fails alone: exit 1"

# ---- subscriptions -----------------------------------------------------------
cat >"$W/porto.atom" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Il porto, ora per ora</title>
<id>tag:example.org,2024:porto</id><updated>2024-04-03T08:00:00Z</updated>
<entry><id>tag:example.org,2024:gru</id><title>Le gru ferme</title><updated>2024-04-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;Le gru del terminal container sono ferme per il vento forte da nord.&lt;/p&gt;</content></entry>
<entry><id>tag:example.org,2024:traghetto</id><title>Il traghetto per Olbia</title><updated>2024-04-03T09:00:00Z</updated>
<content type="html">&lt;p&gt;Il traghetto per Olbia partirà con due ore di ritardo a causa del mare mosso.&lt;/p&gt;</content></entry>
</feed>
EOF2
: >"$LOG"
out=$("$MARGO" subscribe "$U/porto.atom" "$U/articolo.html" "$U/sparito.rss" "file:///etc/passwd" 2>&1)
is "$?" 1 "subscribe with some addresses that are not feeds: exit 1"
like "$out" "^margo: $U/articolo.html: not an RSS or Atom feed; not subscribed\$" "a page is not subscribed"
like "$out" "^margo: $U/sparito.rss: the server answered 404; not subscribed\$" "a 404 is not subscribed"
like "$out" "^margo: file:///etc/passwd: not an http or https address\$" "file:// is refused"
like "$out" "^2 added, 0 updated, 0 unchanged" "the feed's two items are loaded"
"$MARGO" subscribe "$U/notizie.rss" >/dev/null 2>&1
feeds=$("$MARGO" feeds)
like "$feeds" "^$U/porto.atom  Il porto, ora per ora  2 items  fetched 20[0-9-]*T[0-9:]*Z\$" "feeds lists the feed, its title and items"
like "$feeds" "^$U/notizie.rss  Notizie dal porto  2 items" "and the one added before by add"
hasnt "$feeds" "articolo.html" "a page refused is not among them"
jsonl=$("$MARGO" feeds --format jsonl)
like "$jsonl" "^\\{\"url\":\"$U/porto.atom\",\"title\":\"Il porto, ora per ora\",\"items\":2,\"last_fetch\":\"20[^\"]*\",\"last_error\":null,\"fetch_pages\":false\\}\$" \
	"feeds --format jsonl"

: >"$LOG"
out=$("$MARGO" fetch 2>&1)
is "$?" 0 "a second fetch: exit 0"
like "$out" "^0 added, 0 updated, 2 unchanged" "a second fetch of unchanged feeds says 0 added"
like "$(cat "$LOG")" "^GET /porto.atom inm=\"[0-9a-f]{16}\" ims=[A-Z][a-z][a-z], [0-9]+ [A-Z][a-z][a-z] 20" \
	"it asks with If-None-Match and If-Modified-Since"
is "$(grep -c . "$LOG")" 2 "one request a feed"

# A changed item is refreshed, its annotation placed again.
id=$(id_of "Il traghetto per Olbia")
body=$(body_of "Il traghetto per Olbia")
pre=${body%%"due ore di ritardo"*}
s=${#pre}
"$MARGO" annotate "$id" "$s" "$((s + 18))" --tag ritardi >/dev/null
sed -i 's|Il traghetto per Olbia partirà|Questa sera il traghetto per Olbia partirà|' "$W/porto.atom"
touch -d '+1 minute' "$W/porto.atom"
out=$("$MARGO" fetch 2>&1)
like "$out" "^0 added, 1 updated, 2 unchanged; 2 feeds \\(2 items\\); annotations: 0 exact, 1 moved," \
	"a changed feed: its changed item is updated, the annotation moved with its words"
has "$(body_of "Il traghetto per Olbia")" "Questa sera il traghetto" "the new text is kept"
has "$("$MARGO" annotations)" "due ore di ritardo" "the annotation still quotes its words"

# A feed that fails is told once, the rest still load, and feeds shows it.
rm "$W/notizie.rss"
sed -i 's|</feed>|<entry><id>tag:example.org,2024:nave</id><title>Una nave nuova</title><updated>2024-04-04T09:00:00Z</updated><content>La nave nuova è entrata nel porto di Genova ieri sera.</content></entry></feed>|' "$W/porto.atom"
touch -d '+2 minutes' "$W/porto.atom"
out=$("$MARGO" fetch 2>&1)
is "$?" 1 "a fetch with a feed that fails: exit 1"
is "$(grep -c "notizie.rss" <<<"$out")" 1 "the failed feed is told once"
like "$out" "^margo: $U/notizie.rss: the server answered 404\$" "in one line"
like "$out" "^1 added, 0 updated, 2 unchanged; 1 skipped with a problem; 1 feed \\(3 items\\)" "the other feed loads"
like "$("$MARGO" feeds)" "^$U/notizie.rss  Notizie dal porto  2 items  fetched .*  error: the server answered 404\$" \
	"feeds shows the last error"

out=$("$MARGO" unsubscribe "$U/notizie.rss" "$U/mai.rss" 2>&1)
is "$?" 1 "unsubscribe of one not subscribed: exit 1"
like "$out" "^unsubscribed from $U/notizie.rss \\(its articles stay\\)\$" "unsubscribed"
like "$out" "^margo: $U/mai.rss: not subscribed\$" "one not subscribed is said"
hasnt "$("$MARGO" feeds)" "notizie.rss" "gone from feeds"
has "$("$MARGO" list)" "Arrivano le navi" "its articles stay"
: >"$LOG"
"$MARGO" fetch >/dev/null 2>&1
hasnt "$(cat "$LOG")" "notizie.rss" "and it is not fetched again"

done_testing
