#!/bin/bash
# related.sh: related passages on articles written apart from the bundled
# corpus and from the rules: tests/fixtures/related and related2 each hold
# eighteen or nineteen invented articles (three stories, each told four or
# five ways by different kinds of piece, and four articles on other
# things) and pairs.txt the passages that report the same fact, written by
# different hands; related3 is written like the bundled corpus (long
# analytical paragraphs of several facts each, generic words shared by
# all, facts told again in other words).  Each pair is a check: from the
# source passage, `margo related` lists the target among its first five.
. "$top_srcdir/tests/lib.sh"

# The passage holding a phrase (each phrase of pairs.txt is in one only);
# a quote is escaped in JSON.
passage_with() {
	grep -F -- "${1//\"/\\\"}" "$TEST_TMP/passages" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p'
}

# Pairs the scorer does not find yet (source phrase|target phrase): kept
# visible as TODO; an unexpected pass fails the run, so a better scorer
# must take them off this list.
known_miss() {
	case $1 in
	"costruito alla fine degli anni Sessanta|mi hanno chiamata per dirmi che la Pascoli" | \
	"in tempo per il prossimo anno scolastico|a settembre i nostri bambini avranno un'aula vera" | \
	"In questo quadro l’Italia cammina sul filo|con il pullman partito da Cuneo" | \
	"ci ha tenuti chiusi in una stanza|hanno firmato alle 5.30 di questa mattina" | \
	"dopo una trattativa di quattordici ore guidata|Il fondo, 15 milioni di euro, servirà" | \
	"Non tratteremo con chi tiene in ostaggio|Non avete mai pensato di pagare?" | \
	"Pagare significa finanziare il prossimo attacco|Non tratteremo con chi tiene in ostaggio" | \
	"accusati di aver appiccato le fiamme per rinnovare|ricavare nuovo pascolo per le pecore" | \
	"partito contemporaneamente da almeno tre punti diversi|Non si accendono tre focolai nello stesso" | \
	"una costellazione di otto satelliti destinata|sensori capaci di vedere ogni nave" | \
	"La Cina ha criticato duramente l'accordo di sicurezza|sulla logica dei blocchi, sulla nostalgia" | \
	"sulla logica dei blocchi, sulla nostalgia|La Cina ha criticato duramente l'accordo di sicurezza" | \
	"ha chiesto l’accesso ai dati sulle portate|Il governo di Hanoi ha chiesto al Laos" | \
	"hanno marciato insieme a migliaia di altre persone|circa tremila pescatori e contadini avevano manifestato" | \
	"aveva travolto una barca da pesca iraniana|avrebbe speronato un peschereccio iraniano al largo" | \
	"chiamando a dare spiegazioni il rappresentante|ha convocato alla Farnesina l'ambasciatore iraniano" | \
	"Bruxelles ha colpito con nuove misure le società|otto compagnie di navigazione iraniane accusate")
		return 0 ;;
	esac
	return 1
}

# check_set DIR EXPECTED: every pair of DIR/pairs.txt, on a library of
# DIR/articles alone.
check_set() {
	local dir=$1 found=0 total=0 marks=""
	export MARGO_DB=$TEST_TMP/${dir##*/}.db
	if ! out=$("$MARGO" add "$dir/articles" 2>&1); then
		echo "Bail out! margo add $dir/articles failed: $out"
		exit 99
	fi
	"$MARGO" passages --format jsonl >"$TEST_TMP/passages"
	while IFS='|' read -r from_file from_phrase to_file to_phrase fact; do
		case $from_file in '#'* | '') continue ;; esac
		from=$(passage_with "$from_phrase")
		to=$(passage_with "$to_phrase")
		if [ -z "$from" ] || [ -z "$to" ]; then
			fail "${dir##*/}/pairs.txt: a phrase of $from_file or $to_file is in no passage"
			continue
		fi
		total=$((total + 1))
		desc=$(_tap_desc "$fact: $from_file $from -> $to_file $to")
		_tap_n=$((_tap_n + 1))
		line=$("$MARGO" related "$from" --limit 5 --format jsonl | grep "^{\"passage\":$to,")
		# Agency text republished is marked as a near copy, and only it.
		case $fact in
		*near-copy*) want=true ;;
		*) want=false ;;
		esac
		case $line in
		'' | *"\"near_copy\":$want"*) ;;
		*) marks="$marks $from->$to" ;;
		esac
		if [ -n "$line" ]; then
			found=$((found + 1))
			if known_miss "$from_phrase|$to_phrase"; then
				echo "ok $_tap_n - $desc # TODO known miss"
			else
				echo "ok $_tap_n - $desc"
			fi
		elif known_miss "$from_phrase|$to_phrase"; then
			echo "not ok $_tap_n - $desc # TODO known miss"
		else
			_tap_failed=$((_tap_failed + 1))
			echo "not ok $_tap_n - $desc"
		fi
	done <"$dir/pairs.txt"
	is "$total" "$2" "${dir##*/}: every pair of pairs.txt was checked"
	is "$marks" "" "${dir##*/}: the near copies are marked as such, and no other pair"
	diag "${dir##*/}: $found of $total pairs in the top five"
}

check_set "$top_srcdir/tests/fixtures/related" 50
check_set "$top_srcdir/tests/fixtures/related2" 50
check_set "$top_srcdir/tests/fixtures/related3" 49

done_testing
