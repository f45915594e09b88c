/*
 * annotate.c: annotating by keyboard.
 *
 * The open article's annotations (its spans, read once per opening, their
 * colours and links, the one the user means at the cursor), and selecting:
 * `v` starts a selection on the sentence at the cursor; `w` and `b` move
 * its end by a word, `)` and `(` by a sentence, `}` and `{` by a
 * paragraph (never inside a grapheme cluster); Esc cancels.  Asking for
 * tags and notes and saving them is in annot_edit.c, the list (A) in
 * annot_view.c.
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
#include "text_pane.h"
#include "keymap.h"

/* ---- the spans of the open article --------------------------------------- */

void annotate_free(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
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
	/* TRANSLATORS: the colours of annotations, shown by their first
	 * three letters too ("[gre]"). */
	{ N_("green"), 'g', ROLE_ANNOT }, { N_("yellow"), 'y', ROLE_ANNOT_YELLOW },
	{ N_("blue"), 'b', ROLE_ANNOT_BLUE }, { N_("red"), 'r', ROLE_ANNOT_RED },
	{ N_("magenta"), 'm', ROLE_ANNOT_MAGENTA },
};

/* The colour as shown: stored by its English name, said in the user's
 * language ("[ver]" in Italian) by its first three characters, whole ones. */
void annotate_swatch(struct buf *b, const char *name)
{
	const char *shown = name ? _(name) : "";
	char *cut = text_render(shown, strlen(shown), 0, 3, NULL);
	buf_printf(b, "[%s]", cut ? cut : "");
	free(cut);
}

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
	struct text_state *t = text_pane_state(ui);
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
	if (!text_pane_state(ui)->loaded)
		return;
	if (store_annot_each_anchored(ui->st, text_pane_state(ui)->art.id, collect_span, ui) != 0)
		ui_message(ui, true, _("cannot read the annotations: %s"), store_errmsg(ui->st));
	if (text_pane_state(ui)->n_annots)
		qsort(text_pane_state(ui)->annots, text_pane_state(ui)->n_annots, sizeof *text_pane_state(ui)->annots, by_start);
}

const struct annot_span *annotate_at_cursor(const struct ui *ui)
{
	const struct text_state *t = text_pane_state(ui);
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
	struct text_state *t = text_pane_state(ui);
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
		text = _("link end");
	if (!*text && *a->note) {
		text = a->note;
	} else if (!*text) {
		text = text_pane_state(ui)->art.body + a->start;
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
		const struct annot_span *one = n ? &text_pane_state(ui)->annots[at[0]] : NULL;
		free(at);
		return one;
	}
	*asked = true;
	struct buf q = { 0 }, keys = { 0 };
	buf_puts(&q, _("Which annotation?"));
	int each = n > 3 ? 12 : 20;  /* cells of each label */
	for (size_t i = 0; i < n && i < 9; i++) {
		char *label = span_label(ui, &text_pane_state(ui)->annots[at[i]], each);
		buf_printf(&q, " %zu %s;", i + 1, label ? label : "?");
		free(label);
		buf_putc(&keys, (char)('1' + i));
	}
	buf_puts(&q, _(" (Esc cancels)"));
	int c = q.data && keys.data ? prompt_choice(ui, q.data, keys.data) : 0;
	buf_free(&q);
	buf_free(&keys);
	const struct annot_span *pick = c ? &text_pane_state(ui)->annots[at[c - '1']] : NULL;
	free(at);
	return pick;
}

void annotate_delete_here(struct ui *ui)
{
	bool asked;
	const struct annot_span *a = annotate_choose(ui, false, false, &asked);
	if (!a) {
		ui_message(ui, false, asked ? _("nothing deleted")
		                            : _("no annotation at the cursor: a annotates, A lists them"));
		return;
	}
	char *id = util_strdup(a->id), *err = NULL;
	if (!id || store_annot_set_deleted(ui->st, id, true, &err) < 0) {
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	} else {
		ui_message(ui, false, _("annotation deleted (u takes it back)"));
	}
	free(err);
	free(id);
	annotate_load(ui);
}

const struct store_annot_linked *annotate_links(struct ui *ui, const struct annot_span *a,
                                                size_t *n)
{
	struct annot_span *s = &text_pane_state(ui)->annots[a - text_pane_state(ui)->annots];
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
	const struct text_state *t = text_pane_state(ui);
	enum ui_role role = ROLE_NORMAL;
	for (size_t i = 0; i < t->n_annots; i++)  /* sorted by start */
		if (!t->annots[i].anchor && pos >= t->annots[i].start && pos < t->annots[i].end)
			role = (enum ui_role)t->annots[i].role;
	return role;
}

void annotate_color(struct ui *ui, const char *id)
{
	int c = prompt_choice(ui, _("Colour: g green, y yellow, b blue, r red, m magenta (Esc cancels)"),
	                      "gybrm");
	if (!c) {
		ui_message(ui, false, _("the colour is unchanged"));
		return;
	}
	const char *name = NULL;
	for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
		if (colors[i].key == c)
			name = colors[i].name;
	char *err = NULL;
	/* The default is stored as none, so a later default follows. */
	if (store_annot_set_color(ui->st, id, strcmp(name, colors[0].name) ? name : NULL, &err) < 0)
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	else
		ui_message(ui, false, _("colour: %s"), _(name));
	free(err);
	annotate_load(ui);
}

/* ---- selecting ----------------------------------------------------------------- */

void annotate_start_selection(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	t->selecting = true;
	t->sel_anchor = s->start;
	t->sel_head = s->end;
	ui_message(ui, false, _("selecting: w b ( ) { } move its end, a annotates, Esc cancels"));
}

bool annotate_span_here(struct ui *ui, size_t *cs, size_t *ce)
{
	const struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return false;
	size_t s, e;
	if (t->selecting) {
		s = t->sel_anchor < t->sel_head ? t->sel_anchor : t->sel_head;
		e = t->sel_anchor < t->sel_head ? t->sel_head : t->sel_anchor;
	} else {
		s = t->art.sentences[t->cursor].start;
		e = t->art.sentences[t->cursor].end;
	}
	/* No blank at either end of what is taken. */
	const char *p = t->art.body + s;
	size_t n = text_trim(&p, e - s);
	s = (size_t)(p - t->art.body);
	if (n == 0)
		return false;
	*cs = text_cp_count(t->art.body, s);
	*ce = *cs + text_cp_count(t->art.body + s, n);
	return true;
}

/* Mouse (mouse.c): a drag in the text selects [anchor, head), as v does. */
void annotate_select_span(struct ui *ui, size_t anchor, size_t head)
{
	struct text_state *t = text_pane_state(ui);
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
	struct text_state *t = text_pane_state(ui);
	size_t at = 0;
	bool known;
	int64_t entity = text_pane_entity_at_cursor(ui, &at, &known);
	for (size_t i = 0; entity && known && i < t->n_mentions; i++) {
		const struct store_mention *m = &t->mentions[i];
		if (m->start == at) {
			t->selecting = true;
			t->sel_anchor = m->start;
			t->sel_head = m->end;
			ui_message(ui, false, _("selected a mention: a annotates, w b extend, Esc cancels"));
			return;
		}
	}
	ui_message(ui, false, _("no entity mention in the sentence at the cursor"));
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
	struct text_state *t = text_pane_state(ui);
	if (!t->selecting || ui->focus != LAYOUT_TEXT)
		return false;
	size_t h = t->sel_head;
	/* The keys of the select view (actions.h, keymap.c). */
	switch (ui_keymap_mode_action(UI_VIEW_SELECT, key)) {
	case UI_ACTION_SELECT_WORD_FORWARD: h = word_step(t, h, 1); break;
	case UI_ACTION_SELECT_WORD_BACK: h = word_step(t, h, -1); break;
	case UI_ACTION_SELECT_SENTENCE_FORWARD: h = unit_step(t, h, 1, false); break;
	case UI_ACTION_SELECT_SENTENCE_BACK: h = unit_step(t, h, -1, false); break;
	case UI_ACTION_SELECT_PARAGRAPH_FORWARD: h = unit_step(t, h, 1, true); break;
	case UI_ACTION_SELECT_PARAGRAPH_BACK: h = unit_step(t, h, -1, true); break;
	case UI_ACTION_SELECT_CANCEL:
		t->selecting = false;
		ui_message(ui, false, _("selection cancelled"));
		return true;
	default:
		return false;  /* a, q, the page keys ... as usual */
	}
	if (h != t->sel_anchor)
		t->sel_head = h;
	text_pane_goto_offset(ui, t->sel_head > 0 ? t->sel_head - 1 : 0);
	return true;
}
