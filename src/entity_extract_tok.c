/*
 * entity_extract_tok.c: the tokenizer of the entity extractor.
 *
 * One linear pass over canonical UTF-8 text gives words, numbers and
 * single punctuation characters, each with byte and code-point offsets,
 * a lower-case key (’ folded to ') and flags: capitalised, all capitals,
 * first word of a sentence, elided article ("dell'" of "dell'Onu", with
 * either apostrophe), initials ("W.") and dotted acronyms ("S.p.A.").
 * Hyphens between letters stay inside a word (Jong-un, Emilia-Romagna).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "entity_impl.h"

static bool is_wordc(ucs4_t c)
{
	return uc_is_alpha(c) || uc_is_digit(c) ||
	       uc_is_general_category(c, UC_CATEGORY_M);
}

static bool is_apos(ucs4_t c)
{
	return c == '\'' || c == 0x2019;
}

static bool is_hyph(ucs4_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static ucs4_t dec(const char *s, size_t n, size_t i, size_t *adv)
{
	if (i >= n) {
		*adv = 0;
		return 0;
	}
	ucs4_t c;
	int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
	*adv = k > 0 ? (size_t)k : 1;
	return c;
}

/* Articles and prepositions that elide before a vowel ("dell'", "l'"). */
static bool elision_prefix(const char *k, size_t n)
{
	static const char *const el[] = {
		"l", "un", "dell", "dall", "nell", "all", "sull", "coll", "d",
		"quest", "quell", "c", "n", "s", "m", "t", "v", "gl", "tutt",
		"anch", "com", "dov", "quand", "senz", "nessun", "ciascun",
		"qualcun", "alcun", "quant", "bell", "buon", "sott", "tr",
		"dev", "cos", "mezz", "pover", "grand",
	};
	for (size_t i = 0; i < sizeof el / sizeof el[0]; i++)
		if (strlen(el[i]) == n && memcmp(el[i], k, n) == 0)
			return true;
	return false;
}

static int push_key(struct tokvec *tv, const char *s, size_t n, struct tok *t)
{
	/* Lower case is at most 3 bytes per byte of input in UTF-8 terms
	 * for the scripts we meet; reserve generously. */
	size_t need = tv->klen + n * 3 + 8;
	if (need > tv->kcap) {
		size_t cap = tv->kcap ? tv->kcap : 1024;
		while (cap < need)
			cap *= 2;
		char *k = realloc(tv->keys, cap);
		if (!k)
			return -1;
		tv->keys = k;
		tv->kcap = cap;
	}
	size_t p = tv->klen, i = 0;
	while (i < n) {
		size_t adv;
		ucs4_t c = dec(s, n, i, &adv);
		i += adv;
		if (c == 0x2019)
			c = '\'';
		c = uc_tolower(c);
		int w = u8_uctomb((uint8_t *)tv->keys + p, c, 6);
		p += w > 0 ? (size_t)w : 0;
	}
	t->keyoff = (uint32_t)tv->klen;
	t->keylen = (uint32_t)(p - tv->klen);
	tv->keys[p] = '\0';
	tv->klen = p + 1;
	return 0;
}

static struct tok *push_tok(struct tokvec *tv)
{
	if (tv->n == tv->cap) {
		size_t cap = tv->cap ? tv->cap * 2 : 256;
		struct tok *t = realloc(tv->t, cap * sizeof *t);
		if (!t)
			return NULL;
		tv->t = t;
		tv->cap = cap;
	}
	struct tok *t = &tv->t[tv->n++];
	memset(t, 0, sizeof *t);
	return t;
}

/* Flags that depend on the letters of a word. */
static uint32_t word_flags(const char *s, size_t n)
{
	size_t i = 0, letters = 0, upper = 0, roman = 0;
	bool first = true, digit = false;
	uint32_t f = T_WORD;
	while (i < n) {
		size_t adv;
		ucs4_t c = dec(s, n, i, &adv);
		i += adv;
		if (uc_is_digit(c)) {
			digit = true;
			first = false;
			continue;
		}
		if (!uc_is_alpha(c))
			continue;
		letters++;
		bool up = uc_is_upper(c) || uc_is_property_titlecase(c);
		if (up)
			upper++;
		if (first && up)
			f |= T_CAP;
		first = false;
		if (c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C' || c == 'M')
			roman++;
	}
	if (digit) {
		f |= T_DIGIT;
		if (!letters)
			f = (f & ~T_WORD) | T_NUM;
	}
	if (letters >= 2 && upper == letters)
		f |= T_UPPER;
	if (letters && roman == letters && !digit)
		f |= T_ROMAN;
	return f;
}

int ent_tokenize(const struct entity_extractor *x, const char *s, size_t n,
                 struct tokvec *tv)
{
	tv->n = 0;
	tv->klen = 0;
	if (n >= UINT32_MAX)
		return -1;  /* offsets are kept in 32 bits */
	size_t i = 0, cp = 0;
	bool sent = true, nl = false, space = false;
	while (i < n) {
		size_t adv;
		ucs4_t c = dec(s, n, i, &adv);
		if (c == '\n') {
			nl = space = sent = true;
			i += adv;
			cp++;
			continue;
		}
		if (uc_is_space(c) || c == 0xA0 || c == 0x202F || c == '\t') {
			space = true;
			i += adv;
			cp++;
			continue;
		}
		size_t start = i, cpstart = cp;
		uint32_t extra = 0;
		if (is_wordc(c)) {
			size_t j = i + adv, jcp = cp + 1, a2, a3;
			size_t letters = uc_is_alpha(c) ? 1 : 0;
			bool dotted = false;
			for (;;) {
				ucs4_t d = dec(s, n, j, &a2);
				if (!a2)
					break;
				if (is_wordc(d)) {
					j += a2;
					jcp++;
					if (uc_is_alpha(d))
						letters++;
					continue;
				}
				ucs4_t e = dec(s, n, j + a2, &a3);
				if (is_hyph(d) && a3 && is_wordc(e) && !dotted) {
					j += a2 + a3;
					jcp += 2;
					continue;
				}
				if (is_apos(d) && a3 && uc_is_alpha(e) && !dotted) {
					/* Elided article: the apostrophe ends the token. */
					char low[16];
					size_t ln = 0, q = start;
					bool fit = j - start < sizeof low;
					while (fit && q < j) {
						size_t aa;
						ucs4_t cc = uc_tolower(dec(s, n, q, &aa));
						if (cc >= 0x80) {
							fit = false;
							break;
						}
						low[ln++] = (char)cc;
						q += aa;
					}
					bool upper_next = uc_is_upper(e);
					/* "D'Alema", and "Dell'Utri" inside a sentence. */
					size_t a6;
					bool dname = upper_next && uc_is_upper(dec(s, n, start, &a6)) &&
					             ((ln == 1 && low[0] == 'd') || !sent);
					if (fit && elision_prefix(low, ln) && !dname) {
						j += a2;
						jcp++;
						extra |= T_ELISION;
						break;
					}
					j += a2 + a3;
					jcp += 2;
					continue;
				}
				/* Initials and dotted acronyms: "W.", "S.p.A.", "U.S.A." */
				if (d == '.' && letters >= 1) {
					size_t run = 0, q = j;
					/* letters since the last period */
					while (q > start) {
						size_t back = q - 1;
						while (back > start && ((unsigned char)s[back] & 0xC0) == 0x80)
							back--;
						if (s[back] == '.')
							break;
						run++;
						q = back;
					}
					size_t a5;
					bool single_cap = run == 1 && uc_is_upper(dec(s, n, q, &a5));
					bool next_letter = a3 && uc_is_alpha(e);
					ucs4_t f2 = 0;
					size_t a4 = 0;
					if (next_letter)
						f2 = dec(s, n, j + a2 + a3, &a4);
					bool next_group = next_letter && (f2 == '.' ||
					        (uc_is_alpha(f2) && dec(s, n, j + a2 + a3 + a4, &a4) == '.'));
					if (run <= 2 && (next_group || dotted)) {
						j += a2;
						jcp++;
						dotted = true;
						continue;
					}
					if (single_cap && !dotted) {
						j += a2;
						jcp++;
						extra |= T_INITIAL;
						break;
					}
				}
				if (d == 0xB0 && letters == 0) {   /* 1° */
					j += a2;
					jcp++;
				}
				break;
			}
			if (dotted)
				extra |= T_DOTTED;
			struct tok *t = push_tok(tv);
			if (!t)
				return -1;
			t->start = (uint32_t)start;
			t->end = (uint32_t)j;
			t->cps = (uint32_t)cpstart;
			t->cpe = (uint32_t)jcp;
			t->flags = word_flags(s + start, j - start) | extra;
			if (extra & T_ELISION)
				t->flags &= ~(uint32_t)T_CAP;
			if (sent)
				t->flags |= T_SENT;
			if (extra & T_ELISION) {
				/* "L'Italia": the name after it starts the sentence. */
			} else {
				sent = false;
			}
			i = j;
			cp = jcp;
		} else {
			struct tok *t = push_tok(tv);
			if (!t)
				return -1;
			t->start = (uint32_t)i;
			t->end = (uint32_t)(i + adv);
			t->cps = (uint32_t)cp;
			t->cpe = (uint32_t)(cp + 1);
			t->flags = T_PUNCT;
			i += adv;
			cp++;
			if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':') {
				bool abbr = false;
				if (c == '.' && tv->n >= 2) {
					const struct tok *p = &tv->t[tv->n - 2];
					abbr = (p->cue & CUE_ABBR) && p->end == t->start;
				}
				if (!abbr)
					sent = true;
			} else if ((c == '-' || c == 0x2013 || c == 0x2014) && space &&
			           (i >= n || s[i] == ' ')) {
				sent = true;
			}
		}
		struct tok *t = &tv->t[tv->n - 1];
		if (nl)
			t->flags |= T_NL;
		if (space)
			t->flags |= T_SPACE;
		nl = space = false;
		if (push_key(tv, s + t->start, t->end - t->start, t) < 0)
			return -1;
		uint32_t lo = 0, hi = 0;
		if (x && (t->flags & T_WORD)) {
			lex_map_get(&x->cues, tok_key(tv, tv->n - 1), t->keylen, &lo);
			lex_map_get(&x->cues_hi, tok_key(tv, tv->n - 1), t->keylen, &hi);
		}
		t->cue = (uint64_t)hi << 32 | lo;
	}
	return 0;
}

void ent_tokvec_free(struct tokvec *tv)
{
	free(tv->t);
	free(tv->keys);
	memset(tv, 0, sizeof *tv);
}
