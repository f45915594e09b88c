#!/bin/bash
# dropped.sh: what the extraction of a web page leaves out is kept, and
# shown.  A page with a menu, a cookie banner, a share bar, a photo's
# caption and a comment block is added: `margo show --format jsonl` lists
# each of them, with its kind and in page order, under "dropped", and the
# article's text holds none of them; `margo show --dropped` prints them
# after the text, one "kind: text" a line, for text files too.  What is
# kept is bounded (200 blocks, 64 KiB, 4 KiB a block: the rest counted);
# when only what was left out changes, the article is written again; and
# `margo extract` prints no more than it did.  Last, the message for a
# folder with nothing margo reads names every kind it reads, in English
# and in Italian.
. "$top_srcdir/tests/lib.sh"

D=$TEST_TMP/pages
mkdir -p "$D"

P1='Il porto di Genova ha riaperto stamattina dopo tre mesi di lavori di ristrutturazione, con una cerimonia alla presenza del sindaco e delle autorità cittadine.'
P2='I lavori, costati quaranta milioni di euro, hanno rifatto le banchine, i moli e gli impianti di carico, e permetteranno l’attracco di navi più grandi.'
P3='Secondo l’autorità portuale, il traffico di merci potrebbe crescere del venti per cento entro la fine del prossimo anno, con nuovi posti di lavoro.'

page() {  # page COMMENT: the page, with that comment under the article
	cat <<HTML
<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>Il porto riapre</title>
<script>var nascosto = "TESTO_DI_SCRIPT";</script></head>
<body>
<nav class="menu"><a href="/">Prima pagina</a> <a href="/cronaca">Cronaca</a> <a href="/sport">Sport</a></nav>
<div id="cookie-consent">Questo sito usa i cookie per migliorarti la navigazione. <button>Accetto</button></div>
<article>
<h1>Il porto riapre dopo tre mesi di lavori</h1>
<div class="share-bar"><a href="#">Condividi su Facebook</a> <a href="#">Invia per email</a></div>
<p>$P1</p>
<figure><img src="banchina.jpg" alt=""><figcaption>La banchina nuova all’alba</figcaption></figure>
<p>$P2</p>
<p>$P3</p>
</article>
<section class="comments"><h3>Commenti</h3><div class="comment">$1</div></section>
</body></html>
HTML
}
page 'Mario: finalmente una buona notizia per la città!' >"$D/porto.html"

plan 32

# ---- margo extract prints what it printed before: no "dropped"
out=$("$MARGO" extract "$D/porto.html")
hasnt "$out" '"dropped"' "margo extract does not print what was left out"
has "$out" "\"text\":\"$P1\\n\\n$P2\\n\\n$P3\"" "and its text is the article's three paragraphs"

# ---- margo add keeps what was left out
out=$("$MARGO" add "$D/porto.html" 2>&1)
is "$out" "1 added, 0 updated, 0 unchanged" "the page is added"
json=$("$MARGO" show --format jsonl 1)
has "$json" '{"kind":"navigation","text":"Prima pagina Cronaca Sport"}' \
	"show --format jsonl lists the menu as navigation"
has "$json" '{"kind":"banner","text":"Questo sito usa i cookie per migliorarti la navigazione. Accetto"}' \
	"the cookie banner as banner"
has "$json" '{"kind":"share","text":"Condividi su Facebook Invia per email"}' "the share bar as share"
has "$json" '{"kind":"caption","text":"La banchina nuova all’alba"}' "the photo's caption as caption"
has "$json" '{"kind":"comments","text":"Commenti Mario: finalmente una buona notizia per la città!"}' \
	"the comment block as comments, its heading and comment apart"
kinds=$(printf '%s\n' "$json" | grep -o '"kind":"[a-z-]*"' | tr '\n' ' ')
is "$kinds" '"kind":"navigation" "kind":"banner" "kind":"title" "kind":"share" "kind":"caption" "kind":"comments" ' \
	"in page order (the <h1>, given apart as the title, too)"
hasnt "$json" "TESTO_DI_SCRIPT" "a script's text is neither text nor left out"

plain=$("$MARGO" show 1)
for s in "Prima pagina" "cookie" "Condividi" "banchina nuova" "Mario" "Left out"; do
	hasnt "$plain" "$s" "the text (plain show) has no \"$s\""
done
out=$("$MARGO" show --dropped 1)
expected="$P3

Left out:
navigation: Prima pagina Cronaca Sport
banner: Questo sito usa i cookie per migliorarti la navigazione. Accetto
title: Il porto riapre dopo tre mesi di lavori
share: Condividi su Facebook Invia per email
caption: La banchina nuova all’alba
comments: Commenti Mario: finalmente una buona notizia per la città!"
has "$out" "$expected" "show --dropped prints them after the text, kind: text a line"

# ---- a control character in a menu never reaches the terminal
printf '<html><body><nav>Menu \033[31mrosso</nav><article><p>%s</p><p>%s</p><p>%s</p></article></body></html>' \
	"$P1" "$P2" "$P3" >"$D/esc.html"
"$MARGO" --db "$TEST_TMP/esc.db" add "$D/esc.html" >/dev/null 2>&1
out=$("$MARGO" --db "$TEST_TMP/esc.db" show --dropped 1)
like "$out" '^navigation: Menu .*rosso$' "a menu with an escape sequence is listed"
hasnt "$out" $'\033' "without the escape character"

# ---- only the comments change: the article is written again
page 'Lucia: e i parcheggi per i camion?' >"$D/porto.html"
out=$("$MARGO" add "$D/porto.html" 2>&1)
is "$out" "0 added, 1 updated, 0 unchanged" "a page whose comments changed is updated"
has "$("$MARGO" show --dropped 1)" "comments: Commenti Lucia: e i parcheggi per i camion?" \
	"and show --dropped gives the new comment"

# ---- a text file's dropped lines, and an article with none
printf '%s\n\n%s\n\nAccetta i cookie per continuare la navigazione\n\n%s\n' "Il porto riapre" "$P1" "$P2" >"$D/porto.txt"
"$MARGO" add "$D/porto.txt" >/dev/null 2>&1
has "$("$MARGO" show --dropped 2)" "banner: Accetta i cookie per continuare la navigazione" \
	"show --dropped of a text file: its boilerplate line"
printf '{"title":"Il porto","text":"%s"}\n' "$P2" >"$D/pulito.jsonl"
"$MARGO" add "$D/pulito.jsonl" >/dev/null 2>&1
out=$("$MARGO" show --dropped 3)
is "$(printf '%s\n' "$out" | tail -1)" "Left out: nothing." "an article with nothing left out says so"
"$MARGO" list --dropped >/dev/null 2>&1
is "$?" 2 "--dropped belongs to show alone: margo list --dropped is a usage error"

# ---- bounds: 300 asides, and long blocks
{
	printf '<html><body><article>'
	printf '<p>%s</p><p>%s</p><p>%s</p>' "$P1" "$P2" "$P3"
	printf '</article>'
	for i in $(seq 1 300); do printf '<aside>Riquadro numero %d</aside>\n' "$i"; done
	printf '</body></html>'
} >"$D/molti.html"
"$MARGO" add "$D/molti.html" >/dev/null 2>&1
json=$("$MARGO" show --format jsonl 4)
is "$(printf '%s\n' "$json" | grep -o '"kind":"sidebar"' | wc -l)" 200 "300 asides: 200 kept"
has "$json" '{"kind":"not-kept","text":"100"}' "and the other 100 counted"
has "$("$MARGO" show --dropped 4)" "more blocks left out, not kept: 100" "show --dropped says so"
long=$(printf 'parola%.0s ' $(seq 1 1500))
{
	printf '<html><body><article><p>%s</p><p>%s</p><p>%s</p></article>' "$P1" "$P2" "$P3"
	for i in $(seq 1 30); do printf '<footer>%d %s</footer>\n' "$i" "$long"; done
	printf '</body></html>'
} >"$D/lunghi.html"
"$MARGO" add "$D/lunghi.html" >/dev/null 2>&1
json=$("$MARGO" show --format jsonl 5)
n=$(printf '%s\n' "$json" | grep -o '"kind":"footer","text":"[^"]*…"' | wc -l)
ok "30 footers of 10 KB: each kept is cut to 4 KiB and ends in … ($n kept)" test "$n" -ge 15 -a "$n" -le 17
like "$json" '"kind":"not-kept","text":"1[345]"' "and the ones past 64 KiB are counted"

# ---- a folder with nothing margo reads: the message names what it reads
mkdir -p "$TEST_TMP/none"
: >"$TEST_TMP/none/notes.docx"
"$MARGO" add "$TEST_TMP/none" >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "a folder with nothing margo reads: exit status 1"
is "$(cat "$TEST_TMP/err")" "margo: $TEST_TMP/none: no file margo reads in it (.txt, .jsonl, web pages: .html, .htm or .xhtml, each perhaps .gz, RSS or Atom feeds: .rss, .atom or .xml); nothing added" \
	"its message names text files, JSON Lines, web pages and feeds"
if italian_locale; then
	out=$(env $IT_ENV "$MARGO" add "$TEST_TMP/none" 2>&1 >/dev/null)
	is "$out" "margo: $TEST_TMP/none: nessun file che margo legge al suo interno (.txt, .jsonl, pagine web: .html, .htm o .xhtml, anche .gz, feed RSS o Atom: .rss, .atom o .xml); non è stato aggiunto nulla" \
		"and in Italian"
else
	skip "and in Italian" "$italian_problem"
fi
