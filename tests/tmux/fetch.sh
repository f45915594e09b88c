#!/bin/bash
# tests/tmux/fetch.sh: the reader, open in a real terminal, shows what a
# fetch run from another process brings, without a restart: the article
# list grows by the feed's items, the article being read stays on screen,
# and a later fetch of the feed with one more item adds that one.  The
# feed comes from a real HTTP server on 127.0.0.1 (tests/helpers/httpd).
# At 80x24 and 200x60, in English and in Italian.  And `margo URL` opens
# the reader with that page's article added.

. "${top_srcdir:?set top_srcdir}/tests/lib.sh"
. "$top_srcdir/tests/tmux/lib.sh"

W=$TEST_TMP/www
start_httpd "$W" "$TEST_TMP/httpd.log"

item() {  # item GUID TITLE TEXT
	printf '<item><title>%s</title><link>http://example.org/%s</link><guid>%s</guid>' "$2" "$1" "$1"
	printf '<pubDate>Tue, 2 Apr 2024 10:00:00 GMT</pubDate><description>%s</description></item>\n' "$3"
}
feed() {  # feed ITEM...: the feed the server gives
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>Notizie dal porto</title><link>http://example.org/</link>'
		printf '%s\n' "$@"
		echo '</channel></rss>'
	} >"$W/porto.rss"
}
i1=$(item navi "Arrivano navi" "Tre navi da crociera sono arrivate nel porto di Genova questa mattina.")
i2=$(item sindaco "Sindaco al molo" "Il sindaco di Genova ha visitato la banchina e parlato con i lavoratori.")
i3=$(item gru "Una gru nuova" "Una gru nuova è stata montata al molo di ponente del porto di Genova.")

run() {  # run SIZE LOCALE-ENV... : one pass
	size=$1; shift
	rm -f "$MARGO_DB" "$MARGO_DB"-*
	"$MARGO" add "$top_srcdir/corpus" >/dev/null 2>&1
	feed "$i1" "$i2"
	start rd "$size" "$(margo_cmd "$@")"
	ok "$size $*: the reader opens on the five articles" wait_for rd "$h (5)"
	T send-keys -t rd j Enter
	ok "$size $*: the second article is open" wait_for rd "$t2"
	"$MARGO" subscribe "$U/porto.rss" >/dev/null 2>&1
	ok "$size $*: a subscription made elsewhere shows its two items" wait_for rd "$h (7)" 500
	ok "$size $*: titled in the list" wait_for rd "Arrivano navi"
	has "$(cap rd)" "Sindaco al molo" "$size $*: both of them"
	ok "$size $*: the reader says why the screen changed" wait_for rd "$said"
	has "$(cap rd)" "$t2" "$size $*: the article being read stays open"
	feed "$i1" "$i2" "$i3"
	"$MARGO" fetch >/dev/null 2>&1
	ok "$size $*: a fetch with a new item adds that one" wait_for rd "$h (8)" 500
	ok "$size $*: its title shows" wait_for rd "Una gru nuova"
	ok "$size $*: every line fits" fits rd "${size%x*}"
	T send-keys -t rd q
	T kill-session -t rd 2>/dev/null
}

# margo URL: the reader opens on the library with the page's article added.
cat >"$W/pagina.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>Il molo nuovo</title></head>
<body><nav>Home | Cronaca</nav>
<article><h1>Il molo nuovo</h1>
<p>Il molo nuovo del porto di Genova è stato aperto questa mattina alle navi da crociera.</p>
<p>I lavori sono durati due anni e sono costati meno del previsto, ha detto il sindaco.</p>
</article></body></html>
HTML
rm -f "$MARGO_DB" "$MARGO_DB"-*
"$MARGO" add "$top_srcdir/corpus" >/dev/null 2>&1
start url 80x24 "$(margo_cmd LC_ALL=C.UTF-8) $(printf %q "$U/pagina.html")"
ok "margo URL: the reader opens with the page added" wait_for url "Articles (6)" 500
ok "margo URL: the page's article is in the list" wait_for url "Il molo nuovo"
ok "margo URL: the reader says what was added" wait_for url "1 added"
T send-keys -t url q
T kill-session -t url 2>/dev/null
start url 80x24 "$(margo_cmd LC_ALL=C.UTF-8) $(printf %q "$U/manca.html")"
ok "margo URL of a missing page: the reader opens all the same" wait_for url "Articles (6)" 500
T send-keys -t url q
T kill-session -t url 2>/dev/null

t2="Putin rafforza"
h="Articles"; said="the library changed: shown again"
run 80x24 LC_ALL=C.UTF-8
run 200x60 LC_ALL=C.UTF-8
if italian_locale; then
	h="Articoli"; said="la libreria è cambiata: mostrata di nuovo"
	# shellcheck disable=SC2086 # IT_ENV is a list of assignments
	run 80x24 $IT_ENV
	run 200x60 $IT_ENV
else
	skip "Italian" "$italian_problem"
fi
done_testing
