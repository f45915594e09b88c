#!/bin/bash
# tests/ui/screens.sh: the reader's screens and keys without a terminal
# (layer A of docs/ARCHITECTURE.md, "Tests").  margo runs scripts (MARGO_SCRIPT) on the
# bundled corpus and saves what a user would see:
#   - the whole screen at 80x24 and 120x40, compared with the text below;
#     no boilerplate of the source pages anywhere in the five articles;
#   - the keys: list moves, Enter, Tab/S-Tab, g/G, PgDn/PgUp, the outline,
#     help, Ctrl-L, q (exit status 0);
#   - resizing to 40x12, 30x10, 10x3 and back, and the 200x60 screen;
#   - hostile text (wide characters, emoji, tabs, bidi controls) that must
#     not push the pane borders out of line;
#   - a file that is not a margo library: refused, left byte for byte.
# UPDATE_EXPECTED=1 prints the screens for review.

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

fresh_library

# Widths of the pane columns on every pane row of a saved screen, one line
# per distinct shape: "25 33" means a 25-cell list and a 33-cell text pane,
# each followed by its "│" border.  Counted in display cells (wc -L).
pane_widths() {
	sed -e '1d' -e '$d' "$RUN_DIR/$1" | while IFS= read -r row; do
		out=
		while :; do
			case $row in
			*│*) ;;
			*) break ;;
			esac
			cell=${row%%│*}
			out="$out $(printf '%s' "$cell" | wc -L)"
			row=${row#*│}
		done
		echo "${out# }"
	done | sort -u
}

# Rows 2 .. n-1 of a saved screen, the part between the first and second
# border (what the text pane shows at 80x24 and wider), trailing blanks cut.
text_column() {
	sed -e '1d' -e '$d' "$RUN_DIR/$1" | while IFS= read -r row; do
		row=${row#*│}
		printf '%s\n' "${row%%│*}"
	done | sed 's/ *$//'
}

# The same as one line, rows joined by spaces: phrases across line breaks.
text_joined() {
	text_column "$1" | tr -s ' \n' '  '
}

# ---------------------------------------------------------------------------
# 1. The bundled corpus at 80x24: first screen, then article 3 opened.

run_script 80x24 <<'EOF'
:save-display start
:save-state start.state
jj<Enter>
:save-display art3
:save-attrs art3.attrs
EOF
expect_run_ok "80x24: the script runs to its end, exit 0, nothing on stderr"
expect_screen start "80x24: first screen (article 1 open, focus on the list)" <<'EOF'
 Articles (5) by added     Text  1/5                         Entities
▸L’incontro in c…        │ di Giuseppe Gagliano ·          │ People
•Putin rafforza …        │ 000_d4a5fe329111c680.txt        │▸Vladimir Pu…  9/23
•Kim Jong-un si …        │                                 │ Kim Jong-un   4/31
•Il Cremlino ha … 09/2023│ L’incontro in corso a Pyongyang │ Andrei Belou…  1/4
•Il leader nordc…        │ tra il presidente russo         │ Denis Mantur…  1/1
                         │ Vladimir Putin e quello         │ Shin Wonsik    1/1
                         │ nordcoreano Kim Jong-un         │ Places
                         │ rappresenta un momento cruciale │ Russia       12/55
                         │ nella geopolitica               │ Corea del …  10/48
                         │ internazionale, evidenziando le │ Ucraina       3/25
                         │ dinamiche complesse tra Russia  │ Pyongyang     3/20
                         │ e Corea del Nord nel contesto   │ Cremlino       1/5
                         │ delle tensioni globali attuali. │ Corea del Sud  1/4
                         │ La visita di Putin in Corea del │ Iran           1/1
                         │ Nord, la prima dal 2000,        │ Vostochny      1/1
                         │ avviene in un periodo di        │ Organisations
                         │ intenso isolamento per entrambe │ Corte penale…  1/1
                         │ le nazioni, colpite da sanzioni │ Dates
                         │ occidentali e alla ricerca di   │ 2000           1/1
                         │ alleanze strategiche per        │
                         │ sostenere i rispettivi regimi.  │
                         │                                 │
 article 1/5 · list · ¶ 1/7 · sentence 1/20 · 16%                    ? for help
EOF
expect_screen art3 "80x24: j j Enter shows article 3 (title, subtitle, source)" <<'EOF'
 Articles (5) by added     Text  3/5                         Entities
•L’incontro in c…        │ Kim Jong-un si rivolge a Putin: │ People
•Putin rafforza …        │ messaggi forti in un periodo di │ Kim Jong-un   5/31
▸Kim Jong-un si …        │ alleanze globali                │▸Vladimir Pu…  4/23
•Il Cremlino ha … 09/2023│ Il rafforzamento delle          │ Places
•Il leader nordc…        │ relazioni tra Corea del Nord e  │ Russia       10/55
                         │ Russia, evidenziato da un       │ Corea del …  10/48
                         │ accordo di difesa e messaggi di │ Ucraina       4/25
                         │ amicizia, solleva interrogativi │ Mosca         2/14
                         │ sulle ripercussioni             │ Asia           2/4
                         │ geopolitiche a livello globale. │ Pyongyang     1/20
                         │ 002_13a9d03e822ca098.txt        │ Stati Uniti   1/12
                         │                                 │ Organisations
                         │ Nell’ambito delle attuali       │ forze armate…  1/1
                         │ dinamiche geopolitiche, i       │ forze ucraine  1/1
                         │ rapporti tra Corea del Nord e   │ Dates
                         │ Russia si fanno sempre più      │ June, no year  1/1
                         │ significativi. Kim Jong-un ha   │ 2021           1/1
                         │ recentemente inviato una        │ 2022-02        1/1
                         │ lettera di Capodanno a Vladimir │ 2025           1/1
                         │ Putin, definendolo “caro amico” │
                         │ e lodando il rafforzamento      │
                         │ delle relazioni tra i due       │
 article 3/5 · text · ¶ 1/10 · sentence 1/26 · 14%                   ? for help
EOF
# One letter per cell: r reverse, b bold, u underline.  The focused header
# and the reading cursor (first sentence) are reverse, titles and headings
# bold, the list selection reverse.
expect_screen art3.attrs "80x24: article 3 attributes (title bold, cursor reverse)" <<'EOF'
bbbbbbbbbbbbbbbbbbbbbbbbbbrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrbbbbbbbbbbbbbbbbbbbb
...........................bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...bbbbbb
...........................bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
rrrrrrrrrrrrrrrrrrrrrrrrr..bbbbbbbbbbbbbbbb
.............................................................bbbbbb







.............................................................bbbbbbbbbbbbb
...........................rrrrrrrrrrrrrrrrrrrrrrrrr
...........................rrrrrrrrrrrrrrrrrrrrrrrrr
...........................rrrrrrrrrrrrrrrrrrrrrrrrrrrrr.....bbbbb
...........................rrrrrrrrrrrrrrrrrrrrrrrrrr
...........................rrrrrrrrrrrrrr





rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr
EOF

# ---------------------------------------------------------------------------
# 2. 120x40: first screen and article 2 (a subtitle, two headings).

run_script 120x40 <<'EOF'
:save-display start
j<Enter>
:save-display art2
:save-attrs art2.attrs
EOF
expect_run_ok "120x40: the script runs to its end"
expect_screen start "120x40: first screen" <<'EOF'
 Articles (5) by added                 Text  1/5                                           Entities
▸L’incontro in corso a Pyong…        │ di Giuseppe Gagliano · 000_d4a5fe329111c680.txt   │ People
•Putin rafforza i legami con…        │                                                   │▸Vladimir Putin          9/23
•Kim Jong-un si rivolge a Pu…        │ L’incontro in corso a Pyongyang tra il presidente │ Kim Jong-un             4/31
•Il Cremlino ha annunciato c… 09/2023│ russo Vladimir Putin e quello nordcoreano Kim     │ Andrei Belousov          1/4
•Il leader nordcoreano Kim J…        │ Jong-un rappresenta un momento cruciale nella     │ Denis Manturov           1/1
                                     │ geopolitica internazionale, evidenziando le       │ Shin Wonsik              1/1
                                     │ dinamiche complesse tra Russia e Corea del Nord   │ Places
                                     │ nel contesto delle tensioni globali attuali. La   │ Russia                 12/55
                                     │ visita di Putin in Corea del Nord, la prima dal   │ Corea del Nord         10/48
                                     │ 2000, avviene in un periodo di intenso isolamento │ Ucraina                 3/25
                                     │ per entrambe le nazioni, colpite da sanzioni      │ Pyongyang               3/20
                                     │ occidentali e alla ricerca di alleanze            │ Cremlino                 1/5
                                     │ strategiche per sostenere i rispettivi regimi.    │ Corea del Sud            1/4
                                     │                                                   │ Iran                     1/1
                                     │ L’incontro a Pyongyang tra Putin e Kim Jong-un    │ Vostochny                1/1
                                     │ sottolinea la crescente collaborazione militare   │ Organisations
                                     │ ed economica tra i due paesi. La Russia,          │ Corte penale internazi…  1/1
                                     │ impegnata nella sua campagna militare in Ucraina, │ Dates
                                     │ ha bisogno di supporto logistico e di armamenti,  │ 2000                     1/1
                                     │ che la Corea del Nord ha fornito in abbondanza.   │
                                     │ Da parte sua Pyongyang ha beneficiato dell’aiuto  │
                                     │ russo per il suo programma satellitare e di un    │
                                     │ supporto diplomatico che rafforza la sua          │
                                     │ posizione internazionale. I due hanno quindi      │
                                     │ sottoscritto un accordo di reciproco sostegno in  │
                                     │ caso di attacco di uno dei due paesi.             │
                                     │                                                   │
                                     │ La decisione di Putin di visitare la Corea del    │
                                     │ Nord, accompagnato da alti funzionari militari e  │
                                     │ governativi tra cui il nuovo ministro della       │
                                     │ Difesa Andrey Belousov e il vice primo ministro   │
                                     │ Denis Manturov, evidenzia l’importanza strategica │
                                     │ di questo viaggio. La cooperazione militare, come │
                                     │ evidenziato dalle forniture di artiglieria        │
                                     │ nordcoreane alla Russia, è cruciale per il        │
                                     │ Cremlino, che cerca disperatamente di mantenere   │
                                     │ la pressione militare in Ucraina. La              │
                                     │ dichiarazione del ministro della Difesa           │
 article 1/5 · list · ¶ 1/7 · sentence 1/20 · 43%                                                            ? for help
EOF
expect_screen art2 "120x40: article 2 with its subtitle and headings" <<'EOF'
 Articles (5) by added                 Text  2/5                                           Entities
•L’incontro in corso a Pyong…        │ Putin rafforza i legami con Kim Jong-un in una    │ People
▸Putin rafforza i legami con…        │ nuova alleanza che preoccupa il mondo             │ Kim Jong-un             4/31
•Kim Jong-un si rivolge a Pu…        │ Soldati nordcoreani in Ucraina e cooperazione     │▸Vladimir Putin          2/23
•Il Cremlino ha annunciato c… 09/2023│ nucleare.                                         │ Places
•Il leader nordcoreano Kim J…        │ 001_1ac69eb9278de9e8.txt                          │ Corea del Nord          8/48
                                     │                                                   │ Ucraina                 7/25
                                     │ Le relazioni tra Russia e Corea del Nord stanno   │ Russia                  6/55
                                     │ evolvendo rapidamente, suscitando preoccupazioni  │ Pyongyang               2/20
                                     │ a livello internazionale. L’ultimo sviluppo       │ Mosca                   2/14
                                     │ significativo è la richiesta di Vladimir Putin    │ Corea del Sud            2/4
                                     │ alla Duma di ratificare un trattato di            │ Giappone                 2/3
                                     │ cooperazione strategica con il regime di Kim      │ Stati Uniti             1/12
                                     │ Jong-un.                                          │ Asia                     1/4
                                     │                                                   │ Cina                     1/2
                                     │ Questo trattato prevede non solo una              │ Indo-Pacifico            1/2
                                     │ collaborazione militare estesa, ma anche il       │ Corea                    1/1
                                     │ supporto reciproco in caso di attacco. La         │ Organisations
                                     │ cooperazione tra i due Paesi coinvolge aspetti    │ regime                   2/3
                                     │ militari, economici e persino spaziali, facendo   │ Duma                     1/1
                                     │ temere un’ulteriore escalation della guerra in    │ forze russe              1/1
                                     │ Ucraina e un cambiamento negli equilibri          │
                                     │ geopolitici globali.                              │
                                     │                                                   │
                                     │ La presenza di soldati nordcoreani in Russia per  │
                                     │ l’addestramento, finalizzata al loro possibile    │
                                     │ impiego nel conflitto ucraino, rappresenta già un │
                                     │ segnale di allarme. Secondo fonti ucraine,        │
                                     │ migliaia di militari nordcoreani sono pronti a    │
                                     │ sostenere le forze russe con supporto             │
                                     │ ingegneristico e missilistico. Questo sviluppo ha │
                                     │ conseguenze non solo per l’Ucraina, ma anche per  │
                                     │ l’Asia, dove la Corea del Sud e il Giappone       │
                                     │ guardano con crescente apprensione.               │
                                     │                                                   │
                                     │ La partnership tra Russia e Corea del Nord: quali │
                                     │ implicazioni?                                     │
                                     │                                                   │
                                     │ L’alleanza tra Mosca e Pyongyang offre vantaggi   │
 article 2/5 · text · ¶ 1/9 · sentence 1/19 · 48%                                                            ? for help
EOF

# The heading inside the text is bold from its first to its last letter.
row=$(grep -n "│ La partnership tra Russia e Corea del Nord: quali │" "$RUN_DIR/art2" | cut -d: -f1)
like "$(sed -n "${row:-0}p" "$RUN_DIR/art2.attrs")" '^\.{39}b{49}$' \
	"120x40: the heading \"La partnership tra Russia...\" is bold"

# ---------------------------------------------------------------------------
# 3. Every article whole on a tall screen: the text is there, the page
#    furniture of the sources is not.

run_script 200x150 <<'EOF'
:save-display a1
:save-state a1.state
j<Enter>
:save-display a2
:save-state a2.state
<S-Tab>j<Enter>
:save-display a3
:save-state a3.state
<S-Tab>j<Enter>
:save-display a4
:save-state a4.state
<S-Tab>j<Enter>
:save-display a5
:save-state a5.state
EOF
expect_run_ok "200x150: the five articles open one after the other"
all=
for i in 1 2 3 4 5; do
	rows=$(state a$i.state text.rows)
	ok "article $i fits whole on a 200x150 screen ($rows rows)" \
		test -n "$rows" -a "${rows:-999}" -le 148
	all="$all $(text_joined a$i)"
done
for junk in "Foto generata con AI" "Change privacy settings" "×" "date 2023-09" \
	"Tendenzediviaggio.it" "Gagliano –"; do
	hasnt "$all" "$junk" "no \"$junk\" in any of the five texts"
done
text1=$(text_column a1)
like "$text1" '^ di Giuseppe Gagliano · 000_d4a5fe329111c680\.txt' \
	"article 1: the byline is in the header, not in the text"
like "$(printf '%s\n' "$text1" | sed -n 3p)" '^ L’incontro in corso a Pyongyang tra il presidente russo Vladimir Putin' \
	"article 1: the text starts with its first sentence"
text3=$(text_column a3)
has "$(text_joined a3)" "influenzare le politiche nella regione asiatica e oltre." \
	"article 3: the last paragraph is kept"
like "$text3" '^ Rafforzamento delle relazioni tra Corea del Nord e Russia$' \
	"article 3: a heading on a line of its own"
text4=$(text_column a4)
like "$text4" '^ 2023-09 · 003_e93fc955fd364e9c\.txt' "article 4: the date in the header"
like "$text4" '^ Il Cremlino ha annunciato che il presidente russo Vladimir Putin si è' \
	"article 4: the text starts with \"Il Cremlino\", not with the date"
has "$(text_joined a5)" "La retorica di Kim: “Una guerra per la difesa della sovranità”" \
	"article 5: the last heading, curly quotes and accents intact"
for i in 1 2 3 4 5; do
	is "$(state a$i.state article.index)" $((i - 1)) "the list opens article $i in order"
done

# ---------------------------------------------------------------------------
# 4. Keys, checked on the model (:save-state) and on the status line.

run_script 80x24 <<'EOF'
:save-state s0
jj
:save-state jj
:save-display jj.screen
<Enter>
:save-state enter
:save-display enter.screen
EOF
expect_run_ok "keys in the list: the script runs to its end"
expect_state s0 focus list "at start the focus is on the list"
expect_state s0 article.index 0 "at start the first article is open"
expect_state jj list.sel 2 "j j selects the third article (list.sel=2)"
expect_state jj article.index 0 "j j does not open anything yet"
like "$(tail -n 1 "$RUN_DIR/jj.screen")" '^ article 3/5 · list ' \
	"j j: the status line says \"article 3/5 · list\""
expect_state enter article.index 2 "Enter opens the third article"
expect_state enter article.title "Kim Jong-un si rivolge a Putin: messaggi forti in un periodo di alleanze globali" \
	"Enter opens \"Kim Jong-un si rivolge a Putin...\""
expect_state enter focus text "Enter moves the focus to the text"
like "$(head -n 1 "$RUN_DIR/enter.screen")" 'Text  3/5' "the text header says 3/5"
like "$(tail -n 1 "$RUN_DIR/enter.screen")" '^ article 3/5 · text · ¶ 1/10 · sentence 1/26 ' \
	"the status line says article 3/5, text, first paragraph and sentence"

# z: the pane in focus takes the whole screen; Tab moves through the
# panes, each shown alone; z again gives the three panes back.
run_script 80x24 <<'EOF'
<Tab>
z
:save-state zoomed
:save-display zoomed.screen
<Space>
:save-state zoomed-paged
<Tab>
:save-state zoomed-side
z
:save-state unzoomed
EOF
expect_run_ok "z: the script runs to its end"
expect_state zoomed layout "text 0,0 80x23 | status 0,23 80x1" "z in the text: the text takes the 80 columns"
expect_state zoomed zoom 1 "z: zoomed"
like "$(head -n 1 "$RUN_DIR/zoomed.screen")" '^ *Text ' "the zoomed screen starts with the text header"
unlike "$(cat "$RUN_DIR/zoomed.screen")" 'Articles \(' "and shows no article list"
isnt "$(state zoomed-paged text.top)" "$(state zoomed text.top)" "Space pages the zoomed text"
expect_state zoomed-side layout "side 0,0 80x23 | status 0,23 80x1" "Tab while zoomed shows the sidebar alone"
expect_state unzoomed layout "list 0,0 26x23 | text 26,0 34x23 | side 60,0 20x23 | status 0,23 80x1" \
	"z again: the three panes are back"
expect_state unzoomed focus side "and the focus stays where it was"

# Zoomed on a wide terminal the text keeps a readable measure: lines of at
# most 100 columns, not 200.
run_script 200x60 <<'EOF'
<Tab>
z
:save-display wide-zoom.screen
EOF
expect_run_ok "z at 200x60: the script runs to its end"
longest=0
while IFS= read -r line; do
	line=${line%"${line##*[! ]}"}  # without trailing blanks
	[ ${#line} -gt "$longest" ] && longest=${#line}  # characters (C.UTF-8)
done < <(sed '$d' "$RUN_DIR/wide-zoom.screen")
ok "zoomed at 200 columns, no text line is longer than 102 columns (it was $longest)" test "$longest" -le 102
ok "and the text still uses the room: its longest line is over 90 columns" test "$longest" -gt 90

run_script 80x24 <<'EOF'
k
:save-state k-at-top
G
:save-state G-list
j
:save-state j-at-end
g
:save-state g-list
<Down><Down><Up>
:save-state arrows
EOF
expect_state k-at-top list.sel 0 "k on the first article stays there"
expect_state G-list list.sel 4 "G in the list selects the last article"
expect_state j-at-end list.sel 4 "j on the last article stays there"
expect_state g-list list.sel 0 "g in the list selects the first article"
expect_state arrows list.sel 1 "Down Down Up selects the second article"

run_script 80x24 <<'EOF'
<Tab>
:save-state t1
<Tab>
:save-state t2
:save-display t2.screen
<Tab>
:save-state t3
<S-Tab>
:save-state b1
<S-Tab>
:save-state b2
<S-Tab>
:save-state b3
<Right>
:save-state r1
<Left>
:save-state l1
EOF
expect_run_ok "pane cycling: the script runs to its end"
expect_state t1 focus text "Tab: list -> text"
expect_state t2 focus side "Tab: text -> side"
like "$(tail -n 1 "$RUN_DIR/t2.screen")" '^ article 1/5 · side · ' "the status line names the sidebar"
expect_state t3 focus list "Tab: side -> list (wraps around)"
expect_state b1 focus side "S-Tab: list -> side (wraps around)"
expect_state b2 focus text "S-Tab: side -> text"
expect_state b3 focus list "S-Tab: text -> list"
expect_state r1 focus text "Right moves to the next pane"
expect_state l1 focus list "Left moves to the previous pane"

# The text pane: G and g, the page keys.  80x24 leaves 22 rows of text.
run_script 80x24 <<'EOF'
<Tab>
G
:save-state G
:save-display G.screen
g
:save-state g
<PgDn>
:save-state pgdn
:save-display pgdn.screen
<Space>
:save-state space
<PgUp>
:save-state pgup
b
:save-state b
jjj
:save-state jjj
EOF
expect_run_ok "text keys: the script runs to its end"
expect_state G text.cursor 19 "G puts the reading cursor on the last sentence (20 of 20)"
expect_state G text.para 6 "G: the last paragraph"
expect_state G text.top 114 "G scrolls to the end (136 rows, 22 on screen)"
like "$(tail -n 1 "$RUN_DIR/G.screen")" '· ¶ 7/7 · sentence 20/20 · 100%' \
	"G: the status line says the last sentence, 100%"
like "$(text_column G.screen | tail -n 1)" 'future alleanze internazionali\.' \
	"G: the last row of the pane shows the end of the article"
expect_state g text.cursor 0 "g goes back to the first sentence"
expect_state g text.top 0 "g scrolls back to the top"
expect_state pgdn text.top 22 "PgDn scrolls one page (22 rows)"
expect_state pgdn text.cursor 2 "PgDn moves the cursor to the first sentence in view"
like "$(text_column pgdn.screen | head -n 1)" '^ L’incontro a Pyongyang tra' \
	"PgDn: the new page starts where the old one ended"
expect_state space text.top 44 "Space pages down too"
expect_state pgup text.top 22 "PgUp scrolls one page back"
expect_state b text.top 0 "b pages back to the top"
expect_state b text.cursor 0 "paging back to the top puts the cursor on the first sentence"
expect_state jjj text.cursor 3 "j j j in the text moves the cursor by three sentences"

# The sidebar outline (o switches to it): j moves the selection, Enter
# jumps to the paragraph.
run_script 80x24 <<'EOF'
<Tab><Tab>
o
jjj
:save-state side
:save-attrs side.attrs
<Enter>
:save-state jumped
:save-display jumped.screen
EOF
expect_run_ok "outline: the script runs to its end"
expect_state side side.sel 3 "j j j in the outline selects the fourth paragraph"
expect_state side text.para 0 "moving in the outline does not move the reading cursor"
is "$(sed -n 5p "$RUN_DIR/side.attrs" | cut -c 61-)" "rrrrrrrrrrrrrrrrrrr" \
	"the selected outline entry (row 5) is in reverse video"
expect_state jumped text.para 3 "Enter in the outline moves the reading cursor to paragraph 4"
expect_state jumped focus text "Enter in the outline focuses the text"
like "$(text_column jumped.screen | sed -n 2p)" '^ Questa collaborazione non si' \
	"the text pane shows paragraph 4 at the top"
like "$(tail -n 1 "$RUN_DIR/jumped.screen")" '· ¶ 4/7 · ' "the status line says paragraph 4 of 7"

# Help: ? opens it, q and ? close it, and q then quits.  At 80x24 the help
# is longer than the screen: j scrolls it.
run_script 80x24 <<'EOF'
?
:save-state help
:save-display help.screen
jjjjjjjjjjjj
:save-display help2.screen
G
:save-display help3.screen
q
:save-state closed
??
:save-state toggled
:save-display after.screen
q
:save-state after-q
EOF
is "$RUN_STATUS" 0 "help: margo exits with status 0 (no crash)"
expect_state help help 1 "? opens the help"
has "$(screen help.screen)" "Help: keys (q or ? closes)" "the help screen has its title"
has "$(screen help.screen)" "Move down: next article" "the help lists the actions"
like "$(screen help.screen)" 'j, Down +Move down' "the help shows the keys of an action"
like "$(sed -n 2p "$RUN_DIR/help.screen")" '^ j, Down +Move down' "the help takes the whole screen, from the first column"
like "$(screen help.screen)" '^ +first \(5j\) moves that many$' "a description too long for the line goes on below its keys"
is "$(sed -n 2p "$RUN_DIR/help2.screen")" "$(sed -n 14p "$RUN_DIR/help.screen")" "j scrolls the help: after 12 j the 13th row is on top"
like "$(screen help3.screen)" 'v, Esc +Selection: cancel it' "G shows the end of the help: the keys of a selection"
like "$(sed -n 20p "$RUN_DIR/help3.screen")" 'Tab +Prompt: complete the tag or name typed' \
	"with the last action at the foot of the page: in the list, the last of those the list has not (the prompt's)"
like "$(sed -n 22p "$RUN_DIR/help3.screen")" 'Enter opens an article' "and the closing hint on the last line"
like "$(sed -n 23p "$RUN_DIR/help3.screen")" 'In a prompt: Left Right Home End' "and the prompt's keys after it"

like "$(tail -n 1 "$RUN_DIR/help.screen" 2>/dev/null)" ' · help' "the status line says help"
expect_state closed help 0 "q closes the help"
expect_state toggled help 0 "? ? opens and closes the help"
has "$(screen after.screen)" "Articles (5)" "after the help the panes are back"
if [ -f "$RUN_DIR/closed" ] && [ ! -f "$RUN_DIR/after-q" ]; then
	pass "q with the help closed quits: the next step never runs"
else
	fail "q with the help closed quits: the next step never runs"
fi

# The help lists the actions of the view beneath it first, then the rest:
# in the list, J (next article) before s (sort the annotations); in the
# annotations view, s before J.
row_of() { grep -n -m1 -E "$2" "$RUN_DIR/$1" | cut -d: -f1; }
run_script 120x90 <<'EOF'
?
:save-display help-list.screen
q
A
?
:save-display help-annot.screen
EOF
expect_run_ok "help in the list and in the annotations view"
j=$(row_of help-list.screen '^ J +Open the next article'); s=$(row_of help-list.screen '^ s +Annotations list: sort')
ok "help in the list: J (row ${j:-none}) comes before s (row ${s:-none})" test "${j:-99}" -lt "${s:-0}"
like "$(sed -n 2p "$RUN_DIR/help-list.screen")" '^ j, Down +Move down' "help in the list: the moves first"
j=$(row_of help-annot.screen '^ J +Open the next article'); s=$(row_of help-annot.screen '^ s +Annotations list: sort')
ok "help over the annotations: s (row ${s:-none}) comes before J (row ${j:-none})" test "${s:-99}" -lt "${j:-0}"
r=$(row_of help-annot.screen '^ R +Sidebar: rename'); a=$(row_of help-annot.screen '^ y +Annotations list: accept')
ok "help over the annotations: y (accept, row ${a:-none}) before R (the sidebar's rename, row ${r:-none})" \
	test "${a:-99}" -lt "${r:-0}"

# q quits at once, with status 0; Ctrl-L redraws the same screen.
run_script 80x24 <<'EOF'
jj
:save-display before
<C-l>
:save-display redrawn
q
:save-state after-q
EOF
expect_run_ok "q quits with status 0 and nothing on stderr"
ok "the steps after q never run" test ! -e "$RUN_DIR/after-q"
is "$(screen redrawn)" "$(screen before)" "Ctrl-L redraws the same screen"

# ---------------------------------------------------------------------------
# 5. Resizing: 40x12 (no sidebar), 30x10 (one pane), 10x3 (too small) and
#    back to 80x24 with the same article open.

run_script 80x24 <<'EOF'
jj<Enter>
:save-display big
:save-state big.state
:resize 40x12
:save-state r40
:save-display r40.screen
:resize 30x10
:save-state r30
:save-display r30.screen
:resize 10x3
:save-state r10
:save-display r10.screen
j
:resize 80x24
:save-state back
:save-display back.screen
EOF
expect_run_ok "resize: the script runs to its end"
expect_state r40 layout "list 0,0 14x11 | text 14,0 26x11 | status 0,11 40x1" \
	"40x12: list and text, no sidebar"
hasnt "$(head -n 1 "$RUN_DIR/r40.screen")" "Article " "40x12: no sidebar header on screen"
like "$(head -n 1 "$RUN_DIR/r40.screen")" '^ Articles \(5\) +Text  3/5$' "40x12: the list and text headers"
is "$(pane_widths r40.screen)" "13" "40x12: the list border stays in column 14 on every row"
expect_state r30 layout "text 0,0 30x9 | status 0,9 30x1" "30x10: only the focused pane (text)"
like "$(head -n 1 "$RUN_DIR/r30.screen")" '^ Text  3/5$' "30x10: the text pane alone"
hasnt "$(screen r30.screen)" "│" "30x10: no borders with one pane"
expect_state r10 layout "too small" "10x3: too small"
# At 10 columns the message must still be readable, over two lines if need be.
is "$(tr -s ' \n' '  ' <"$RUN_DIR/r10.screen" | sed 's/^ //; s/ $//')" "terminal too small" \
	"10x3: the screen says \"terminal too small\""
like "$(state back layout)" '^list 0,0 26x23 \| text 26,0 34x23 \| side 60,0 20x23 \|' \
	"back to 80x24: three panes"
expect_state back article.index 2 "back to 80x24: article 3 still open"
expect_state back text.cursor 0 "back to 80x24: the reading cursor did not move"
expect_state back focus text "back to 80x24: the focus is still on the text"
expect_screen back.screen "back to 80x24: the screen is the one before the resizes" \
	<"$RUN_DIR/big"

# One pane: Tab and S-Tab show the other panes in turn.
run_script 30x10 <<'EOF'
:save-state one
:save-display one.screen
<Tab>
:save-state one-tab
:save-display one-tab.screen
<S-Tab>
:save-state one-back
EOF
expect_run_ok "30x10: the script runs to its end"
expect_state one layout "list 0,0 30x9 | status 0,9 30x1" "30x10 at start: the list alone"
like "$(head -n 1 "$RUN_DIR/one.screen")" '^ Articles \(5\) by added$' "30x10: the list header"
expect_state one-tab layout "text 0,0 30x9 | status 0,9 30x1" "30x10: Tab shows the text"
like "$(head -n 1 "$RUN_DIR/one-tab.screen")" '^ Text  1/5$' "30x10: the text header after Tab"
expect_state one-back focus list "30x10: S-Tab comes back to the list"

# Starting too small, growing, and the smallest sizes.
run_script 10x3 <<'EOF'
:save-display small
:resize 1x1
:save-display tiny
:resize 20x4
:save-state min
:save-display min.screen
:resize 80x24
:save-state grown
EOF
expect_run_ok "10x3 -> 1x1 -> 20x4 -> 80x24: no crash"
hasnt "$(screen small)" "Articles" "10x3 at start: no panes drawn"
expect_state min layout "list 0,0 20x3 | status 0,3 20x1" "20x4 (the minimum): the list alone"
like "$(head -n 1 "$RUN_DIR/min.screen")" '^ Articles \(5\)$' "20x4: the list header"
like "$(state grown layout)" '^list 0,0 26x23 \| text 26,0 34x23 \| side 60,0 20x23' \
	"grown to 80x24: three panes"

# q still quits when the screen is too small to show anything.
run_script 10x3 <<'EOF'
q
:save-state after-q
EOF
expect_run_ok "10x3: q quits with status 0"
ok "10x3: the steps after q never run" test ! -e "$RUN_DIR/after-q"

# ---------------------------------------------------------------------------
# 6. 200x60: everything fits, looked at as a whole.

run_script 200x60 <<'EOF'
:save-display wide
:save-state wide.state
EOF
expect_run_ok "200x60: the script runs to its end"
wide=$(screen wide)
like "$(printf '%s\n' "$wide" | head -n 1)" '^ Articles \(5\) by added +Text  1/5 +Entities$' "200x60: three pane headers"
for t in "L’incontro in corso a Pyongyang tra il presid" \
	"Putin rafforza i legami con Kim Jong-un in un" \
	"Kim Jong-un si rivolge a Putin: messaggi fort" \
	"Il Cremlino ha annunciato che il p" \
	"Il leader nordcoreano Kim Jong-un ha recentem"; do
	has "$wide" "$t" "200x60: the list shows \"${t%% ha*}...\""
done
status=$(printf '%s\n' "$wide" | tail -n 1)
like "$status" '^ article 1/5 · list · ¶ 1/7 · sentence 1/20 · 100% +\? for help$' \
	"200x60: the status line is complete"
is "$(printf '%s' "$status" | wc -L)" 199 "200x60: \"? for help\" ends one column before the edge"
is "$(pane_widths wide)" "59 99" "200x60: the borders stay in columns 60 and 160 on every row"
has "$wide" "future alleanze internazionali." "200x60: the whole of article 1 is on screen"
like "$wide" '│ People$' "200x60: the sidebar lists the people of the article"
is "$(printf '%s\n' "$wide" | wc -l)" 60 "200x60: 60 rows saved"

# ---------------------------------------------------------------------------
# 7. Hostile text: wide characters, emoji, combining marks, a long URL,
#    tabs, bidi controls.  The borders stay put at every size.

hostile_db="$TEST_TMP/hostile.db"
"$MARGO" --db "$hostile_db" add "$top_srcdir/tests/fixtures/hostile/wide.txt" >/dev/null 2>&1
run_script 80x24 --db "$hostile_db" <<'EOF'
:save-display w80
<Tab>jjjj
:save-display w80b
:resize 40x12
:save-display w40
:resize 120x30
:save-display w120
EOF
expect_run_ok "hostile text: the script runs to its end"
is "$(pane_widths w80)" "25 33" "80x24: wide text keeps the borders in columns 26 and 60"
is "$(pane_widths w80b)" "25 33" "80x24, cursor moved: the borders stay"
is "$(pane_widths w40)" "13" "40x12: the border stays in column 14"
is "$(pane_widths w120)" "37 51" "120x30: the borders stay in columns 38 and 90"
has "$(screen w120)" "北朝鮮" "the CJK text is shown"
has "$(screen w120)" "odnom" "the text inside bidi controls is shown"
# U+202A..U+202E and U+2066..U+2069, matched as bytes.
bidi=$(cat "$RUN_DIR"/w80 "$RUN_DIR"/w40 "$RUN_DIR"/w120 |
	LC_ALL=C grep -c "$(printf '\342\200[\252-\256]\|\342\201[\246-\251]')")
is "$bidi" 0 "no bidi control characters reach the screen"

# ---------------------------------------------------------------------------
# 8. A file that is not a margo library: refused, left as it was.

sum() { cksum <"$1"; }
refused() {  # refused FILE WHAT ARGS...: margo exits non-zero, FILE unchanged
	_file=$1 _what=$2
	shift 2
	_before=$(sum "$_file")
	_err=$("$@" 2>&1 >/dev/null </dev/null)
	_rc=$?
	isnt "$_rc" 0 "$_what: margo refuses (exit status $_rc)"
	like "$_err" "^margo: .*$(basename "$_file").*not a margo library" \
		"$_what: the message says it is not a margo library"
	is "$(sum "$_file")" "$_before" "$_what: the file is unchanged"
	is "$(ls "$_file"-* "$_file".* 2>/dev/null)" "" "$_what: no journal or WAL left beside it"
}

junk="$TEST_TMP/random.db"
head -c 8192 /dev/urandom >"$junk"
refused "$junk" "random bytes, reader" \
	env LINES=24 COLUMNS=80 MARGO_SCRIPT=/dev/null "$MARGO" --db "$junk"
refused "$junk" "random bytes, margo list" "$MARGO" --db "$junk" list
refused "$junk" "random bytes, margo add" "$MARGO" --db "$junk" add "$top_srcdir/corpus"
refused "$junk" "random bytes as MARGO_DB" env MARGO_DB="$junk" "$MARGO" list

if command -v python3 >/dev/null 2>&1; then
	other="$TEST_TMP/other.sqlite"
	python3 - "$other" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
db.execute("INSERT INTO notes (body) VALUES ('keep me')")
db.commit()
db.close()
PY
	refused "$other" "someone else's SQLite database, reader" \
		env LINES=24 COLUMNS=80 MARGO_SCRIPT=/dev/null "$MARGO" --db "$other"
	refused "$other" "someone else's SQLite database, margo add" \
		"$MARGO" --db "$other" add "$top_srcdir/corpus"
	is "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select group_concat(name) from sqlite_master").fetchone()[0])' "$other")" \
		"notes" "someone else's SQLite database: still only its own table"
else
	skip "someone else's SQLite database" "python3 is missing"
fi

# ---- in Italian, the status line names each view in Italian (the names a
# configuration's bind line takes stay English: see tests/ui/config.sh)
fresh_library
if italian_locale; then
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
	run_script 80x24 <<'EOF'
:save-display list
?
:save-display help
G
:save-display help-end
?
<Enter>
:save-display text
a
uno
<Enter>
r
:save-display related
<Esc>
<Tab>
:save-display side
<Enter>
:save-display mentions
<Esc>
A
:save-display annotations
<Esc>
S
Putin
<Enter>
:save-display search
EOF
	unset LOCPATH MARGO_LOCALEDIR LANGUAGE
	export LANG=C.UTF-8
	expect_run_ok "Italian views: the script runs"
	for pair in list:elenco help:aiuto text:testo related:legati side:"barra laterale" \
		mentions:menzioni annotations:annotazioni search:ricerca; do
		like "$(tail -n 1 "$RUN_DIR/${pair%%:*}")" "^ articolo [0-9]+/5 · ${pair#*:}( |\$)" \
			"Italian: the status line names the ${pair%%:*} view \"${pair#*:}\""
	done
	like "$(screen help)" '^ j, Giù +Giù: ' "Italian: the help names the keys in Italian (Down: Giù)"
	like "$(screen help)" '^ Invio +Apri ' "Italian: ... Enter as Invio"
	has "$(screen help-end)" "In un prompt: Sinistra Destra Inizio Fine" "Italian: ... in the closing hints too"
else
	skip "Italian views: the script runs" "$italian_problem"
fi

done_testing
