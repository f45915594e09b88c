#!/bin/bash
# tests/ui/config.sh: the configuration file in the reader (scripted):
#   - bind adds a key in one view, unbind takes one away there, a key
#     sequence (gg) runs when complete and its first key alone runs as
#     before when the next key does not continue it;
#   - set list-order, sidebar-width, reading-width, date-format, editor,
#     confirm-quit take effect;
#   - a bad line: its FILE:LINE message on standard error, margo starts
#     anyway with the other lines, and the status line says so;
#   - -n / --no-config read no file.

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

lib="$TEST_TMP/cfg.jsonl"
{
	echo '{"title":"Zeta arriva","text":"Prima frase del testo che è abbastanza lunga da andare a capo più volte in una colonna stretta di lettura. Seconda frase, anche questa lunga quanto basta per vedere il margine destro del testo.","date":"2023-05-10","url":"https://b.example.it/1"}'
	echo '{"title":"Alfa parte","text":"Una frase sola.","date":"2024-01-15","url":"https://a.example.it/2"}'
	echo '{"title":"Beta resta","text":"Un altra frase.","date":"2021-11-02","url":"https://c.example.it/3"}'
} >"$lib"
"$MARGO" add "$lib" >/dev/null 2>&1 || fail "the library is made"
"$MARGO" annotate 1 0 5 --tag prova >/dev/null 2>&1 || fail "an annotation is made"

cfg=$XDG_CONFIG_HOME/margo/config
mkdir -p "${cfg%/*}"

# ---- keys -------------------------------------------------------------------
cat >"$cfg" <<'CFG'
bind list x down
unbind list j
bind generic gg last
CFG
run_script 100x30 <<'SCRIPT'
x
:save-state x
j
:save-state j
g
:save-display g.screen
g
:save-state gg
:save-display gg.screen
gk
:save-state gk
<Tab>
j
:save-state textj
?
:save-display help
SCRIPT
expect_run_ok "a configuration with bindings runs"
expect_state x list.sel 1 "bind list x down: x moves down in the list"
expect_state j list.sel 1 "unbind list j: j does nothing in the list"
expect_state gg list.sel 2 "bind generic gg last: gg goes to the last"
expect_state gk list.sel 0 "g then k: g alone (first), then k (up)"
like "$(tail -n 1 "$RUN_DIR/g.screen")" '· keys g( |$)' "g begun: the status line shows the key waiting for the next"
unlike "$(tail -n 1 "$RUN_DIR/gg.screen")" 'keys' "gg done: the status line no longer shows it"
expect_state textj focus text "Tab still moves to the text"
expect_state textj text.cursor 1 "j still moves down in the text"
like "$(screen help)" '^ *j, Down, x +Move down' "the help lists the keys in force (x added to down)"
like "$(screen help)" '^ *G, End, gg +Go to the last' "the help lists a sequence as typed"

run_script 100x30 -n <<'SCRIPT'
x
:save-state nx
j
:save-state nj
SCRIPT
expect_run_ok "-n runs"
expect_state nx list.sel 0 "-n: x is not bound"
expect_state nj list.sel 1 "-n: j moves down as by default"
run_script 100x30 --no-config <<'SCRIPT'
x
:save-state nx
SCRIPT
expect_state nx list.sel 0 "--no-config: x is not bound"

# ---- options ------------------------------------------------------------------
cat >"$cfg" <<'CFG'
set list-order title
set sidebar-width 30
set date-format "%d %B %Y"
CFG
run_script 120x30 <<'SCRIPT'
:save-display start
:save-state startstate
<Enter>
:save-display opened
SCRIPT
expect_run_ok "a configuration with options runs"
like "$(screen start | head -n 1)" '^ Articles \(3\) by title ' "set list-order title: the list starts by title"
like "$(state startstate layout)" 'side 90,0 30x29' "set sidebar-width 30: the sidebar is 30 columns"
has "$(screen opened)" "15 January 2024" "set date-format: the date above the text"
run_script 200x30 <<'SCRIPT'
:save-display wide
SCRIPT
like "$(screen wide | sed -n 2p)" 'Alfa parte.*15 Januar' "set date-format: the list's dates, on a wide screen"

# reading-width: the text's lines stop at the measure.
longest() { screen "$1" | sed -e '1d' -e '$d' | wc -L; }
printf 'set reading-width 30\n' >"$cfg"
run_script 200x40 <<'SCRIPT'
<Enter>
z
:save-display narrow
SCRIPT
expect_run_ok "reading-width 30 runs"
n=$(longest narrow)
ok "set reading-width 30: no line of the text is wider than 31 columns ($n)" test "$n" -le 31
printf 'set reading-width 0\n' >"$cfg"
run_script 200x40 <<'SCRIPT'
<Enter>
z
:save-display wide
SCRIPT
n=$(longest wide)
ok "set reading-width 0: the text takes the whole width ($n)" test "$n" -gt 101

# editor: used before $VISUAL and $EDITOR.
cat >"$TEST_TMP/ed.sh" <<'ED'
#!/bin/sh
printf 'scritta dal configurato\n' > "$1"
ED
chmod +x "$TEST_TMP/ed.sh"
printf 'set editor "%s"\n' "$TEST_TMP/ed.sh" >"$cfg"
VISUAL=/nonexistent/visual EDITOR=/nonexistent/editor run_script 100x30 <<'SCRIPT'
A
E
:save-state noted
SCRIPT
expect_state noted message "note saved" "set editor: E runs the configured editor"
has "$("$MARGO" annotations --format jsonl)" 'scritta dal configurato' "the note it wrote is saved"

# confirm-quit: on by default (q asks when a selection would be lost), off quits.
: >"$cfg"
run_script 100x30 <<'SCRIPT'
<Enter>
v
q
n
:save-state asked
SCRIPT
expect_state asked message "not quitting" "by default q asks before losing a selection"
printf 'set confirm-quit off\n' >"$cfg"
run_script 100x30 <<'SCRIPT'
<Enter>
v
q
:save-state notasked
SCRIPT
expect_run_ok "confirm-quit off runs"
ok "set confirm-quit off: q quits at once" test ! -e "$RUN_DIR/notasked"

# ---- a bad line -------------------------------------------------------------------
cat >"$cfg" <<'CFG'
bind list x down
set mouse perhaps
CFG
run_script 100x30 <<'SCRIPT'
:save-state bad
x
:save-state badx
SCRIPT
is "$RUN_STATUS" 0 "a configuration with a bad line: margo starts anyway"
is "$RUN_STDERR" "margo: $cfg:2: mouse: \"perhaps\" is not on or off (valid: on, off)" \
	"the bad line is said on standard error as FILE:LINE: what and the choices"
expect_state bad message "config: 1 error (all on standard error): config:2: mouse: \"perhaps\" is not on or off (valid: on, off)" \
	"the status line says the configuration had an error"
expect_state badx list.sel 1 "the good line of it still counts"

# ---- the keys of the modes: select and prompt ---------------------------------------
# The keys of a selection being made and of a line being typed are actions
# of the views select and prompt, bound again like any other.
cat >"$cfg" <<'CFG'
bind select W select-word-forward
unbind select w
bind prompt ^Y prompt-kill-start
unbind prompt <Esc>
unbind prompt <Enter>
CFG
run_script 100x30 <<'SCRIPT'
<Enter>
<Tab>
v
W
:save-state selW
w
:save-state selw
<Esc>
:save-state selesc
/zzz<C-y>frase<Enter>
:save-state query
/Seconda<Esc>
:save-state cancelled
SCRIPT
expect_run_ok "a configuration binding keys of select and prompt runs"
# v selects the sentence at the cursor; W takes in the next word.
like "$(state selW selection)" 'lettura\. Seconda$' \
	"bind select W select-word-forward: W extends the selection by a word"
like "$(state selw selection)" 'lettura\. Seconda$' "unbind select w: w no longer extends it"
expect_state selesc text.selecting 0 "Esc still cancels the selection"
expect_state query find.query "frase" "bind prompt ^Y prompt-kill-start: ^Y deletes what was typed before it"
expect_state cancelled find.query "frase" "Esc unbound in the prompt still cancels it (its search is not run)"

done_testing
