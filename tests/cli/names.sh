#!/bin/bash
# names.sh: the extractor's rules for telling names apart, through `margo
# tag` on sentences written for the purpose.  Each test pins what one rule
# gives a reader: a genus with its epithet is no entity, an Arabic article
# stays in its name, a city's team and a camel-cased company are
# organisations, a named body and the place after it are two entities, a
# route between two places is a place, and so on.
. "$top_srcdir/tests/lib.sh"

# tagged TEXT: the entities margo finds in TEXT, one "TYPE text" a line
# (TEXT must need no JSON escaping).
tagged() {
	printf '{"id":1,"text":"%s"}\n' "$1" | "$MARGO" tag |
		grep -o '"type":"[A-Z]*","text":"[^"]*"' |
		sed 's/"type":"\([A-Z]*\)","text":"\(.*\)"/\1 \2/'
}

out=$(tagged "Gli studiosi hanno isolato Helicobacter pylori nello stomaco. Secondo loro Helicobacter resiste a lungo.")
is "$out" "" "a genus and its Latin epithet are no entity, nor the genus alone later"

out=$(tagged "Il ministro ha incontrato Khalid al-Rashidi ieri a Baghdad.")
like "$out" "^PER Khalid al-Rashidi$" "an Arabic article stays inside the name it belongs to"

out=$(tagged "Ieri sera i Chicago Cubs hanno battuto la squadra di casa.")
like "$out" "^ORG Chicago Cubs$" "a city with a plural after it is its team"

out=$(tagged "L'azienda ha scelto TeleBridge per il servizio di assistenza.")
like "$out" "^ORG TeleBridge$" "a camel-cased word is a company, not a person"

out=$(tagged "Il direttore dell'Istituto Martinelli di Bergamo ha parlato ieri.")
is "$out" "ORG Istituto Martinelli
LOC Bergamo" "a named institute and the town after it are two entities"

out=$(tagged "Il sindaco di Bergamo ha parlato.")
like "$out" "^LOC Bergamo$" "(a plain town after di is still a place)"

out=$(tagged "La ferrovia Torino-Ceres resterà chiusa fino a lunedì.")
like "$out" "^LOC Torino-Ceres$" "a route from a known place is a place"

out=$(tagged "L'incidente è avvenuto sulla strada per Brembate (BG) nella notte.")
is "$out" "LOC Brembate
LOC BG" "a town with its province's code in brackets: both places"

out=$(tagged "Al congresso ha parlato il deputato Miccoli (PD) per un'ora.")
unlike "$out" "^LOC Miccoli$" "a person with a party's letters after him stays a person"

out=$(tagged "Corvin Wrenfield ha vinto il premio. La lettera è stata spedita a Wrenfield ieri. Wrenfield ha ringraziato tutti.")
is "$out" "PER Corvin Wrenfield
PER Wrenfield
PER Wrenfield" "the surname of a full name in the text is that person, even after a"

out=$(tagged "Ieri la Notte Bianca ha richiamato migliaia di persone in centro.")
is "$out" "" "two capitalised words after an article, confirmed nowhere, are no organisation"

out=$(tagged "Ieri Zapster! ha annunciato un accordo con la banca. Grazie Gianni! Domani si replica.")
like "$out" "^[A-Z]+ Zapster!$" "a name that ends in ! inside the sentence keeps it"
like "$out" "^PER Gianni$" "an exclamation at the end of a sentence is not part of the name"

out=$(tagged "Un tamponamento sulla A14 ha bloccato il traffico per ore.")
like "$out" "^LOC A14$" "A and a number: a motorway"

out=$(tagged "Ieri il Consiglio consultivo ha votato la proposta.")
like "$out" "^ORG Consiglio consultivo$" "an institution takes the adjectives that name it"

out=$(tagged "Sono state controllate le centrali di Flamanville, Cattenom, Golfech e Penly in due giorni.")
is "$out" "LOC Flamanville
LOC Cattenom
LOC Golfech
LOC Penly" "a list of unknown names follows its one member typed by context"

out=$(tagged "I soldati sono partiti dalla Lusazia e dal Wiltshire dopo un mese.")
like "$out" "^LOC Lusazia$" "a region's Italian ending makes a place"
like "$out" "^LOC Wiltshire$" "so does -shire"

text="Calcio: stasera Milan - Torino e domani Inter - Fiorentina, due partite decisive per la classifica del campionato. In città intanto la festa è continuata fino a notte fonda tra canti, bandiere e caroselli di automobili lungo le strade del centro storico e nei quartieri della periferia, dove molte famiglie avevano seguito gli eventi davanti ai maxischermi allestiti dal comune per l'occasione."
out=$(tagged "$text")
like "$out" "^ORG Torino$" "in a match against a team a city is a team"
text="Ciclismo: domenica si corre Parigi - Roubaix, la gara più dura della stagione, con il gol di arrivare primi al velodromo. La squadra ha provato il percorso sotto la pioggia mentre in città la festa continuava fino a notte fonda tra canti, bandiere e caroselli di automobili lungo le strade del centro storico e nei quartieri della periferia, dove molte famiglie avevano seguito la partita."
out=$(tagged "$text")
is "$out" "LOC Parigi
LOC Roubaix" "a race between two places keeps them places"

out=$(tagged "Zentrax ha chiuso il bilancio in attivo. Le azioni di Zentrax sono salite del tre per cento. Zentrax assumerà cento persone e Zentrax aprirà una sede.")
is "$(printf '%s\n' "$out" | sort -u)" "ORG Zentrax" "a name written on its own three times and once after di is a company, not a place"

out=$(tagged "Fonte: http://www.esempio.it/Sport-Vari/Boxe/articolo.html e www.Notizie.it/Roma, lette ieri.")
is "$out" "" "the words of a web address are no entities"

out=$(tagged "La rotta passa per la città di Tripoli e per il porto di Bengasi.")
like "$out" "^LOC Tripoli$" "(a place in an ordinary sentence is still found)"

out=$(tagged "Non ha avuto torto Óscar de la Hoya, ritirato da anni, e Leonardo da Vinci lo sapeva.")
like "$out" "^PER Óscar de la Hoya$" "a first name, then a surname with its particles in small letters"
like "$out" "^PER Leonardo da Vinci$" "(da as well)"

out=$(tagged "Il treno della compagnia ferroviaria spagnola Velotren è partito da Madrid.")
like "$out" "^ORG Velotren$" "a company word, then its adjectives, then the name: an organisation"

out=$(tagged "Razzismo e cronologia dei fatti. Trasferitosi a Roma, ha aperto un negozio.")
unlike "$out" "Razzismo|Trasferitosi" "an ordinary word at the start of a sentence, by its ending, is no name"

out=$(tagged "Il server ha bloccato l'indirizzo IP e il codice HTML della pagina.")
is "$out" "" "acronyms of things (IP, HTML) are no organisations"

out=$(tagged "Il documentario Public Statement ha vinto il premio Best Video a Londra.")
unlike "$out" "Public Statement|Best Video" "a run of common English words is a title, not a person"

out=$(tagged "Lo riferisce l'agenzia di stampa giapponese Korinda, citando fonti locali.")
like "$out" "^ORG Korinda$" "an organisation's word with its common noun, then the name"

out=$(tagged "Da oggi Wikicomunità in lingua italiana accoglie i primi corsi, e il progetto Wikiviaggi cresce.")
like "$out" "^ORG Wikicomunità$" "a wiki project is an organisation, also with the ending of a common noun"
like "$out" "^ORG Wikiviaggi$" "(and not a place or a person)"

out=$(tagged "Domenica gioca U.S.D. Sangiorgese, e i tifosi della S.S. Lazio sono in viaggio.")
like "$out" "^ORG S.S. Lazio$" "the dotted initials of a sports club make its name an organisation"
like "$out" "^ORG U.S.D. Sangiorgese$" "(also before a name margo does not know)"

out=$(tagged "La frana ha colpito Borgo San Lorenzo (FI), mentre i consiglieri della Liguria (FI) e delle Marche (PD) discutono.")
is "$out" "LOC Borgo San Lorenzo
LOC FI
LOC Liguria
ORG FI
LOC Marche
ORG PD" "a province's code that is also a party's acronym is a place after a town, the party after a region"

out=$(tagged "I tifosi della Lazio hanno invaso il campo, mentre nel Lazio piove.")
is "$out" "ORG Lazio
LOC Lazio" "a region with a masculine name and a feminine article is its team"

out=$(tagged "Ieri è stato annunciato l'acquisto di Brentax per due miliardi. Le azioni di Brentax sono salite molto.")
is "$out" "ORG Brentax
ORG Brentax" "a name after the purchase of is a company, and so is the same name elsewhere in the text"

out=$(tagged "Il bollettino emesso dalla Santa Sede parla di un lieve miglioramento.")
like "$out" "^ORG Santa Sede$" "the Holy See is an organisation, not a place"

out=$(tagged "Al Palio di luglio la contrada vincitrice festeggia, mentre Tartuca e Valdimontone restano a guardare.")
is "$out" "DATE luglio
ORG Tartuca
ORG Valdimontone" "in a text about the Palio the contrade of Siena are organisations"

out=$(tagged "Lo chef Anselmo Tartuca di Milano ha chiuso il suo ristorante.")
unlike "$out" "^ORG" "(elsewhere the same word is not one)"
out=$(tagged "Al festival hanno suonato i Moonriders, poi il pubblico ha chiesto i bis.")
like "$out" "^ORG Moonriders$" "a foreign plural after a plural article is a band"

out=$(tagged "La squadra ha perso la partita in casa: il Zuiderveld ha segnato due gol nel campionato e ha vinto la sfida.")
like "$out" "^ORG Zuiderveld$" "an unknown name after il in a text about sport is a club"

out=$(tagged "Lo studio è dell'università di Groningen e della fondazione Vandermeer, in Olanda.")
like "$out" "^ORG università di Groningen$" "a lower-case university with its name is one organisation"
like "$out" "^ORG fondazione Vandermeer$" "(a foundation too)"

out=$(tagged "La legge è stata firmata dal capo dello Stato ieri sera.")
like "$out" "^ORG Stato$" "the state of capo dello Stato is an institution"

out=$(tagged "La decisione sarà presa dal cda della società a gennaio.")
like "$out" "^ORG cda$" "a board written cda is an organisation"

out=$(tagged "La delegazione ha parlato davanti alla Commissione internazionale per la tutela delle foreste, riunita a Oslo.")
like "$out" "^ORG Commissione internazionale per la tutela delle foreste$" "an institution keeps its purpose in small letters"
out=$(tagged "La squadra fu guidata dalla Nazionale inglese per quattro anni.")
like "$out" "^ORG Nazionale inglese$" "(but not a time after it)"

out=$(tagged "Il calendario della Supercoppa Zentrix La FIM ha pubblicato le date. Ne ha parlato Ignazio La Russa.")
like "$out" "^ORG FIM$" "a capitalised article inside a run starts the next name"
like "$out" "^PER Ignazio La Russa$" "(a person's surname keeps its particle)"

out=$(tagged "Il tribunale ha condannato Velox Italia s.r.l. e ha assolto la Tramont Inc., sua socia.")
like "$out" "^ORG Velox Italia s.r.l.$" "a company's form in small letters belongs to its name"
like "$out" "^ORG Tramont Inc.$" "(Inc. keeps its period)"

out=$(tagged "Il ricorso è stato respinto dal Tribunale fallimentare di Pescara e dalla commissione parlamentare.")
like "$out" "^ORG Tribunale fallimentare$" "an institution takes an adjective of its kind"
like "$out" "^ORG commissione parlamentare$" "(in small letters too)"

out=$(tagged "Il decreto è stato firmato al Ministero delle Foreste e dei Pascoli ieri mattina.")
like "$out" "^ORG Ministero delle Foreste e dei Pascoli$" "a ministry of two things is one name"
out=$(tagged "Sono intervenuti i Vigili del Fuoco e delle forze dell'ordine.")
like "$out" "^ORG Vigili del Fuoco$" "(but another body after e stays apart)"

out=$(tagged "Ha parlato il presidente della Uefa Lennart Johansson, poi il leader di ZLP Vandoli.")
like "$out" "^ORG Uefa$" "the body of a title, then the person who holds it: two entities"
like "$out" "^PER Lennart Johansson$" "(the person)"
like "$out" "^ORG ZLP$" "(an unknown acronym too)"

# A text with no spaces and a capital every three bytes: the look for a
# web address around each word is bounded, so this ends in seconds.
big=$TEST_TMP/nospace.jsonl
{ printf '{"id":1,"text":"'; head -c 3000000 /dev/zero | tr '\0' 'X' | sed 's/XXX/Ab,/g'; printf '"}\n'; } >"$big"
timeout 120 "$MARGO" tag <"$big" >"$TEST_TMP/nospace.out"
is "$?" 0 "a 3 MB text with no spaces is tagged"

done_testing
