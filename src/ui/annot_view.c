/*
 * annot_view.c: the annotations list (A): every annotation with its
 * colour, tags, links, article and status, the first line of its note and
 * its quote, filtered ("/": tag:T, article:N, author:A, coder:NAME,
 * status:fuzzy, and
 * words; "..." or '...' hold blanks: tag:"fonti aperte") and sorted by date
 * or by place ("s").  Enter
 * jumps (back returns); d deletes (a tombstone); u undoes; E writes the
 * note; y accepts a fuzzy placement; on an orphan, Enter goes to its
 * article and the next a re-attaches it to the new selection.  An
 * annotation with an import conflict is marked "!"; status:conflict keeps
 * those, and ! shows both versions and asks which to keep.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "annot_filter.h"
#include "ui.h"

/* The annotations list (A). */
struct annot_view {
	struct annot_item *v;
	size_t n;
	struct listw l;           /* the selection, the window */
	struct store_conflict *conflict;  /* !: the conflict shown, with both versions */
	size_t n_conflict;
	char *filter;             /* kept across openings */
	bool by_date;             /* newest first, else by article and place */
};

static struct annot_view av;

static void annot_view_close(struct ui *ui)
{
	struct annot_view *v = &av;
	for (size_t i = 0; i < v->n; i++)
		annot_item_free(&v->v[i]);
	free(v->v);
	store_conflicts_free(v->conflict, v->n_conflict);
	/* The filter and the order stay for the next opening. */
	char *filter = v->filter;
	bool by_date = v->by_date;
	memset(v, 0, sizeof *v);
	v->filter = filter;
	v->by_date = by_date;
}

static int collect_item(void *ctx, const struct store_annot_row *r)
{
	struct annot_view *v = ctx;
	struct annot_item *p = realloc(v->v, (v->n + 1) * sizeof *p);
	if (!p)
		return -1;
	v->v = p;
	struct annot_item *it = &p[v->n++];
	it->id = util_strdup(r->id);
	it->title = util_strdup(r->title);
	it->tags = util_strdup(r->tags);
	it->quote = util_strdup(r->quote);
	it->status = util_strdup(r->status);
	it->note = util_strdup(r->note);
	it->author = util_strdup(r->author);
	it->created = util_strdup(r->created);
	it->color = util_strdup(r->color ? r->color : "green");
	it->date = r->date ? util_strdup(r->date) : NULL;
	it->n_links = r->n_links;
	it->article = r->article;
	it->start = r->bstart;
	it->end = r->bend;
	it->cp_start = r->start;
	it->cp_end = r->end;
	it->conflicts = r->conflicts;
	it->coder = r->coder ? util_strdup(r->coder) : NULL;
	return (it->coder || !r->coder) && it->id && it->title && it->tags && it->quote && it->status && it->note &&
	       it->author && it->created && it->color && (it->date || !r->date) ? 0 : -1;
}

/* Keep the items that pass every word of the filter. */
static void apply_filter(struct ui *ui, struct annot_view *v)
{
	const char *bad = NULL;
	if (v->filter && *v->filter && annot_filter(v->v, &v->n, v->filter, &bad) != 0)
		ui_message(ui, true, _("%s: / changes it"), bad ? bad : _("out of memory"));
}

static int by_place(const void *a, const void *b)
{
	const struct annot_item *x = a, *y = b;
	if (x->article != y->article)
		return x->article < y->article ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

static int by_date(const void *a, const void *b)
{
	const struct annot_item *x = a, *y = b;
	int c = strcmp(y->created, x->created);  /* newest first */
	return c ? c : by_place(a, b);
}

int annot_view_open(struct ui *ui)
{
	size_t sel = av.l.sel;
	view_open(ui, &annot_view_ops);
	annot_view_close(ui);
	if (store_annot_each(ui->st, NULL, 0, collect_item, &av) != 0) {
		view_close(ui, &annot_view_ops);
		ui_message(ui, true, _("cannot read the annotations: %s"), store_errmsg(ui->st));
		return -1;
	}
	apply_filter(ui, &av);
	if (av.n)  /* no qsort of an empty (null) list */
		qsort(av.v, av.n, sizeof *av.v, av.by_date ? by_date : by_place);
	av.l.n = av.n;
	av.l.sel = av.n && sel < av.n ? sel : 0;
	if (!av.n)
		ui_message(ui, false, av.filter && *av.filter
		           ? _("no annotation passes the filter") : _("no annotations yet: v selects, a annotates"));
	return 0;
}

/* ---- a conflict --------------------------------------------------------------------- */

/* One version, from row y: a heading and a line a field; the next row. */
static int draw_side(WINDOW *w, int y, const char *label, const struct store_conflict_side *s)
{
	int width = getmaxx(w), height = getmaxy(w);
	/* TRANSLATORS: the fields of an annotation in an import conflict,
	 * in a column 9 cells wide. */
	const char *names[] = { _("modified"), _("tags"), _("colour"), _("author"), _("quote"), _("note") };
	const char *values[] = { s->updated, s->tags, s->color, s->author, s->quote, s->note };
	if (y < height) {
		draw_set_role(w, ROLE_TITLE);
		draw_str(w, y++, 1, label, width - 2);
	}
	draw_set_role(w, ROLE_NORMAL);
	for (int i = 0; i < 6 && y < height; i++, y++) {
		draw_str(w, y, 2, names[i], 9);
		draw_str(w, y, 12, values[i] && *values[i] ? (i == 2 ? _(values[i]) : values[i]) : "-",
		         width - 13);
	}
	return y + 1;
}

static void draw_conflict(struct ui *ui, WINDOW *w)
{
	const struct store_conflict *c = av.conflict;
	struct buf head = { 0 };
	buf_printf(&head, _("Conflict #%lld  %s"), (long long)c->id, c->title ? c->title : "");
	draw_header(w, head.data ? head.data : _("Conflict"), true);
	buf_free(&head);
	int y = draw_side(w, 1, _("This library"), &c->mine);
	draw_side(w, y, _("Imported"), &c->theirs);
}

/* Show the first open conflict of the selected annotation and ask which
 * version to keep; each choice is one change of the library. */
static void resolve_conflict(struct ui *ui)
{
	struct annot_view *v = &av;
	if (!v->n || !v->v[v->l.sel].conflicts) {
		ui_message(ui, false, _("no import conflict here: / status:conflict lists them"));
		return;
	}
	if (store_conflicts_list(ui->st, v->v[v->l.sel].id, &v->conflict, &v->n_conflict) < 0 ||
	    !v->n_conflict) {
		ui_message(ui, true, _("cannot read the conflict: %s"), store_errmsg(ui->st));
		return;
	}
	ui_draw_all(ui);
	int c = prompt_choice(ui, _("keep: m this library's, t the imported, b both (Esc: decide later)"),
	                      "mtb");
	int64_t id = v->conflict[0].id;
	store_conflicts_free(v->conflict, v->n_conflict);
	v->conflict = NULL;
	v->n_conflict = 0;
	if (!c)
		return;
	char *err = NULL, *made = NULL;
	enum store_conflict_keep keep = c == 'm' ? STORE_KEEP_MINE
	                              : c == 't' ? STORE_KEEP_THEIRS : STORE_KEEP_BOTH;
	if (store_conflict_resolve(ui->st, id, keep, &made, &err) < 0) {
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	} else {
		annot_view_open(ui);
		annotate_load(ui);
		ui_message(ui, false, "%s", keep == STORE_KEEP_MINE ? _("kept this library's version")
		                          : keep == STORE_KEEP_THEIRS ? _("the imported version is in place")
		                          : _("kept both: the imported version is a new annotation"));
	}
	free(err);
	free(made);
}

/* Where an annotation is found again in its article, as shown: the store's
 * words (exact, moved, fuzzy, orphan; typed in filters as status:fuzzy)
 * said in the user's language. */
static const char *status_shown(const char *status)
{
	static const char *const statuses[] = {
		/* TRANSLATORS: an annotation found where it was. */
		N_("exact"),
		/* TRANSLATORS: an annotation whose text is found elsewhere. */
		N_("moved"),
		/* TRANSLATORS: an annotation found at a text close to its own. */
		N_("fuzzy"),
		/* TRANSLATORS: an annotation whose text is no longer found. */
		N_("orphan"),
	};
	for (size_t i = 0; status && i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(status, statuses[i]) == 0)
			return _(statuses[i]);
	return status ? status : "";
}

/* One annotation in two rows: its colour, tags, coder, links, article and status;
 * the first line of its note, then its quote. */
static void annot_row(WINDOW *w, int y, size_t i, bool sel, void *ctx)
{
	const struct annot_item *it = &av.v[i];
	int width = *(const int *)ctx;
	struct buf b = { 0 };
	/* Its colour by name (seen without colours too), in its colour. */
	struct buf sw = { 0 };
	annotate_swatch(&sw, it->color);
	draw_set_role(w, sel ? ROLE_SELECTED : annotate_role_of(it->color));
	mvwhline(w, y, 0, ' ', width);
	int x = 1 + draw_str(w, y, 1, sw.data ? sw.data : "", width - 2);
	buf_free(&sw);
	/* Its coder next: a filter by coder:NAME shows what the row says. */
	buf_printf(&b, " %s[%s] %s \xc2\xb7 ", it->conflicts ? "! " : "", it->tags,
	           it->coder ? it->coder : _("unknown"));
	if (it->n_links) {
		buf_printf(&b, ngettext("%lld link", "%lld links", (unsigned long)it->n_links),
		           (long long)it->n_links);
		buf_puts(&b, " \xc2\xb7 ");
	}
	buf_printf(&b, "%s \xc2\xb7 %s", it->title, status_shown(it->status));
	if (it->conflicts) {
		buf_puts(&b, " \xc2\xb7 ");
		buf_puts(&b, _("conflict"));
	}
	draw_set_role(w, sel ? ROLE_SELECTED : ROLE_TITLE);
	if (width - 1 - x > 0)
		draw_str(w, y, x, b.data, width - 1 - x);
	buf_free(&b);
	draw_set_role(w, sel ? ROLE_SELECTED : ROLE_NORMAL);
	mvwhline(w, y + 1, 0, ' ', width);
	/* The first line of the note, then the quote. */
	x = 2;
	if (*it->note) {
		size_t nl = strcspn(it->note, "\n");
		char *line = util_printf("\xe2\x9c\x8e %.*s \xe2\x80\x94 ", (int)nl, it->note);
		if (line)
			x += draw_text(w, y + 1, x, line, strlen(line), width - 1 - x);
		free(line);
	}
	if (width - 1 - x > 0)
		draw_str(w, y + 1, x, it->quote, width - 1 - x);
}

static void annot_view_draw(struct ui *ui, WINDOW *w)
{
	struct annot_view *v = &av;
	int width = getmaxx(w);
	werase(w);
	if (v->conflict) {
		draw_conflict(ui, w);
		return;
	}
	struct buf head = { 0 };
	size_t at = v->n ? v->l.sel + 1 : 0;
	if (v->filter && *v->filter)
		buf_printf(&head, v->by_date ? _("Annotations  %zu/%zu  by date  filter: %s")
		                             : _("Annotations  %zu/%zu  by place  filter: %s"),
		           at, v->n, v->filter);
	else
		buf_printf(&head, v->by_date ? _("Annotations  %zu/%zu  by date")
		                             : _("Annotations  %zu/%zu  by place"), at, v->n);
	draw_header(w, head.data ? head.data : _("Annotations"), true);
	buf_free(&head);
	listw_draw(&v->l, w, 1, 2, annot_row, &width);
	draw_set_role(w, ROLE_NORMAL);
}

static bool annot_view_key(struct ui *ui, enum ui_action a)
{
	struct annot_view *v = &av;
	if (listw_move(&v->l, a, 0))
		return true;
	switch (a) {
	case UI_ACTION_OPEN:
		if (v->n) {
			struct annot_item *it = &v->v[v->l.sel];
			bool orphan = strcmp(it->status, "orphan") == 0;
			char *id = orphan ? util_strdup(it->id) : NULL;
			jump_to_span(ui, it->article, (size_t)it->start, (size_t)it->end);
			if (orphan && id) {
				annotate_reattach_next(id);
				ui_message(ui, false, _("an orphan: select its new place (v, w b ( ) { }) "
				           "and press a to re-attach it"));
			} else {
				free(id);
			}
		}
		return true;
	case UI_ACTION_SEARCH: {
		char *f = prompt_line(ui, "filter", _("Filter (tag:T article:N author:A coder:C "
		                      "status:S status:conflict words):"),
		                      v->filter, NULL, NULL);
		if (f) {
			free(v->filter);
			v->filter = f;
			v->l.sel = 0;
			annot_view_open(ui);
		}
		return true;
	}
	case UI_ACTION_CONFLICT:
		resolve_conflict(ui);
		return true;
	case UI_ACTION_SORT:
		v->by_date = !v->by_date;
		annot_view_open(ui);
		return true;
	case UI_ACTION_ACCEPT:
		if (v->n) {
			char *err = NULL;
			if (strcmp(v->v[v->l.sel].status, "fuzzy") != 0)
				ui_message(ui, false, _("only a fuzzy annotation waits to be accepted"));
			else if (store_annot_place(ui->st, v->v[v->l.sel].id, true,
			                           (size_t)v->v[v->l.sel].cp_start,
			                           (size_t)v->v[v->l.sel].cp_end, &err) < 0)
				ui_message(ui, true, "%s", err ? err : _("out of memory"));
			else {
				annot_view_open(ui);
				ui_message(ui, false, _("accepted where it was found"));
			}
			free(err);
		}
		return true;
	case UI_ACTION_DELETE:
		if (v->n) {
			char *err = NULL;
			if (store_annot_set_deleted(ui->st, v->v[v->l.sel].id, true, &err) < 0) {
				ui_message(ui, true, "%s", err ? err : _("out of memory"));
			} else {
				annot_view_open(ui);
				annotate_load(ui);
				ui_message(ui, false, _("deleted (u brings it back)"));
			}
			free(err);
		}
		return true;
	case UI_ACTION_UNDO:
	case UI_ACTION_REDO:
		annotate_undo(ui, a == UI_ACTION_REDO);
		return true;
	case UI_ACTION_COLOR:
		if (v->n) {
			annotate_color(ui, v->v[v->l.sel].id);
			annot_view_open(ui);
		}
		return true;
	case UI_ACTION_RETAG:
		if (v->n) {
			char *id = util_strdup(v->v[v->l.sel].id), *tags = util_strdup(v->v[v->l.sel].tags);
			if (id && tags)
				annotate_retag(ui, id, tags);
			free(id);
			free(tags);
			annot_view_open(ui);
		}
		return true;
	case UI_ACTION_NOTE_INLINE:
	case UI_ACTION_NOTE:
		if (v->n && a == UI_ACTION_NOTE_INLINE) {
			annotate_note_inline(ui, v->v[v->l.sel].id, v->v[v->l.sel].note);
			annot_view_open(ui);
			annotate_load(ui);
		} else if (v->n) {
			editor_edit_note(ui, v->v[v->l.sel].id, v->v[v->l.sel].note);
			annot_view_open(ui);
			annotate_load(ui);
		}
		return true;
	case UI_ACTION_HELP:
	case UI_ACTION_BACK:
	case UI_ACTION_FORWARD:
	case UI_ACTION_REDRAW:
		return false;
	default:
		return true;
	}
}

static void annot_view_status(struct ui *ui, struct buf *b)
{
	(void)ui;
	buf_printf(b, " %zu/%zu", av.n ? av.l.sel + 1 : 0, av.n);
}

static void annot_view_place(struct ui *ui, struct ui_place *p)
{
	(void)ui;
	p->view = VIEW_ANNOTATIONS;
	p->view_sel = av.l.sel;
}

int annot_view_open_at(struct ui *ui, size_t sel)
{
	av.l.sel = sel;
	return annot_view_open(ui);
}

int annot_view_open_filtered(struct ui *ui, char *filter)
{
	free(av.filter);
	av.filter = filter;
	av.l.sel = 0;
	return annot_view_open(ui);
}

bool annot_view_find(const char *id, int64_t *article, size_t *cs, size_t *ce)
{
	for (size_t i = 0; i < av.n; i++)
		if (strcmp(av.v[i].id, id) == 0) {
			*article = av.v[i].article;
			*cs = (size_t)av.v[i].cp_start;
			*ce = (size_t)av.v[i].cp_end;
			return true;
		}
	return false;
}

void annot_view_save_state(struct ui *ui, FILE *f)
{
	fprintf(f, "annotations.open=%d\nannotations.n=%zu\n", view_is_open(ui, &annot_view_ops), av.n);
}

void annot_view_free(void)
{
	free(av.filter);
	av.filter = NULL;
}

static size_t annot_view_entries(struct ui *ui)
{
	(void)ui;
	return av.n;
}

const struct view_ops annot_view_ops = {
	.name = N_("annotations"),
	.entries = annot_view_entries,
	.draw = annot_view_draw,
	.key = annot_view_key,
	.close = annot_view_close,
	.status = annot_view_status,
	.place = annot_view_place,
};

