/*
 * search_stop.c: Italian and English stop words, folded (no accents, lower
 * case) and unstemmed, as the tokenizer gives them before stemming.
 *
 * Snowball's Italian and English lists, plus the elided forms the
 * tokenizer cuts off at apostrophes ("dell", "quest", "c" of c'è, "po" of
 * un po') and a few frequent adverbs and conjunctions.  Words that carry
 * meaning in news ("stato", "secondo", "governo") are not stop words.
 * The table must stay sorted by bytes (as `LC_ALL=C sort` does): it is
 * searched by bisection.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/search.h"

static const char *const stop_words[] = {
	"a", "abbia", "abbiamo", "abbiano", "abbiate", "about", "above", "ad",
	"after", "again", "against", "agl", "agli", "ai", "ain", "al", "all", "alla",
	"alle", "allo", "altra", "altre", "altri", "altro", "am", "an", "anch",
	"anche", "ancora", "and", "any", "are", "aren", "as", "at", "avemmo",
	"avendo", "avere", "avesse", "avessero", "avessi", "avessimo", "aveste",
	"avesti", "avete", "aveva", "avevamo", "avevano", "avevate", "avevi", "avevo",
	"avra", "avrai", "avranno", "avrebbe", "avrebbero", "avrei", "avremmo",
	"avremo", "avreste", "avresti", "avrete", "avro", "avuta", "avute", "avuti",
	"avuto", "be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "c", "can", "ch", "che", "chi", "ci", "cioe", "coi",
	"col", "com", "come", "con", "contro", "cos", "cosi", "couldn", "cui", "d",
	"da", "dagl", "dagli", "dai", "dal", "dall", "dalla", "dalle", "dallo",
	"degl", "degli", "dei", "del", "dell", "della", "delle", "dello", "di", "did",
	"didn", "do", "does", "doesn", "doing", "don", "dopo", "dov", "dove", "down",
	"during", "e", "each", "ebbe", "ebbero", "ebbi", "ecc", "ed", "era", "erano",
	"eravamo", "eravate", "eri", "ero", "essendo", "essere", "faccia", "facciamo",
	"facciano", "facciate", "faccio", "facemmo", "facendo", "facesse",
	"facessero", "facessi", "facessimo", "faceste", "facesti", "faceva",
	"facevamo", "facevano", "facevate", "facevi", "facevo", "fai", "fanno",
	"fara", "farai", "faranno", "fare", "farebbe", "farebbero", "farei",
	"faremmo", "faremo", "fareste", "faresti", "farete", "faro", "fece", "fecero",
	"feci", "few", "for", "fosse", "fossero", "fossi", "fossimo", "foste",
	"fosti", "fra", "from", "fu", "fui", "fummo", "furono", "further", "gia",
	"gli", "ha", "had", "hadn", "hai", "hanno", "has", "hasn", "have", "haven",
	"having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
	"ho", "how", "i", "if", "il", "in", "into", "io", "is", "isn", "it", "its",
	"itself", "just", "l", "la", "le", "lei", "li", "ll", "lo", "loro", "lui",
	"m", "ma", "me", "mentre", "mi", "mia", "mie", "miei", "mightn", "mio",
	"molta", "molte", "molti", "molto", "more", "most", "mustn", "my", "myself",
	"n", "ne", "needn", "negl", "negli", "nei", "nel", "nell", "nella", "nelle",
	"nello", "no", "noi", "non", "nonche", "nor", "nostra", "nostre", "nostri",
	"nostro", "not", "now", "o", "of", "off", "ogni", "oltre", "on", "once",
	"only", "oppure", "or", "other", "our", "ours", "ourselves", "out", "over",
	"ovvero", "own", "per", "perche", "pero", "piu", "po", "poco", "poi",
	"presso", "qua", "qual", "quale", "quali", "quando", "quanta", "quante",
	"quanti", "quanto", "quegli", "quei", "quel", "quell", "quella", "quelle",
	"quelli", "quello", "quest", "questa", "queste", "questi", "questo", "qui",
	"re", "s", "same", "sara", "sarai", "saranno", "sarebbe", "sarebbero",
	"sarei", "saremmo", "saremo", "sareste", "saresti", "sarete", "saro", "se",
	"sei", "senza", "shan", "she", "should", "shouldn", "si", "sia", "siamo",
	"siano", "siate", "siete", "so", "some", "sono", "sopra", "sotto", "sta",
	"stai", "stando", "stanno", "stara", "starai", "staranno", "starebbe",
	"starebbero", "starei", "staremmo", "staremo", "stareste", "staresti",
	"starete", "staro", "stava", "stavamo", "stavano", "stavate", "stavi",
	"stavo", "stemmo", "stessa", "stesse", "stessero", "stessi", "stessimo",
	"stesso", "steste", "stesti", "stette", "stettero", "stetti", "stia",
	"stiamo", "stiano", "stiate", "sto", "su", "sua", "such", "sue", "sugl",
	"sugli", "sui", "sul", "sull", "sulla", "sulle", "sullo", "suo", "suoi", "t",
	"tanta", "tante", "tanti", "tanto", "than", "that", "the", "their", "theirs",
	"them", "themselves", "then", "there", "these", "they", "this", "those",
	"through", "ti", "to", "too", "tra", "tu", "tua", "tue", "tuo", "tuoi",
	"tutta", "tutte", "tutti", "tutto", "un", "una", "under", "uno", "until",
	"up", "v", "ve", "verso", "very", "vi", "voi", "vostra", "vostre", "vostri",
	"vostro", "was", "wasn", "we", "were", "weren", "what", "when", "where",
	"which", "while", "who", "whom", "why", "will", "with", "won", "wouldn", "y",
	"you", "your", "yours", "yourself", "yourselves",
};

#define N_STOP (sizeof stop_words / sizeof stop_words[0])

struct key {
	const char *s;
	size_t len;
};

/* Byte order of a (pointer, length) key against a table word. */
static int cmp_key(const void *k, const void *e)
{
	const struct key *a = k;
	const char *b = *(const char *const *)e;
	size_t bl = strlen(b);
	int c = memcmp(a->s, b, a->len < bl ? a->len : bl);
	if (c)
		return c;
	return a->len < bl ? -1 : a->len > bl;
}

bool search_is_stopword(const char *folded, size_t len)
{
	struct key k = { folded, len };
	if (!folded || !len || len > 16)
		return false;
	return bsearch(&k, stop_words, N_STOP, sizeof stop_words[0], cmp_key) != NULL;
}
