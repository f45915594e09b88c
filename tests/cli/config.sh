#!/bin/bash
# config.sh: the configuration file, as margo keys and the command line see
# it: where it is looked for ($XDG_CONFIG_HOME/margo/config, MARGO_CONFIG,
# --config FILE, none with -n/--no-config) and which wins; bind and unbind
# change the bindings margo keys prints, per view, key sequences and key
# names included; a bad line is reported as FILE:LINE with the valid
# choices and the other lines still count; source reads relative to the
# file, stops cycles; the themes shipped load.
. "$top_srcdir/tests/lib.sh"

export MARGO_DB=$TEST_TMP/none/library.db
cfgdir=$XDG_CONFIG_HOME/margo
mkdir -p "$cfgdir"

keys() { "$MARGO" "$@" keys 2>"$TEST_TMP/err"; }

# ---- where the file is --------------------------------------------------------
printf 'bind generic x down\n' >"$cfgdir/config"
out=$(keys); rc=$?
is "$rc" 0 "margo keys reads \$XDG_CONFIG_HOME/margo/config"
has "$out" "bind generic x down" "margo keys prints a binding the file adds"
has "$out" "bind generic j down" "and keeps the defaults"
is "$(cat "$TEST_TMP/err")" "" "a good file says nothing on standard error"

out=$(keys -n)
hasnt "$out" "bind generic x down" "-n reads no configuration file"
out=$(keys --no-config)
hasnt "$out" "bind generic x down" "--no-config reads no configuration file"

printf 'bind generic y down\n' >"$TEST_TMP/other"
out=$(MARGO_CONFIG=$TEST_TMP/other keys)
has "$out" "bind generic y down" "MARGO_CONFIG names the file"
hasnt "$out" "bind generic x down" "MARGO_CONFIG wins over the default file"
printf 'bind generic w down\n' >"$TEST_TMP/third"
out=$(MARGO_CONFIG=$TEST_TMP/other keys --config "$TEST_TMP/third")
has "$out" "bind generic w down" "--config names the file"
hasnt "$out" "bind generic y down" "--config wins over MARGO_CONFIG"
out=$(keys --config="$TEST_TMP/third")
has "$out" "bind generic w down" "--config=FILE works too"

keys --config "$TEST_TMP/absent" >/dev/null; rc=$?
is "$rc" 0 "a --config file that is missing still runs"
like "$(cat "$TEST_TMP/err")" "^margo: $TEST_TMP/absent: No such file or directory$" \
	"a --config file that is missing is said, with its name"
rm "$cfgdir/config"
keys >/dev/null
is "$(cat "$TEST_TMP/err")" "" "no default file is no error"

keys -n --config "$TEST_TMP/third" >/dev/null; rc=$?
is "$rc" 2 "--config and -n together are a usage error"
"$MARGO" --config 2>"$TEST_TMP/err"; rc=$?
is "$rc" 2 "--config with no FILE is a usage error"
has "$(cat "$TEST_TMP/err")" "--config needs a FILE" "and says so"

# ---- bind and unbind -------------------------------------------------------------
cat >"$cfgdir/config" <<'CFG'
# comments and blank lines are fine

bind list x down   # a comment after a line
unbind list j
bind generic gg first
bind text <F5> zoom
bind generic ^X quit
bind annotations <C-d> delete
unbind generic <PgDn>
bind list "<Space>" page-up
CFG
out=$(keys)
has "$out" "bind list x down" "bind VIEW adds a key in that view"
hasnt "$out" "bind generic j down" "unbind list j: j is no longer generic"
hasnt "$out" "bind list j down" "unbind list j: not in the list"
has "$out" "bind text j down" "unbind list j: j still moves down in the text"
has "$out" "bind generic gg first" "a key sequence is printed as it is bound"
has "$out" "bind text <F5> zoom" "a function key by name"
has "$out" "bind generic ^X quit" "a control key as ^X"
has "$out" "bind annotations ^D delete" "<C-d> is ^D"
unlike "$out" "^bind .*<PgDn>" "unbind generic removes the key everywhere"
has "$out" "bind list <Space> page-up" "a quoted key name"
has "$out" "bind text <Space> page-down" "the view's binding leaves the others"
# The output is a configuration file: read back, it gives the same.
has "$out" "unbind list j" "the default keys unbound are printed as unbind lines"
has "$out" "unbind generic <PgDn>" "in every view: generic"
keys >"$TEST_TMP/inforce"
out2=$(keys --config "$TEST_TMP/inforce")
is "$(printf '%s\n' "$out2" | grep '^[a-z]' | sort)" "$(printf '%s\n' "$out" | grep '^[a-z]' | sort)" \
	"margo keys read back as a configuration gives the same bindings"
is "$(cat "$TEST_TMP/err")" "" "and has no error"

# ---- errors -----------------------------------------------------------------------
cat >"$cfgdir/config" <<'CFG'
set mouse perhaps
bind list x jump
bind nowhere x down
bind list <Foo> down
color title pink default
color nothing red default
frobnicate now
set list-order size
bind help x annotate
bind list z down
CFG
out=$(keys); rc=$?
is "$rc" 0 "margo keys runs with a bad configuration"
err=$(cat "$TEST_TMP/err")
f=$cfgdir/config
has "$err" "margo: $f:1: mouse: \"perhaps\" is not on or off (valid: on, off)" "a bad value: file:line and the choices"
has "$err" "margo: $f:2: bind: unknown action \"jump\" (valid: down, up," "an unknown action: the actions"
has "$err" "margo: $f:3: bind: unknown view \"nowhere\" (valid: generic, list, text, side, help, mentions, results, annotations, codebook, select, prompt)" "an unknown view: the views"
has "$err" "margo: $f:4: bind: unknown key name \"<Foo>\" (valid:" "an unknown key name"
has "$err" "margo: $f:5: color: unknown colour \"pink\" (valid: default, black," "an unknown colour"
has "$err" "margo: $f:6: color: unknown element \"nothing\" (valid: normal, header, header-focus," "an unknown element: the elements"
has "$err" "margo: $f:7: unknown command \"frobnicate\" (valid: set, bind, unbind, color, source)" "an unknown command"
has "$err" "margo: $f:8: list-order: unknown order \"size\" (valid: added, date, title, source, annotated, unread)" "an unknown order"
has "$err" "margo: $f:9: bind: annotate does not work in the help view (valid: generic, list, text, side)" "an action bound in a view it does not work in: its views"
is "$(printf '%s\n' "$err" | grep -c .)" 9 "one line per bad line"
has "$out" "bind list z down" "the good line after the bad ones counts"

# ---- source ------------------------------------------------------------------------
mkdir -p "$cfgdir/more"
printf 'source more/keys\n' >"$cfgdir/config"
printf 'bind generic v down\nsource ../loop\n' >"$cfgdir/more/keys"
printf 'source more/keys\n' >"$cfgdir/loop"
out=$(keys)
has "$out" "bind generic v down" "source reads a file relative to the one that names it"
has "$(cat "$TEST_TMP/err")" "is already being read (a cycle)" "a cycle of sources is stopped and said"
printf 'source ~/mine\n' >"$cfgdir/config"
printf 'bind generic V down\n' >"$HOME/mine"
out=$(keys)
has "$out" "bind generic V down" "source ~/FILE is in the home folder"

# ---- themes --------------------------------------------------------------------------
for t in default-dark light solarized; do
	printf 'set theme %s\n' "$t" >"$cfgdir/config"
	keys >/dev/null
	is "$(cat "$TEST_TMP/err")" "" "the theme $t loads without an error"
done
printf 'set theme neon\n' >"$cfgdir/config"
keys >/dev/null
has "$(cat "$TEST_TMP/err")" "$cfgdir/config:1: theme: no theme \"neon\" in" "an unknown theme is said"

# ---- no library was made --------------------------------------------------------
ok "margo keys with a configuration creates no library" test ! -e "$TEST_TMP/none"

# ---- -n is --no-config only before the command: history has -n N --------------
fresh_library "$TEST_TMP/lib.db"
"$MARGO" --db "$TEST_TMP/lib.db" annotate 1 0 5 --tag uno >/dev/null 2>&1
"$MARGO" --db "$TEST_TMP/lib.db" annotate 1 6 9 --tag due >/dev/null 2>&1
out=$("$MARGO" --db "$TEST_TMP/lib.db" history -n 1 2>&1); rc=$?
is "$rc" 0 "margo history -n 1 still runs"
is "$(printf '%s\n' "$out" | grep -c .)" 1 "margo history -n 1 still prints one change"

done_testing
