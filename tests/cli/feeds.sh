#!/bin/bash
# feeds.sh: RSS 2.0, RSS 1.0 and Atom feed files, one article an item:
# HTML made paragraphs, titles without markup, dates of each form (an
# unreadable one is no date), identity by guid or link (loading again
# changes nothing, a changed item is refreshed with its annotation still
# anchored, items gone stay), a .xml that is no feed skipped with a line,
# a folder of mixed kinds told by kind; and hostile feeds: a billion
# laughs, an external entity naming /etc/passwd, a feed declaring
# ISO-8859-1 that holds UTF-8, 100,000 nested elements.
. "$top_srcdir/tests/lib.sh"

F=$TEST_TMP/feeds
mkdir "$F"

# The id of the article titled $1, from the listing.
id_of() {
	"$MARGO" list --format jsonl | grep -F "\"title\":\"$1\"" | sed 's/^{"id":\([0-9]*\),.*/\1/'
}
# The date the listing gives the article titled $1 ("" when none).
date_of() {
	"$MARGO" list --format jsonl | grep -F "\"title\":\"$1\"" | sed -n 's/.*"date":"\([^"]*\)".*/\1/p'
}
body_of() {
	"$MARGO" show "$(id_of "$1")" | sed '1,/^$/d'
}

# ---- RSS 2.0 with content:encoded ----------------------------------------
cat >"$F/cronache.rss" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Cronache</title><link>http://example.org/</link>
<item>
 <title>Il &lt;b&gt;ponte&lt;/b&gt; sullo Stretto</title>
 <link>http://example.org/ponte</link>
 <guid isPermaLink="false">ponte-2024</guid>
 <pubDate>Tue, 5 Mar 2024 10:00:00 +0100</pubDate>
 <dc:creator>Maria Rossi</dc:creator>
 <description>Un riassunto che non va preso.</description>
 <content:encoded><![CDATA[<p>Il governo ha approvato il progetto del ponte sullo Stretto di Messina.</p><script>var rubato = "SCRIPTO";</script><style>p { color: red }</style><div>Il ministro ha parlato di un&#39;opera attesa da &egrave;poche lontane &amp; costose.</div><ul><li>Primo punto</li><li>Secondo punto</li></ul>]]></content:encoded>
</item>
<item>
 <title>Seconda notizia</title>
 <link>http://example.org/seconda</link>
 <pubDate>5 mar 24 09:30 EST</pubDate>
 <description>&lt;p&gt;Il consiglio regionale della Calabria si riunisce domani.&lt;/p&gt;&lt;p&gt;Altro paragrafo.&lt;/p&gt;</description>
</item>
<item>
 <title>Terza notizia</title>
 <link>http://example.org/terza</link>
 <pubDate>Mon, 6 May 2024 08:00:00 GMT</pubDate>
 <description>Il sindaco di Palermo ha inaugurato il nuovo mercato coperto.</description>
</item>
<item>
 <title>Notizia senza data leggibile</title>
 <link>http://example.org/ieri</link>
 <pubDate>ieri pomeriggio</pubDate>
 <description>La giunta di Bari ha approvato il bilancio senza modifiche.</description>
</item>
<item>
 <title>Notizia del trentuno aprile</title>
 <link>http://example.org/aprile</link>
 <pubDate>Wed, 31 Apr 2024 10:00:00 GMT</pubDate>
 <description>Il porto di Genova ha registrato un traffico in crescita costante.</description>
</item>
<item><title>Solo un titolo</title><link>http://example.org/vuota</link></item>
</channel></rss>
EOF
out=$("$MARGO" add "$F/cronache.rss" 2>"$TEST_TMP/err")
is "$out" "5 added, 0 updated, 0 unchanged; 1 feed (5 items)" "an RSS 2.0 feed: one article an item with text"
is "$(cat "$TEST_TMP/err")" "margo: $F/cronache.rss: 1 item without text skipped" \
	"the item with no text is skipped with one line"
ok "its title has no markup" test -n "$(id_of "Il ponte sullo Stretto")"
body=$(body_of "Il ponte sullo Stretto")
has "$body" "Il governo ha approvato il progetto del ponte sullo Stretto di Messina." \
	"content:encoded is the text"
hasnt "$body" "riassunto" "not the description"
has "$body" "Il ministro ha parlato di un'opera attesa da èpoche lontane & costose." \
	"HTML entities are decoded"
hasnt "$body" "SCRIPTO" "scripts are dropped"
hasnt "$body" "color" "styles are dropped"
unlike "$body" "[<>]" "no markup is left"
is "$(printf '%s\n' "$body" | grep -c .)" 4 "each block is a paragraph (p, div, two li)"
has "$("$MARGO" show "$(id_of "Il ponte sullo Stretto")")" "Maria Rossi" "dc:creator is the author"
has "$("$MARGO" list)" "(example.org)" "the link's host is the source"
body=$(body_of "Seconda notizia")
has "$body" "Il consiglio regionale della Calabria si riunisce domani." "an escaped HTML description is the text"
unlike "$body" "&lt;|<p>" "and holds no markup"

# ---- dates ----------------------------------------------------------------
is "$(date_of "Il ponte sullo Stretto")" "2024-03-05" "RFC 822 with a numeric zone"
is "$(date_of "Seconda notizia")" "2024-03-05" "RFC 822 without weekday, lower-case month, two-digit year, EST"
is "$(date_of "Terza notizia")" "2024-05-06" "RFC 822 with GMT"
is "$(date_of "Notizia senza data leggibile")" "" "an unreadable date is no date"
is "$(date_of "Notizia del trentuno aprile")" "" "a 31st of April is no date, not a wrong one"

# ---- RSS 1.0 and Atom ---------------------------------------------------
cat >"$F/rdf.xml" <<'EOF'
<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/rdf"><title>RDF</title></channel>
<item rdf:about="http://example.org/rdf/1">
 <title>Notizia RDF</title><link>http://example.org/rdf/1</link>
 <dc:date>2024-03-06T08:15:00Z</dc:date><dc:creator>Luca Bianchi</dc:creator>
 <description>Il consiglio comunale di Torino si riunisce in seduta straordinaria.</description>
</item>
</rdf:RDF>
EOF
cat >"$F/blog.atom" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.net/blog/">
 <title>Atom</title><author><name>Redazione</name></author>
 <entry>
  <title type="html">Elezioni &lt;em&gt;regionali&lt;/em&gt; in Sardegna</title>
  <link rel="alternate" href="elezioni"/>
  <id>tag:example.net,2024:elezioni</id>
  <updated>2024-03-09T12:00:00+02:00</updated>
  <published>2024-03-07T23:30:00-05:00</published>
  <summary>Un sommario che non va preso.</summary>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Primo paragrafo sulle <b>elezioni</b> in Sardegna.</p><p>Secondo paragrafo.</p></div></content>
 </entry>
</feed>
EOF
out=$("$MARGO" add "$F/rdf.xml" "$F/blog.atom" 2>&1)
is "$out" "2 added, 0 updated, 0 unchanged; 2 feeds (2 items)" "an RSS 1.0 and an Atom feed"
has "$(body_of "Notizia RDF")" "Il consiglio comunale di Torino" "RSS 1.0: the description is the text"
is "$(date_of "Notizia RDF")" "2024-03-06" "an ISO 8601 dc:date"
has "$("$MARGO" show "$(id_of "Notizia RDF")")" "Luca Bianchi" "RSS 1.0: dc:creator is the author"
ok "an Atom title of type html loses its markup" test -n "$(id_of "Elezioni regionali in Sardegna")"
body=$(body_of "Elezioni regionali in Sardegna")
is "$body" "Primo paragrafo sulle elezioni in Sardegna.

Secondo paragrafo." "xhtml content: paragraphs, no markup"
is "$(date_of "Elezioni regionali in Sardegna")" "2024-03-07" "published (not updated), the day in the feed's own zone"
has "$("$MARGO" show "$(id_of "Elezioni regionali in Sardegna")")" "Redazione" \
	"an entry without author takes the feed's"
has "$("$MARGO" list)" "(example.net)" "the link made absolute against xml:base"

# ---- identity and refresh ---------------------------------------------------
out=$("$MARGO" add "$F/cronache.rss" "$F/rdf.xml" "$F/blog.atom" 2>/dev/null)
is "$out" "0 added, 0 updated, 3 unchanged; 3 feeds" "loading the same feeds again changes nothing"
touch -d '2030-01-01' "$F/cronache.rss"
out=$("$MARGO" add "$F/cronache.rss" 2>/dev/null)
is "$out" "0 added, 0 updated, 1 unchanged; 1 feed" "nor does a feed touched but not changed"

# Another saved copy of the feed: its guid (not a URI, so within the feed
# named by its link) and its links name the same articles.
n_before=$("$MARGO" list | wc -l)
cp "$F/cronache.rss" "$F/copia.rss"
out=$("$MARGO" add "$F/copia.rss" 2>/dev/null)
has "$out" "0 added" "a second copy of the feed adds nothing"
is "$("$MARGO" list | wc -l)" "$n_before" "the articles are the same"

cat >"$F/guid.rss" <<'EOF'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>g</title>
<item><title>Prima versione</title><guid>http://example.org/g/1</guid><link>http://example.org/g/1?utm=a</link><description>Il comune di Lecce ha chiuso il centro storico al traffico.</description></item>
<item><title>Stessa voce</title><guid>http://example.org/g/1</guid><link>http://example.org/g/1?utm=b</link><description>Il comune di Lecce ha chiuso il centro storico al traffico.</description></item>
<item><title>Per link</title><link>http://example.org/l/2</link><description>La provincia di Trento ha rinnovato il parco degli autobus.</description></item>
<item><title>Per link bis</title><link>http://example.org/l/2</link><description>La provincia di Trento ha rinnovato il parco degli autobus.</description></item>
</channel></rss>
EOF
out=$("$MARGO" add "$F/guid.rss" 2>/dev/null)
like "$out" "^2 added, 0 updated, 2 unchanged" "the same guid twice, the same link twice: two articles"

# A changed item is refreshed, with its annotation still on its words.
id=$(id_of "Terza notizia")
body=$(body_of "Terza notizia")
pre=${body%%"nuovo mercato coperto"*}
s=${#pre}
e=$((s + 21))
"$MARGO" annotate "$id" "$s" "$e" --tag mercati >/dev/null
sed -i -e 's|Il sindaco di Palermo ha inaugurato|Questa mattina il sindaco di Palermo ha inaugurato|' \
	-e 's|<item><title>Solo un titolo</title><link>http://example.org/vuota</link></item>||' \
	"$F/cronache.rss"
perl -0pi -e 's|<item>\s*<title>Notizia senza data.*?</item>||s' "$F/cronache.rss"
out=$("$MARGO" add "$F/cronache.rss" 2>/dev/null)
like "$out" "^0 added, 1 updated, 3 unchanged; 1 feed \\(4 items\\); annotations: 0 exact, 1 moved," \
	"the changed item is updated, its annotation moved with its words"
has "$(body_of "Terza notizia")" "Questa mattina il sindaco" "the new text is kept"
has "$("$MARGO" annotations)" "nuovo mercato coperto" "the annotation still quotes its words"
has "$("$MARGO" list)" "Notizia senza data leggibile" "an item gone from the feed stays"

# ---- a .xml that is no feed, and a folder of mixed kinds --------------------
echo '<?xml version="1.0"?><config><voce>1</voce></config>' >"$F/impostazioni.xml"
out=$("$MARGO" add "$F/impostazioni.xml" 2>&1)
has "$out" "$F/impostazioni.xml: not an RSS or Atom feed; skipped" "a .xml that is no feed is skipped with a line"
M=$TEST_TMP/mixed
mkdir "$M"
cp "$F/rdf.xml" "$F/blog.atom" "$F/impostazioni.xml" "$M/"
printf 'Titolo uno\n\nIl lago di Como era calmo.\n' >"$M/uno.txt"
printf 'Titolo due\n\nIl lago di Garda era mosso.\n' >"$M/due.txt"
printf '{"title":"J","text":"Il fiume Po era in piena."}\n' >"$M/a.jsonl"
: >"$M/vuoto.xml"
page() {
	printf '<html><head><title>%s</title></head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1>' "$1" "$1"
	printf '<p>%s, dopo una lunga discussione in consiglio comunale, il piano è stato approvato con ventotto voti a favore e dodici contrari.</p>' "$2"
	printf '<p>Secondo la giunta, i lavori cominceranno in primavera e dureranno, almeno, fino alla fine del prossimo anno, tra mille polemiche.</p>'
	printf '</article><footer>Riproduzione riservata</footer></body></html>\n'
}
page "Il tram di Bologna" "Il tram di Bologna si farà" >"$M/tram.html"
page "Il porto di Genova" "Il porto di Genova cambia" | gzip >"$M/porto.html.gz"
out=$(MARGO_DB=$TEST_TMP/mixed.db "$MARGO" add "$M" 2>/dev/null)
is "$out" "7 added, 0 updated, 0 unchanged; 2 skipped with a problem; 2 text files, 1 JSON Lines file, 2 web pages, 2 feeds (2 items)" \
	"a mixed folder of text, JSON Lines, web pages (one .gz) and feeds is told by kind (a .xml empty or no feed is not a feed)"
out=$(MARGO_DB=$TEST_TMP/mixed.db "$MARGO" add "$M" 2>/dev/null)
is "$out" "0 added, 0 updated, 7 unchanged; 2 skipped with a problem; 2 text files, 1 JSON Lines file, 2 web pages, 2 feeds" \
	"and again, unchanged feeds still counted as feeds"
has "$(MARGO_DB=$TEST_TMP/mixed.db "$MARGO" list)" "Il porto di Genova" "the compressed page is an article with its title"

# A UTF-16 feed with its byte-order mark reads as the UTF-8 one.
{ printf '\xff\xfe'; printf '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><item><title>Sedici bit</title><link>http://example.org/16</link><description>Il lago di Bolsena è calmo.</description></item></channel></rss>' |
	iconv -f UTF-8 -t UTF-16LE; } >"$TEST_TMP/u16.rss"
out=$(MARGO_DB=$TEST_TMP/u16.db "$MARGO" add "$TEST_TMP/u16.rss" 2>&1)
is "$out" "1 added, 0 updated, 0 unchanged; 1 feed (1 item)" "a UTF-16 feed loads"
has "$(MARGO_DB=$TEST_TMP/u16.db "$MARGO" show 1)" "Il lago di Bolsena è calmo." "its text read right"

# ---- hostile feeds ----------------------------------------------------------
H=$TEST_TMP/hostile
mkdir "$H"
cat >"$H/laughs.rss" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>x</title>
<item><title>Prima delle risate</title><link>http://example.org/h/0</link><description>Il teatro di Parma riapre a ottobre.</description></item>
<item><title>Risate</title><link>http://example.org/h/1</link><description>Testo &lol9; fine.</description></item>
</channel></rss>
EOF
cat >"$H/xxe.rss" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>x</title>
<item><title>Segreto &xxe;</title><link>http://example.org/h/2</link><description>Prima &xxe; dopo il museo di Ravenna.</description></item>
</channel></rss>
EOF
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel><title>x</title><item><title>Citt\xc3\xa0 e perch\xc3\xa9</title><link>http://example.org/h/3</link><description>La citt\xc3\xa0 di Cagliari \xc3\xa8 in festa.</description></item></channel></rss>\n' >"$H/latin.rss"
python3 -c '
n = 100000
print("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Profonda</title>"
      "<link>http://example.org/h/4</link><description>Il bosco di Sila in autunno.</description></item>"
      + "<x>" * n + "</x>" * n + "</channel></rss>")' >"$H/deep.rss"
export MARGO_DB=$TEST_TMP/hostile.db
timeout 120 "$MARGO" add "$H" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
rc=$?
ok "hostile feeds load, in bounded time (exit $rc)" test "$rc" -le 1
like "$(cat "$TEST_TMP/out")" "^5 added, 0 updated, 0 unchanged; 2 skipped with a problem; 4 feeds \(5 items\)" \
	"each of them gives what it can"
err=$(cat "$TEST_TMP/err")
is "$(grep -c "laughs.rss: not well-formed XML" "$TEST_TMP/err")" 1 \
	"the billion laughs is reported once"
has "$err" "an entity that expands without bound" "saying why"
has "$(body_of "Prima delle risate")" "Il teatro di Parma" "what comes before it is loaded"
all=$("$MARGO" list; for i in $("$MARGO" list --format jsonl | sed 's/^{"id":\([0-9]*\),.*/\1/'); do "$MARGO" show "$i"; done)
hasnt "$all" "lollol" "the entity is never expanded"
hasnt "$all" "root:" "the contents of /etc/passwd never appear"
has "$(body_of "Segreto")" "dopo il museo di Ravenna" "the feed with an external entity loads without it"
ok "the ISO-8859-1 feed holding UTF-8 is read as UTF-8" test -n "$(id_of "Città e perché")"
has "$(body_of "Città e perché")" "La città di Cagliari è in festa." "its text too"
ok "every text is valid UTF-8" sh -c 'printf "%s" "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null' x "$all"
has "$err" "deep.rss: not well-formed XML (line 1: elements nested too deep)" \
	"100,000 nested elements are reported"
has "$(body_of "Profonda")" "Il bosco di Sila" "and the item before them loads"

done_testing
