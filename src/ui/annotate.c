/*
 * annotate.c: annotating by keyboard.
 *
 * `v` starts a selection on the sentence at the cursor; `w` and `b` move
 * its end by a word, `)` and `(` by a sentence, `}` and `{` by a
 * paragraph (never inside a grapheme cluster); Esc cancels.  `a` asks for
 * tags and saves at once (the selection, or the sentence at the cursor).
 * `t` changes the tags of an annotation; `u` undoes the last change
 * (the library's journal).  The list (A) is in
 * annot_view.c.  Each change is its own short
 * transaction in the library.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "margo/store_journal.h"
#include "margo/i18n.h"
#include "mouse.h"
#include "ui.h"

/* ---- the spans of the open article --------------------------------------- */

void annotate_free(struct ui *ui)
{
	struct text_state *t = &ui->text;
	for (size_t i = 0; i < t->n_annots; i++) {
		free(t->annots[i].id);
		free(t->annots[i].tags);
		free(t->annots[i].note);
		store_annot_links_free(t->annots[i].links, t->annots[i].n_links);
	}
	free(t->annots);
	t->annots = NULL;
	t->n_annots = 0;
}

/* The colours an annotation may have, with their keys; the first is the
 * default, stored as no colour. */
static const struct {
	const char *name;
	int key;
	enum ui_role role;
} colors[] = {
	{ "green", 'g', ROLE_ANNOT }, { "yellow", 'y', ROLE_ANNOT_YELLOW },
	{ "blue", 'b', ROLE_ANNOT_BLUE }, { "red", 'r', ROLE_ANNOT_RED },
	{ "magenta", 'm', ROLE_ANNOT_MAGENTA },
};

enum ui_role annotate_role_of(const char *name)
{
	for (size_t i = 0; name && i < sizeof colors / sizeof *colors; i++)
		if (strcmp(colors[i].name, name) == 0)
			return colors[i].role;
	return ROLE_ANNOT;
}

const char *annotate_color_name(const struct annot_span *a)
{
	for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
		if ((int)colors[i].role == a->role)
			return colors[i].name;
	return colors[0].name;
}

static int collect_span(void *ctx, const struct store_annot_row *r)
{
	struct ui *ui = ctx;
	struct text_state *t = &ui->text;
	if (!r->in_place)
		return 0;  /* fuzzy misses and orphans are for the list, not the text */
	struct annot_span *v = realloc(t->annots, (t->n_annots + 1) * sizeof *v);
	if (!v)
		return -1;
	t->annots = v;
	struct annot_span *s = &v[t->n_annots];
	s->start = (size_t)r->bstart;
	s->end = (size_t)r->bend;
	s->id = util_strdup(r->id);
	s->tags = util_strdup(r->tags);
	s->note = util_strdup(r->note);
	s->role = ROLE_ANNOT;
	s->links = NULL;
	s->n_links = 0;
	s->links_read = false;
	s->anchor = r->anchor;
	for (size_t i = 0; r->color && i < sizeof colors / sizeof *colors; i++)
		if (strcmp(r->color, colors[i].name) == 0)
			s->role = colors[i].role;
	t->n_annots++;
	return s->id && s->tags && s->note ? 0 : -1;
}

/* By start; of two that start together the longer first (it holds the
 * other), then by id: the order the chooser lists them in. */
static int by_start(const void *a, const void *b)
{
	const struct annot_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return strcmp(x->id, y->id);
}

void annotate_load(struct ui *ui)
{
	annotate_free(ui);
	if (!ui->text.loaded)
		return;
	if (store_annot_each_anchored(ui->st, ui->text.art.id, collect_span, ui) != 0)
		ui_message(ui, true, "cannot read the annotations: %s", store_errmsg(ui->st));
	if (ui->text.n_annots)
		qsort(ui->text.annots, ui->text.n_annots, sizeof *ui->text.annots, by_start);
}

const struct annot_span *annotate_at_cursor(const struct ui *ui)
{
	const struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences)
		return NULL;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	for (size_t i = 0; i < t->n_annots; i++)
		if (!t->annots[i].anchor && t->annots[i].start < s->end && t->annots[i].end > s->start)
			return &t->annots[i];
	return NULL;
}

size_t annotate_here(struct ui *ui, bool anchors, bool linked, size_t **out)
{
	struct text_state *t = &ui->text;
	*out = NULL;
	if (!t->loaded || !t->art.n_sentences || !t->n_annots)
		return 0;
	size_t s = t->art.sentences[t->cursor].start, e = t->art.sentences[t->cursor].end;
	if (t->selecting) {
		s = t->sel_anchor < t->sel_head ? t->sel_anchor : t->sel_head;
		e = t->sel_anchor < t->sel_head ? t->sel_head : t->sel_anchor;
	}
	size_t n = 0;
	if (!(*out = malloc(t->n_annots * sizeof **out)))
		return 0;
	for (size_t i = 0; i < t->n_annots; i++) {
		const struct annot_span *a = &t->annots[i];
		size_t nl = 0;
		if ((a->anchor && !anchors) || a->start >= e || a->end <= s)
			continue;
		if (linked && (annotate_links(ui, a, &nl), nl == 0))
			continue;
		(*out)[n++] = i;
	}
	return n;
}

/* How an annotation is named in the chooser: its tags, else the first
 * line of its note, else its first words (at most `cells` cells). */
static char *span_label(const struct ui *ui, const struct annot_span *a, int cells)
{
	const char *text = a->tags, *end;
	size_t len;
	if (a->anchor)
		text = "link end";
	if (!*text && *a->note) {
		text = a->note;
	} else if (!*text) {
		text = ui->text.art.body + a->start;
		len = a->end - a->start;
		return text_render(text, len, 0, cells, NULL);
	}
	end = strchr(text, '\n');
	len = end ? (size_t)(end - text) : strlen(text);
	char *shown = text_render(text, len, 0, cells, NULL);
	if (!shown || !*a->tags || a->anchor)
		return shown;
	char *bracketed = util_printf("[%s]", shown);
	free(shown);
	return bracketed;
}

const struct annot_span *annotate_choose(struct ui *ui, bool anchors, bool linked, bool *asked)
{
	size_t *at = NULL;
	size_t n = annotate_here(ui, anchors, linked, &at);
	*asked = false;
	if (n <= 1) {
		const struct annot_span *one = n ? &ui->text.annots[at[0]] : NULL;
		free(at);
		return one;
	}
	*asked = true;
	struct buf q = { 0 }, keys = { 0 };
	buf_puts(&q, "Which annotation?");
	int each = n > 3 ? 12 : 20;  /* cells of each label */
	for (size_t i = 0; i < n && i < 9; i++) {
		char *label = span_label(ui, &ui->text.annots[at[i]], each);
		buf_printf(&q, " %zu %s;", i + 1, label ? label : "?");
		free(label);
		buf_putc(&keys, (char)('1' + i));
	}
	buf_puts(&q, " (Esc cancels)");
	int c = q.data && keys.data ? prompt_choice(ui, q.data, keys.data) : 0;
	buf_free(&q);
	buf_free(&keys);
	const struct annot_span *pick = c ? &ui->text.annots[at[c - '1']] : NULL;
	free(at);
	return pick;
}

void annotate_delete_here(struct ui *ui)
{
	bool asked;
	const struct annot_span *a = annotate_choose(ui, false, false, &asked);
	if (!a) {
		ui_message(ui, false, asked ? "nothing deleted"
		                            : "no annotation at the cursor: a annotates, A lists them");
		return;
	}
	char *id = util_strdup(a->id), *err = NULL;
	if (!id || store_annot_set_deleted(ui->st, id, true, &err) < 0) {
		ui_message(ui, true, "%s", err ? err : "out of memory");
	} else {
		ui_message(ui, false, "annotation deleted (u takes it back)");
	}
	free(err);
	free(id);
	annotate_load(ui);
}

const struct store_annot_linked *annotate_links(struct ui *ui, const struct annot_span *a,
                                                size_t *n)
{
	struct annot_span *s = &ui->text.annots[a - ui->text.annots];
	if (!s->links_read) {
		s->links_read = true;
		if (store_annot_links(ui->st, s->id, &s->links, &s->n_links) < 0) {
			store_annot_links_free(s->links, s->n_links);
			s->links = NULL;
			s->n_links = 0;
		}
	}
	*n = s->n_links;
	return s->links;
}

enum ui_role annotate_role_at(const struct ui *ui, size_t pos)
{
	const struct text_state *t = &ui->text;
	enum ui_role role = ROLE_NORMAL;
	for (size_t i = 0; i < t->n_annots; i++)  /* sorted by start */
		if (!t->annots[i].anchor && pos >= t->annots[i].start && pos < t->annots[i].end)
			role = (enum ui_role)t->annots[i].role;
	return role;
}

void annotate_color(struct ui *ui, const char *id)
{
	int c = prompt_choice(ui, "Colour: g green, y yellow, b blue, r red, m magenta (Esc cancels)",
	                      "gybrm");
	if (!c) {
		ui_message(ui, false, "the colour is unchanged");
		return;
	}
	const char *name = NULL;
	for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
		if (colors[i].key == c)
			name = colors[i].name;
	char *err = NULL;
	/* The default is stored as none, so a later default follows. */
	if (store_annot_set_color(ui->st, id, strcmp(name, colors[0].name) ? name : NULL, &err) < 0)
		ui_message(ui, true, "%s", err ? err : "out of memory");
	else
		ui_message(ui, false, "colour: %s", name);
	free(err);
	annotate_load(ui);
}

/* ---- selecting ----------------------------------------------------------------- */

void annotate_start_selection(struct ui *ui)
{
	struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences)
		return;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	t->selecting = true;
	t->sel_anchor = s->start;
	t->sel_head = s->end;
	ui_message(ui, false, "selecting: w b ( ) { } move its end, a annotates, Esc cancels");
}

/* Mouse (mouse.c): a drag in the text selects [anchor, head), as v does. */
void annotate_select_span(struct ui *ui, size_t anchor, size_t head)
{
	struct text_state *t = &ui->text;
	if (!t->loaded || anchor == head || anchor > t->art.body_len || head > t->art.body_len) {
		t->selecting = false;  /* none, or not of this article's text */
		return;
	}
	if (!t->selecting)
		ui_message(ui, false, _("selecting: a annotates, Esc cancels"));
	t->selecting = true;
	t->sel_anchor = anchor;
	t->sel_head = head;
}

void annotate_select_mention(struct ui *ui)
{
	struct text_state *t = &ui->text;
	size_t at = 0;
	bool known;
	int64_t entity = text_pane_entity_at_cursor(ui, &at, &known);
	for (size_t i = 0; entity && known && i < t->n_mentions; i++) {
		const struct store_mention *m = &t->mentions[i];
		if (m->start == at) {
			t->selecting = true;
			t->sel_anchor = m->start;
			t->sel_head = m->end;
			ui_message(ui, false, "selected a mention: a annotates, w b extend, Esc cancels");
			return;
		}
	}
	ui_message(ui, false, "no entity mention in the sentence at the cursor");
}

/* Is the code point at byte i of the body a letter or digit? */
static bool word_char(const struct text_state *t, size_t i)
{
	ucs4_t c;
	if (i >= t->art.body_len)
		return false;
	u8_mbtouc(&c, (const uint8_t *)t->art.body + i, t->art.body_len - i);
	return uc_is_alnum(c) || c == '\'' || c == 0x2019;
}

/* The end of the next word after byte `pos`, or the start of the word
 * before it, on grapheme boundaries. */
static size_t word_step(const struct text_state *t, size_t pos, int dir)
{
	const char *b = t->art.body;
	size_t len = t->art.body_len;
	if (dir > 0) {
		while (pos < len && !word_char(t, pos))
			pos = text_grapheme_next(b, len, pos);
		while (pos < len && word_char(t, pos))
			pos = text_grapheme_next(b, len, pos);
		return pos;
	}
	while (pos > 0 && !word_char(t, text_grapheme_prev(b, len, pos)))
		pos = text_grapheme_prev(b, len, pos);
	while (pos > 0 && word_char(t, text_grapheme_prev(b, len, pos)))
		pos = text_grapheme_prev(b, len, pos);
	return pos;
}

/* The next sentence or paragraph boundary after (or before) `pos`. */
static size_t unit_step(const struct text_state *t, size_t pos, int dir, bool para)
{
	size_t n = para ? t->art.n_paras : t->art.n_sentences;
	for (size_t k = 0; k < n; k++) {
		size_t i = dir > 0 ? k : n - 1 - k;
		size_t s = para ? t->art.paras[i].start : t->art.sentences[i].start;
		size_t e = para ? t->art.paras[i].end : t->art.sentences[i].end;
		if (dir > 0 && e > pos)
			return e;
		if (dir < 0 && e < pos)
			return e > s ? e : s;
	}
	return dir > 0 ? t->art.body_len : 0;
}

bool annotate_key(struct ui *ui, int key)
{
	struct text_state *t = &ui->text;
	if (!t->selecting || ui->focus != LAYOUT_TEXT)
		return false;
	size_t h = t->sel_head;
	switch (key) {
	case 'w': h = word_step(t, h, 1); break;
	case 'b': h = word_step(t, h, -1); break;
	case ')': h = unit_step(t, h, 1, false); break;
	case '(': h = unit_step(t, h, -1, false); break;
	case '}': h = unit_step(t, h, 1, true); break;
	case '{': h = unit_step(t, h, -1, true); break;
	case 27:
	case 'v':
		t->selecting = false;
		ui_message(ui, false, "selection cancelled");
		return true;
	default:
		return false;  /* a, q, the page keys ... as usual */
	}
	if (h != t->sel_anchor)
		t->sel_head = h;
	text_pane_goto_offset(ui, t->sel_head > 0 ? t->sel_head - 1 : 0);
	return true;
}

/* ---- annotating ------------------------------------------------------------------ */

static void annotate_span(struct ui *ui, size_t cs, size_t ce, const char *initial);

void annotate_selection(struct ui *ui)
{
	struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences)
		return;
	size_t s, e;
	if (t->selecting) {
		s = t->sel_anchor < t->sel_head ? t->sel_anchor : t->sel_head;
		e = t->sel_anchor < t->sel_head ? t->sel_head : t->sel_anchor;
	} else {
		s = t->art.sentences[t->cursor].start;
		e = t->art.sentences[t->cursor].end;
	}
	/* No blank at either end of what is annotated. */
	const char *p = t->art.body + s;
	size_t n = text_trim(&p, e - s);
	s = (size_t)(p - t->art.body);
	e = s + n;
	if (s >= e)
		return;
	size_t cs = text_cp_count(t->art.body, s), ce = cs + text_cp_count(t->art.body + s, e - s);
	if (ui->reattach) {
		/* An orphan waiting for its new place: this is it. */
		char *err = NULL;
		if (store_annot_place(ui->st, ui->reattach, true, cs, ce, &err) < 0) {
			ui_message(ui, true, "%s", err ? err : "out of memory");
		} else {
			t->selecting = false;
			annotate_load(ui);
			ui_message(ui, false, "re-attached here");
		}
		free(err);
		free(ui->reattach);
		ui->reattach = NULL;
		return;
	}
	annotate_span(ui, cs, ce, NULL);
}

/* Tab in the tags prompt: the last tag typed, completed from the codebook
 * as far as the tags that begin like it agree; several are listed. */
static char *complete_tag(struct ui *ui, const char *text)
{
	const char *comma = strrchr(text, ',');
	const char *word = comma ? comma + 1 : text;
	while (*word == ' ')
		word++;
	size_t wl = strlen(word);
	char **names;
	int64_t *counts;
	size_t n;
	if (store_tags(ui->st, &names, &counts, &n) < 0)
		return NULL;
	const char *first = NULL;
	size_t common = 0, matches = 0;
	struct buf list = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (strncmp(names[i], word, wl) != 0)
			continue;
		if (!first) {
			first = names[i];
			common = strlen(first);
		} else {
			size_t k = 0;
			while (k < common && names[i][k] == first[k])
				k++;
			common = k;
		}
		buf_printf(&list, "%s%s", matches++ ? ", " : "", names[i]);
	}
	char *out = NULL;
	if (matches) {
		/* Never cut a character in two. */
		while (common > wl && ((unsigned char)first[common] & 0xc0) == 0x80)
			common--;
		struct buf b = { 0 };
		buf_append(&b, text, (size_t)(word - text));
		buf_append(&b, first, common);
		out = buf_steal(&b);
		if (matches > 1)
			ui_message(ui, false, "tags: %s", list.data);
	}
	buf_free(&list);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(counts);
	return out;
}

/* Where a draft belongs: a span (code points) of an article, and whether
 * it is the note of the annotation there or the tags of a new one. */
struct draft_place {
	int64_t article;
	size_t span[2];
	bool note;
};

/* What a prompt hands over every few seconds: kept as a draft. */
static void save_draft(struct ui *ui, const char *text, void *ctx)
{
	const struct draft_place *d = ctx;
	if (store_annot_draft_save(ui->st, d->article, d->span[0], d->span[1], d->note, text) < 0)
		ui_message(ui, true, "cannot keep the draft: %s", store_errmsg(ui->st));
}

/* What was typed at this place and could not be saved, or NULL. */
static struct ui_unsaved *unsaved_at(struct ui *ui, const struct draft_place *d)
{
	for (size_t i = 0; i < ui->n_unsaved; i++) {
		struct ui_unsaved *u = &ui->unsaved[i];
		if (u->note == d->note && u->article == d->article &&
		    u->cs == d->span[0] && u->ce == d->span[1])
			return u;
	}
	return NULL;
}

static void unsaved_drop(struct ui *ui, struct ui_unsaved *u)
{
	if (!u)
		return;
	free(u->text);
	*u = ui->unsaved[--ui->n_unsaved];
}

/* A save failed: keep what was typed (in memory, and as the draft when the
 * library still takes that) and say so. */
static void keep_unsaved(struct ui *ui, const struct draft_place *d, const char *text,
                         const char *why)
{
	bool drafted = store_annot_draft_save(ui->st, d->article, d->span[0], d->span[1],
	                                      d->note, text) == 0;
	struct ui_unsaved *u = unsaved_at(ui, d);
	char *copy = util_strdup(text);
	if (!u && copy) {
		void *grown = util_grow(ui->unsaved, &ui->cap_unsaved, ui->n_unsaved,
		                        sizeof *ui->unsaved);
		if (grown) {
			ui->unsaved = grown;
			u = &ui->unsaved[ui->n_unsaved++];
			u->text = NULL;
		}
	}
	if (u && copy) {
		free(u->text);
		*u = (struct ui_unsaved){ d->note, d->article, d->span[0], d->span[1], copy };
	} else {
		free(copy);
	}
	/* Why first: on a narrow status line the reason is what must show. */
	ui_message(ui, true, "%s; kept%s (%s here retries)", why ? why : "not saved: out of memory",
	           drafted ? " as a draft" : "", d->note ? "c" : "a");
}

char *annotate_unsaved_at_exit(struct ui *ui)
{
	if (!ui->n_unsaved) {
		free(ui->unsaved);
		ui->unsaved = NULL;
		ui->cap_unsaved = 0;
		return NULL;
	}
	struct ui_unsaved *u = &ui->unsaved[ui->n_unsaved - 1];
	bool drafted = ui->n_unsaved == 1 &&
	               store_annot_draft_save(ui->st, u->article, u->cs, u->ce, u->note,
	                                      u->text) == 0;
	char *line = util_printf("not saved: the %s \xe2\x80\x9c%s\xe2\x80\x9d for article %lld, "
	                         "characters %zu-%zu%s", u->note ? "note" : "tags", u->text,
	                         (long long)u->article, u->cs, u->ce,
	                         drafted ? " (kept as a draft: offered at the next start)" : "");
	unsaved_drop(ui, u);
	return line;
}

/* Ask for the note of an annotation on the status line, where Ctrl-J
 * starts a new line; saved on Enter, drafted until then. */
static void note_span(struct ui *ui, const char *id, int64_t article, size_t cs, size_t ce,
                      const char *initial)
{
	struct draft_place d = { article, { cs, ce }, true };
	if (unsaved_at(ui, &d))
		initial = unsaved_at(ui, &d)->text;
	char *note = prompt_text_drafted(ui, "Note (Ctrl-J new line, Enter saves):", initial,
	                                 save_draft, &d);
	if (!note) {
		if (!ui_exit_requested(ui)) {
			store_annot_draft_clear(ui->st);
			ui_message(ui, false, "the note is unchanged");
		}
		return;
	}
	char *err = NULL;
	if (store_annot_set_note(ui->st, id, note, &err) < 0) {
		keep_unsaved(ui, &d, note, err);
	} else {
		unsaved_drop(ui, unsaved_at(ui, &d));
		store_annot_draft_clear(ui->st);
		annotate_load(ui);
		ui_message(ui, false, *note ? "note saved" : "note removed");
	}
	free(err);
	free(note);
}

void annotate_note_inline(struct ui *ui, const char *id, const char *note)
{
	/* The draft needs the place: from the open article or the list. */
	const struct annot_span *at = NULL;
	for (size_t i = 0; i < ui->text.n_annots; i++)
		if (strcmp(ui->text.annots[i].id, id) == 0)
			at = &ui->text.annots[i];
	if (at) {
		const char *body = ui->text.art.body;
		size_t cs = text_cp_count(body, at->start);
		note_span(ui, id, ui->text.art.id, cs, cs + text_cp_count(body + at->start,
		                                                          at->end - at->start), note);
		return;
	}
	int64_t article;
	size_t cs, ce;
	if (annot_view_find(id, &article, &cs, &ce))
		note_span(ui, id, article, cs, ce, note);
}

/* Ask for the tags of [cs, ce) (code points) of the open article and save
 * at once; what is typed is kept as a draft until then. */
static void annotate_span(struct ui *ui, size_t cs, size_t ce, const char *initial)
{
	struct text_state *t = &ui->text;
	struct draft_place d = { t->art.id, { cs, ce }, false };
	if (!initial && unsaved_at(ui, &d))
		initial = unsaved_at(ui, &d)->text;
	char *tags = prompt_line_drafted(ui, "tags", "Tags (a, b/c):", initial, save_draft, &d,
	                                 complete_tag);
	if (!tags) {
		if (!ui_exit_requested(ui)) {  /* Esc: the user let it go */
			store_annot_draft_clear(ui->st);
			ui_message(ui, false, "not annotated");
		}
		return;
	}
	char *id = NULL, *err = NULL;
	char *user = text_user_name();
	int created = store_annot_create(ui->st, t->art.id, cs, ce, tags, NULL, user, &id, &err);
	free(user);
	if (created < 0) {
		keep_unsaved(ui, &d, tags, err);
	} else {
		unsaved_drop(ui, unsaved_at(ui, &d));
		store_annot_draft_clear(ui->st);
		t->selecting = false;
		annotate_load(ui);
		ui_message(ui, false, "annotated%s%s (c: a note, H: a colour)", *tags ? ": " : "", tags);
	}
	free(id);
	free(err);
	free(tags);
}

void annotate_retag(struct ui *ui, const char *id, const char *tags)
{
	char *typed = prompt_line_drafted(ui, "tags", "Tags (a, b/c; empty removes them):", tags,
	                                  NULL, NULL, complete_tag);
	if (!typed) {
		ui_message(ui, false, "the tags are unchanged");
		return;
	}
	char *err = NULL;
	if (store_annot_retag(ui->st, id, typed, &err) < 0)  /* what was typed is said back */
		ui_message(ui, true, "%s; the tags typed were: %s", err ? err : "out of memory", typed);
	else if (*typed)
		ui_message(ui, false, "tags: %s (u restores the old ones)", typed);
	else
		ui_message(ui, false, "tags removed (u restores them)");
	free(err);
	free(typed);
	annotate_load(ui);
}

void annotate_offer_draft(struct ui *ui)
{
	int64_t article;
	size_t cs, ce;
	char *text = NULL;
	bool note = false;
	if (store_annot_draft_load(ui->st, &article, &cs, &ce, &note, &text) != 1)
		return;
	struct buf q = { 0 };
	buf_printf(&q, "A%s was being typed (%s \xe2\x80\x9c%s\xe2\x80\x9d): r restores it, "
	           "d drops it", note ? " note" : "n annotation", note ? "note" : "tags", text);
	int c = prompt_choice(ui, q.data ? q.data : "An annotation was being typed: r/d", "rd");
	buf_free(&q);
	if (c == 'r' && text_pane_open(ui, article) == 0) {
		const char *body = ui->text.art.body;
		size_t len = ui->text.art.body_len;
		size_t bs = text_cp_to_byte(body, len, cs), be = text_cp_to_byte(body, len, ce);
		jump_to_span(ui, article, bs, be);
		ui_draw_all(ui);
		char *id = NULL, *err = NULL;
		if (!note)
			annotate_span(ui, cs, ce, text);
		else if (store_annot_at(ui->st, article, cs, ce, &id, &err) >= 0)
			note_span(ui, id, article, cs, ce, text);
		else
			ui_message(ui, true, "%s", err ? err : "out of memory");
		free(id);
		free(err);
	} else if (c == 'd') {
		store_annot_draft_clear(ui->st);
		ui_message(ui, false, "draft dropped");
	}
	free(text);
}

/* u and Ctrl-R: the library's journal, so they reach changes made before
 * a restart; what changed is read again. */
void annotate_undo(struct ui *ui, bool redo)
{
	char *summary = NULL, *kind = NULL, *err = NULL;
	struct side_anchor at;
	side_pane_anchor(ui, &at, NULL);  /* the sidebar stays on its entity */
	int rc = redo ? store_journal_redo(ui->st, &summary, &kind, &err)
	              : store_journal_undo(ui->st, &summary, &kind, &err);
	if (rc < 0) {
		ui_message(ui, true, "%s", err ? err : "out of memory");
	} else if (rc == 0) {
		ui_message(ui, false, redo ? "nothing to redo" : "nothing to undo");
	} else {
		char *msg = redo ? util_printf("redone: %s", summary)
		                 : store_journal_undo_message(kind, summary);
		ui_message(ui, false, "%s", msg ? msg : summary);
		free(msg);
	}
	/* Undoing or redoing a correction: back to the entity it acted on. */
	static const char *const fixes[] = { "merge", "split", "rename", "retype", "reject" };
	for (size_t i = 0; rc > 0 && i < sizeof fixes / sizeof *fixes && ui->side.acted.norm; i++)
		if (kind && strcmp(kind, fixes[i]) == 0) {
			char *norm = util_strdup(ui->side.acted.norm);
			if (norm) {
				free(at.norm);
				at.norm = norm;
				at.type = ui->side.acted.type;
			}
		}
	free(summary);
	free(kind);
	free(err);
	if (rc <= 0) {
		free(at.norm);
		return;
	}
	annotate_load(ui);
	if (view_is_open(ui, &annot_view_ops))
		annot_view_open(ui);
	text_pane_reload_mentions(ui);
	side_pane_load_at(ui, &at);
}
