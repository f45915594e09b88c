#!/bin/bash
# fetch.sh: web addresses, from a real HTTP server on 127.0.0.1 that the
# test starts and stops (tests/helpers/httpd): "margo add URL" of a page
# and of a feed; subscriptions (subscribe, feeds, fetch, unsubscribe) with
# conditional requests on a second fetch and a changed item refreshed with
# its annotation placed again; and hostile answers, each one line while
# the rest loads: 404, a redirect loop, a body past 32 MiB, a server that
# stalls (MARGO_FETCH_TIMEOUT), addresses other than http and https.
. "$top_srcdir/tests/lib.sh"

HTTPD=$top_builddir/tests/helpers/httpd
W=$TEST_TMP/www
LOG=$TEST_TMP/httpd.log
mkdir "$W"
: >"$LOG"
"$HTTPD" "$W" "$LOG" >"$TEST_TMP/port" &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
for _ in $(seq 50); do
	[ -s "$TEST_TMP/port" ] && break
	sleep 0.1
done
PORT=$(cat "$TEST_TMP/port")
[ -n "$PORT" ] || { echo "Bail out! the test server did not start"; exit 1; }
U=http://127.0.0.1:$PORT

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
out=$("$MARGO" add "$U/articolo.html" "$U/notizie.rss" 2>&1)
like "$out" "^0 added, 0 updated, 2 unchanged" "the same addresses again change nothing"

# A page in Latin-1 whose server says so (and the page does not).
printf '<html><head><title>Citt\xe0 di mare</title></head><body><article><p>La citt\xe0 di Genova \xe8 un porto antico sul mare Ligure, con molte navi.</p></article></body></html>' >"$W/latino.html"
echo "text/html; charset=ISO-8859-1" >"$W/latino.html.ctype"
"$MARGO" add "$U/latino.html" >/dev/null 2>&1
has "$(body_of "Città di mare")" "La città di Genova è un porto" "the charset the server gives is used"

# ---- hostile answers --------------------------------------------------------
head -c 40000000 /dev/zero | tr '\0' a >"$W/grande.html"
out=$(MARGO_FETCH_TIMEOUT=3 "$MARGO" add "$U/mancante.html" "$U/loop" "$U/endless" "$U/grande.html" \
	"$U/stall" "file:///etc/passwd" "ftp://127.0.0.1/x" "http://127.0.0.1:1/nulla" "$U/articolo.html" 2>&1)
st=$?
is "$st" 1 "addresses that fail: exit 1"
like "$out" "^margo: $U/mancante.html: the server answered 404; skipped\$" "a 404 is one line"
like "$out" "^margo: $U/loop: more than 5 redirects; skipped\$" "a redirect loop is one line"
like "$out" "^margo: $U/endless: larger than 32 MiB; abandoned; skipped\$" "a body without end stops at 32 MiB"
like "$out" "^margo: $U/grande.html: larger than 32 MiB; abandoned; skipped\$" "a body declared too large is refused"
like "$out" "^margo: $U/stall: no answer in time \\(timed out\\); skipped\$" "a server that stalls is given up"
like "$out" "^margo: file:///etc/passwd: only http and https addresses are read; skipped\$" "file:// is refused"
like "$out" "^margo: ftp://127.0.0.1/x: only http and https addresses are read; skipped\$" "ftp:// is refused"
like "$out" "^margo: http://127.0.0.1:1/nulla: cannot connect" "a refused connection is one line"
like "$out" "^0 added, 0 updated, 1 unchanged; 8 skipped with a problem" "the rest still loads"
hasnt "$out" "root:" "nothing of /etc/passwd is shown"
hasnt "$("$MARGO" list)" "root:" "nor loaded"
out=$("$MARGO" add "$U/loop" 2>&1)
is "$?" 1 "one address that fails alone: exit 1"

done_testing
