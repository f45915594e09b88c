#!/bin/bash
# agreement.sh: margo agreement.  Two coders, ada and bea, annotate the
# bundled corpus: article 1 (20 sentences) both, article 2 (19 sentences)
# only ada, so bea is missing there (19 units of each tag that kappa leaves
# out and alpha cannot pair).  By sentence, in article 1:
#   politica        ada 0, 1-2 (one span over both)   bea 0, 1, 3
#   armi/munizioni  ada 5                             bea 5, 6
#   armi/droni      -                                 bea 7
# By hand (20 units both coded; p_o observed, p_e chance agreement):
#   politica: yes/yes 2, ada-only 1, bea-only 1, no/no 16: p_o = 18/20 = 0.9;
#     p_e = .15 * .15 + .85 * .85 = .745, kappa = .155 / .255 = 0.607843;
#     coincidences o11 = 4, o00 = 32, o01 = o10 = 2 (n1 = 6, n0 = 34, n = 40):
#     alpha = 1 - 39 * 4 / (2 * 6 * 34) = 0.617647
#   armi/munizioni: 1, 0, 1, 18: p_o = .95, p_e = .05 * .1 + .95 * .9 = .86,
#     kappa = .09 / .14 = 0.642857; alpha = 1 - 39 * 2 / (2 * 3 * 37) = 0.648649
#   armi/droni: 0, 0, 1, 19: p_o = .95 = p_e, kappa 0; alpha = 1 - 39 * 2 / (2 * 39) = 0
#   all tags (60 rows): 3, 1, 3, 53: p_o = 56/60 = 0.933333,
#     p_e = (4 * 6 + 56 * 54) / 3600 = .846667, kappa = 0.565217;
#     alpha = 1 - 119 * 8 / (2 * 10 * 110) = 0.567273
#   --tag armi (both armi tags as one): 1, 0, 2, 17: p_o = .9,
#     p_e = .05 * .15 + .95 * .85 = .815, kappa = .085 / .185 = 0.459459;
#     alpha = 1 - 39 * 4 / (2 * 4 * 36) = 0.458333
. "$top_srcdir/tests/lib.sh"

fresh_library
annotate() { "$MARGO" annotate "$@" >/dev/null || fail "annotate $*"; }
# Sentence starts of article 1 (code points): 0, 279, 512, 637, 795, 958, 1065, 1322.
annotate 1 10 20 --tag politica --as ada
annotate 1 500 520 --tag politica --as ada
annotate 1 960 970 --tag armi/munizioni --as ada
annotate 2 5 15 --tag politica --as ada
annotate 1 10 20 --tag politica --as bea
annotate 1 300 310 --tag politica --as bea
annotate 1 640 650 --tag politica --as bea
annotate 1 960 980 --tag "armi / munizioni" --as bea
annotate 1 1070 1080 --tag armi/munizioni --as bea
annotate 1 1330 1340 --tag armi/droni --as bea
# Someone else's annotation counts for neither.
annotate 1 1330 1340 --tag armi/droni --as carla

# ---- plain ----------------------------------------------------------------------------
out=$("$MARGO" agreement --coders ada,bea)
is "$out" "coders: ada, bea; unit: sentence; articles: 2; units: 39
   units pairable  agree  kappa  alpha  tag
      39       20  0.950  0.000  0.000  armi/droni
      39       20  0.950  0.643  0.649  armi/munizioni
      39       20  0.900  0.608  0.618  politica
     117       60  0.933  0.565  0.567  (all tags)
19 units of each tag left out of kappa: a coder annotated nothing in their article" \
	"plain: per tag and over all tags, the values computed by hand"

# ---- jsonl ----------------------------------------------------------------------------
out=$("$MARGO" agreement --coders ada,bea --format jsonl)
is "$out" '{"tag":"armi/droni","overall":false,"units":39,"pairable":20,"kappa_units":20,"left_out_of_kappa":19,"agreement":0.950000,"kappa":0.000000,"alpha":0.000000}
{"tag":"armi/munizioni","overall":false,"units":39,"pairable":20,"kappa_units":20,"left_out_of_kappa":19,"agreement":0.950000,"kappa":0.642857,"alpha":0.648649}
{"tag":"politica","overall":false,"units":39,"pairable":20,"kappa_units":20,"left_out_of_kappa":19,"agreement":0.900000,"kappa":0.607843,"alpha":0.617647}
{"tag":null,"overall":true,"units":117,"pairable":60,"kappa_units":60,"left_out_of_kappa":57,"agreement":0.933333,"kappa":0.565217,"alpha":0.567273}' \
	"jsonl: one object a tag and one over all, the same values"

# ---- in Italian: the words translated, the numbers still with a point ------------------
if italian_locale; then
	it=$(env $IT_ENV "$MARGO" agreement --coders ada,bea --tag politica --article 1)
	has "$it" "codificatori: ada, bea; unità: frase" "Italian: the report in Italian"
	has "$it" "0.900  0.608  0.618  politica" "Italian: numbers with a decimal point"
	has "$(env $IT_ENV "$MARGO" agreement --coders ada,bea --format jsonl | tail -1)" \
		'"agreement":0.933333,"kappa":0.565217' "Italian: JSON Lines stay JSON"
else
	skip "agreement in Italian" "$italian_problem"
fi

# ---- --tag: the subtree as one tag; --article ------------------------------------------
out=$("$MARGO" agreement --coders ada,bea --tag armi)
has "$out" "      39       20  0.900  0.459  0.458  armi" "--tag armi takes armi/munizioni and armi/droni together"
out=$("$MARGO" agreement --coders ada,bea --tag politica --article 1 --format jsonl)
like "$out" '^\{"tag":"politica",.*"units":20,"pairable":20,"kappa_units":20,"left_out_of_kappa":0,"agreement":0.900000,"kappa":0.607843,"alpha":0.617647\}$' \
	"--article 1: only its 20 sentences, none left out"

# ---- three coders: alpha only -----------------------------------------------------------
out=$("$MARGO" agreement --coders ada,bea,carla --tag armi/droni --article 1)
# Alpha by hand: unit 7 (0, 1, 1) adds o11 = 1, o01 = o10 = 1; the 19 others
# (0, 0, 0) o00 = 3 each: n0 = 58, n1 = 2, n = 60, alpha = 1 - 59 * 2 / (2 * 58 * 2).
has "$out" "      20       20  0.967  -      0.491  armi/droni" "three coders: no kappa (\"-\"), alpha 0.491"
has "$out" "kappa is for two coders only" "and the report says why"
# carla and bea agree on sentence 7, ada has no droni: pairs of 20 units of 3 values:
# unit 7 has 2 agreeing pairs of 6, the 19 others 6 of 6: 116/120.

# ---- characters -----------------------------------------------------------------------
# politica in article 1, 3544 characters: ada [10,20) [500,520), bea [10,20) [300,310)
# [640,650): both 10, ada only 20, bea only 20, neither 3494: p_o = 3504/3544.
out=$("$MARGO" agreement --coders ada,bea --tag politica --article 1 --unit character --format jsonl)
like "$out" '"units":3544,"pairable":3544,.*"agreement":0.988713,' "--unit character: every code point a unit"

# ---- the units, and sklearn's kappa on them --------------------------------------------
units=$("$MARGO" agreement --coders ada,bea --units)
is "$(printf '%s\n' "$units" | wc -l | tr -d ' ')" 117 "--units lists every unit of every tag"
has "$units" '{"tag":"politica","article":1,"unit":2,"values":[1,0]}' "a span over two sentences marks both"
has "$units" '{"tag":"politica","article":2,"unit":0,"values":[1,null]}' "bea is missing where she annotated nothing"
if python3 -c 'import sklearn.metrics' 2>/dev/null; then
	report=$("$MARGO" agreement --coders ada,bea --format jsonl)
	check=$(printf '%s\n---\n%s\n' "$units" "$report" | python3 -c '
import json, sys
from sklearn.metrics import cohen_kappa_score
units, report = sys.stdin.read().split("---\n")
rows = {}
for line in units.splitlines():
    u = json.loads(line)
    if None not in u["values"]:
        rows.setdefault(u["tag"], []).append(u["values"])
        rows.setdefault(None, []).append(u["values"])
bad = []
for line in report.splitlines():
    r = json.loads(line)
    v = rows[r["tag"]]
    k = cohen_kappa_score([a for a, b in v], [b for a, b in v])
    if abs(k - r["kappa"]) > 1e-5:
        bad.append("%s: margo %s, sklearn %s" % (r["tag"], r["kappa"], k))
print("\n".join(bad) or "same")')
	is "$check" "same" "kappa per tag and overall is sklearn's cohen_kappa_score of the same units"
else
	skip "kappa is sklearn's cohen_kappa_score of the same units" "python3 cannot import sklearn"
fi

# ---- bad input -------------------------------------------------------------------------
err=$("$MARGO" agreement 2>&1); rc=$?
is "$rc:$err" "2:margo: agreement: give --coders A,B; see \"margo agreement --help\"" "no --coders: usage error"
err=$("$MARGO" agreement --coders ada 2>&1); rc=$?
is "$rc:$err" "2:margo: agreement: --coders needs two coders or more, comma-separated" "one coder is refused"
err=$("$MARGO" agreement --coders ada,ada 2>&1)
is "$err" "margo: agreement: --coders names \"ada\" twice" "a coder twice is refused"
err=$("$MARGO" agreement --coders "ada,,bea" 2>&1)
like "$err" '^margo: agreement: --coders: "" is not a name' "an empty name is refused"
err=$("$MARGO" agreement --coders ada,bea --unit word 2>&1)
is "$err" "margo: agreement: unknown unit \"word\" (use sentence or character)" "an unknown unit"
err=$("$MARGO" agreement --coders ada,bea --article 999 2>&1); rc=$?
is "$rc:$err" "2:margo: agreement: no article 999; see \"margo list\"" "an article that does not exist"
err=$("$MARGO" agreement --coders ada,bea --tag "a//b" 2>&1); rc=$?
like "$err" '^margo: agreement: --tag: ' "a tag with an empty level is refused"
out=$("$MARGO" agreement --coders x,y)
has "$out" "articles: 0; units: 0" "coders with no annotations: nothing to compare, said plainly"
has "$out" "  -      -      -      (all tags)" "and no statistic"
has "$("$MARGO" agreement --help)" "Krippendorff's alpha" "--help"

done_testing
