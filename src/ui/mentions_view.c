/*
 * mentions_view.c: every mention of one entity in the corpus, as
 * keyword-in-context lines sorted by date, with the entities that most
 * often share a paragraph with it.  Enter jumps to the mention; back
 * (Ctrl-O) returns here.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"

/* The mentions view: every mention of one entity, in context. */
struct mentions_view {
	struct store_entity entity;
	struct store_mention *m;
	size_t n;
	struct listw l;                  /* n entries: the selection, the window */
	struct store_entity *with;       /* entities sharing its paragraphs */
	size_t n_with;
};

static struct mentions_view mv;

#define CONTEXT_CP 80  /* code points of context read on each side */

static void mentions_view_close(struct ui *ui)
{
	struct mentions_view *v = &mv;
	free(v->entity.name);
	store_mentions_free(v->m, v->n);
	store_entities_free(v->with, v->n_with);
	memset(v, 0, sizeof *v);
}

int mentions_view_open(struct ui *ui, int64_t entity, size_t sel)
{
	view_open(ui, &mentions_view_ops);
	mentions_view_close(ui);
	struct mentions_view *v = &mv;
	int found = store_entity_get(ui->st, entity, &v->entity);
	if (found <= 0 ||
	    store_entity_mentions(ui->st, entity, CONTEXT_CP, &v->m, &v->n) < 0 ||
	    store_entity_cooccurring(ui->st, entity, 6, &v->with, &v->n_with) < 0) {
		if (found == 1)
			free(v->entity.name);
		memset(v, 0, sizeof *v);
		view_close(ui, &mentions_view_ops);
		ui_message(ui, true, found == 0 ? _("that entity is gone from the library")
		                                 : _("cannot read the mentions: %s"), store_errmsg(ui->st));
		return -1;
	}
	v->l.n = v->n;
	v->l.sel = sel < v->n ? sel : 0;
	return 0;
}

/* The header: name, type, counts; then "With: A 12 · B 9 ..." */
static int draw_head(struct ui *ui, WINDOW *w, int width)
{
	struct mentions_view *v = &mv;
	char label[96];
	snprintf(label, sizeof label, _("Mentions  %zu/%zu"), v->n ? v->l.sel + 1 : 0, v->n);
	draw_header(w, label, true);
	struct buf b = { 0 };
	/* TRANSLATORS: the entity's name, its type, then the counts. */
	buf_printf(&b, _("%s (%s): %lld mentions in %lld articles"), v->entity.name,
	           entity_type_name(v->entity.type), (long long)v->entity.mentions,
	           (long long)v->entity.articles);
	draw_set_role(w, ROLE_TITLE);
	draw_str(w, 1, 1, b.data, width - 2);
	buf_reset(&b);
	if (v->n_with) {
		buf_puts(&b, _("With: "));
		for (size_t i = 0; i < v->n_with; i++)
			buf_printf(&b, "%s%s %lld", i ? " \xc2\xb7 " : "", v->with[i].name,
			           (long long)v->with[i].here);
	} else {
		buf_puts(&b, _("With: no other entity in its paragraphs"));
	}
	draw_set_role(w, ROLE_DIM);
	draw_str(w, 2, 1, b.data, width - 2);
	draw_set_role(w, ROLE_NORMAL);
	buf_free(&b);
	return 4;
}

/* One entry: "date · title" then "…left MENTION right…" with the mention
 * starting at a fixed column, so the eye runs down one column. */
static void draw_entry(WINDOW *w, int y, const struct store_mention *m, int width,
                       bool sel, bool last_row_only)
{
	enum ui_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
	if (!last_row_only) {
		draw_set_role(w, sel ? ROLE_SELECTED : ROLE_DIM);
		mvwhline(w, y, 0, ' ', width);
		struct buf b = { 0 };
		buf_printf(&b, "%s \xc2\xb7 %s", m->date ? m->date : _("no date"), m->title);
		draw_str(w, y, 1, b.data, width - 2);
		buf_free(&b);
		y++;
	}
	draw_set_role(w, role);
	mvwhline(w, y, 0, ' ', width);
	int col = width * 2 / 5;
	/* The left context, right-aligned against the mention: skip code
	 * points from its start until it fits. */
	const char *left = m->left;
	size_t llen = strlen(left);
	while (llen && text_width(left, llen) > col - 2) {
		size_t step = text_grapheme_next(left, llen, 0);
		left += step;
		llen -= step;
	}
	int lw = text_width(left, llen);
	draw_text(w, y, col - lw, left, llen, lw);
	wattron(w, (int)draw_attr(ROLE_MENTION));
	int x = col + draw_str(w, y, col, m->text, width - col - 1);
	draw_set_role(w, role);
	draw_str(w, y, x, m->right, width - x - 1);
	draw_set_role(w, ROLE_NORMAL);
}

static void mentions_row(WINDOW *w, int y, size_t i, bool sel, void *ctx)
{
	draw_entry(w, y, &mv.m[i], *(const int *)ctx, sel, false);
}

static void mentions_view_draw(struct ui *ui, WINDOW *w)
{
	struct mentions_view *v = &mv;
	int width = getmaxx(w);
	werase(w);
	int y0 = draw_head(ui, w, width);
	/* Three rows an entry: where, context, a blank. */
	listw_draw(&v->l, w, y0, 3, mentions_row, &width);
	if (!v->n) {
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y0, 1, _("No mentions."), width - 2);
		draw_set_role(w, ROLE_NORMAL);
	}
}

static bool mentions_view_key(struct ui *ui, enum ui_action a)
{
	struct mentions_view *v = &mv;
	if (listw_move(&v->l, a, 0))
		return true;
	switch (a) {
	case UI_ACTION_OPEN:
		if (v->n)
			jump_to_mention(ui, &v->m[v->l.sel]);
		return true;
	case UI_ACTION_HELP:
	case UI_ACTION_BACK:
	case UI_ACTION_FORWARD:
	case UI_ACTION_REDRAW:
		return false;  /* the loop's own */
	default:
		return true;   /* the panes' keys wait until the view closes */
	}
}

static void mentions_view_status(struct ui *ui, struct buf *b)
{
	(void)ui;
	buf_printf(b, " %zu/%zu", mv.n ? mv.l.sel + 1 : 0, mv.n);
}

static void mentions_view_place(struct ui *ui, struct ui_place *p)
{
	(void)ui;
	p->view = VIEW_MENTIONS;
	p->view_id = mv.entity.id;
	p->view_sel = mv.l.sel;
}

void mentions_view_save_state(struct ui *ui, FILE *f)
{
	bool open = view_is_open(ui, &mentions_view_ops);
	fprintf(f, "mentions.open=%d\n", open);
	if (open)
		fprintf(f, "mentions.entity=%s\nmentions.sel=%zu\nmentions.n=%zu\n",
		        mv.entity.name, mv.l.sel, mv.n);
}

static size_t mentions_view_entries(struct ui *ui)
{
	(void)ui;
	return mv.n;
}

const struct view_ops mentions_view_ops = {
	.entries = mentions_view_entries,
	.name = "mentions",
	.draw = mentions_view_draw,
	.key = mentions_view_key,
	.close = mentions_view_close,
	.status = mentions_view_status,
	.place = mentions_view_place,
};

