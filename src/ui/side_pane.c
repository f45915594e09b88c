/*
 * side_pane.c: the sidebar.
 *
 * Two modes, switched with `o`: the entities of the open article (people,
 * places, organisations, dates; most mentioned first; "here/corpus"
 * counts), and the paragraph outline.  Moving over an entity highlights its
 * mentions in the text; Enter opens every mention of it in the corpus.
 * The corrections (rename, merge, split, retype, reject) act on the
 * selected entity and are kept in the library.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "mouse.h"
#include "ui.h"
#include "text_pane.h"

/* The sidebar: the open article's entities and outline. */
static struct side_state side;

struct side_state *side_pane_state(const struct ui *ui)
{
	(void)ui;
	return &side;
}

static const char *const group_names[] = {
	[ENTITY_PER] = N_("People"), [ENTITY_LOC] = N_("Places"),
	[ENTITY_ORG] = N_("Organisations"), [ENTITY_DATE] = N_("Dates"),
};

void side_pane_free(struct ui *ui)
{
	store_entities_free(side.entities, side.n_entities);
	side.entities = NULL;
	side.n_entities = 0;
	side.ents.n = 0;
}

/* Read the entities of the open article; keep the selection on the same
 * entity when it is still there. */
int side_pane_load(struct ui *ui)
{
	struct side_state *s = &side;
	int64_t keep = side_pane_selected_entity(ui);
	char *keep_name = s->ents.sel < s->n_entities ? util_strdup(s->entities[s->ents.sel].name) : NULL;
	side_pane_free(ui);
	s->ents.sel = s->etop = 0;
	s->ents.n = 0;
	if (!text_pane_state(ui)->loaded)
		return 0;
	if (store_entities_of(ui->st, text_pane_state(ui)->art.id, &s->entities, &s->n_entities) < 0) {
		ui_message(ui, true, _("cannot read the entities: %s"), store_errmsg(ui->st));
		free(keep_name);
		return -1;
	}
	s->ents.n = s->n_entities;
	/* The same entity, or (a correction gave it a new id) the same name. */
	bool found = false;
	for (size_t i = 0; i < s->n_entities && !found; i++)
		if (s->entities[i].id == keep) {
			s->ents.sel = i;
			found = true;
		}
	for (size_t i = 0; i < s->n_entities && !found && keep_name; i++)
		if (strcmp(s->entities[i].name, keep_name) == 0) {
			s->ents.sel = i;
			found = true;
		}
	free(keep_name);
	return 0;
}

void side_pane_anchor(struct ui *ui, struct side_anchor *at, const char *except)
{
	const struct side_state *s = &side;
	*at = (struct side_anchor){ .row = s->ents.sel };
	if (s->ents.sel < s->n_entities &&
	    store_entity_anchor(ui->st, s->entities[s->ents.sel].id, except, &at->type, &at->norm) < 0)
		at->norm = NULL;
}

int side_pane_load_at(struct ui *ui, struct side_anchor *at)
{
	struct side_state *s = &side;
	int rc = side_pane_load(ui);
	int64_t id = 0;
	bool found = false;
	if (rc == 0 && at->norm && store_entity_of_form(ui->st, at->type, at->norm, &id) == 1)
		for (size_t i = 0; i < s->n_entities && !found; i++)
			if (s->entities[i].id == id) {
				s->ents.sel = i;
				found = true;
			}
	if (rc == 0 && !found && s->n_entities)
		s->ents.sel = at->row < s->n_entities ? at->row : s->n_entities - 1;
	free(at->norm);
	at->norm = NULL;
	return rc < 0 ? -1 : found;
}

int64_t side_pane_selected_entity(const struct ui *ui)
{
	const struct side_state *s = &side;
	return s->ents.sel < s->n_entities ? s->entities[s->ents.sel].id : 0;
}

/* Row of entity i: entities plus one header row per type group. */
static size_t entity_row(const struct side_state *s, size_t i)
{
	size_t row = 0;
	for (size_t k = 0; k <= i && k < s->n_entities; k++)
		if (k == 0 || s->entities[k].type != s->entities[k - 1].type)
			row++;
	return row + i;
}

static void draw_entities(struct ui *ui, WINDOW *w, int y0)
{
	struct side_state *s = &side;
	int width = getmaxx(w) - 1, height = getmaxy(w);
	int rows = height - y0;
	if (!s->n_entities) {
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y0 + 1, 1, _("No entities found."), width - 1);
		draw_set_role(w, ROLE_NORMAL);
		return;
	}
	size_t sel_row = entity_row(s, s->ents.sel);
	if (sel_row < s->etop + 1)
		s->etop = sel_row > 0 ? sel_row - 1 : 0;  /* keep its group header */
	else if (sel_row >= s->etop + (size_t)rows)
		s->etop = sel_row - (size_t)rows + 1;
	bool focused = ui->focus == LAYOUT_SIDE;
	size_t row = 0;
	for (size_t i = 0; i < s->n_entities; i++) {
		const struct store_entity *e = &s->entities[i];
		if (i == 0 || e->type != s->entities[i - 1].type) {
			if (row >= s->etop && row < s->etop + (size_t)rows) {
				draw_set_role(w, ROLE_TITLE);
				draw_str(w, y0 + (int)(row - s->etop), 1, _(group_names[e->type]), width - 1);
			}
			row++;
		}
		if (row >= s->etop && row < s->etop + (size_t)rows) {
			int y = y0 + (int)(row - s->etop);
			bool sel = i == s->ents.sel;
			enum ui_role role = sel && focused ? ROLE_SELECTED : ROLE_NORMAL;
			draw_set_role(w, role);
			mvwhline(w, y, 0, ' ', width);
			mvwaddstr(w, y, 0, e->id == s->marked ? "+" : sel && !focused ? "\xe2\x96\xb8" : " ");
			char counts[48];
			snprintf(counts, sizeof counts, "%lld/%lld", (long long)e->here, (long long)e->mentions);
			int cw = (int)strlen(counts);
			int name_w = width - 2 - cw - 1;
			if (name_w < 4) {
				name_w = width - 2;
				cw = 0;
			}
			/* Only dates have another way to be shown: no copy per row
			 * and redraw for the rest. */
			char *shown = e->type == ENTITY_DATE ? entity_display_name(e->type, e->name) : NULL;
			/* A bare name kept apart (several people fit it) says so. */
			int mark_w = e->apart && name_w > 6 ? 2 : 0;
			int drawn = draw_str(w, y, 1, shown ? shown : e->name, name_w - mark_w);
			free(shown);
			if (mark_w) {
				if (!(sel && focused))
					draw_set_role(w, ROLE_DIM);
				draw_str(w, y, 1 + drawn, " ?", mark_w);
				draw_set_role(w, role);
			}
			if (cw) {
				if (!(sel && focused))
					draw_set_role(w, ROLE_DIM);
				draw_str(w, y, width - cw, counts, cw);
			}
		}
		row++;
	}
	draw_set_role(w, ROLE_NORMAL);
}

struct outline_ctx {
	struct ui *ui;
	int width;
	size_t here;              /* the paragraph of the reading cursor */
	bool focused;
};

/* One paragraph of the outline: its number and its first words. */
static void outline_row(WINDOW *w, int y, size_t k, bool selected, void *ctx)
{
	const struct outline_ctx *c = ctx;
	const struct store_article *a = &text_pane_state(c->ui)->art;
	const struct store_para *p = &a->paras[k];
	int width = c->width;
	bool sel = c->focused && selected;
	enum ui_role role = sel ? ROLE_SELECTED
	                  : p->kind == CORPUS_PARA_HEADING ? ROLE_HEADING : ROLE_NORMAL;
	draw_set_role(w, role);
	mvwhline(w, y, 0, ' ', width);
	mvwaddstr(w, y, 0, k == c->here ? "\xe2\x96\xb8" : " ");
	char num[16];
	int x = 1;
	if (p->kind != CORPUS_PARA_HEADING) {
		snprintf(num, sizeof num, "%d ", p->n);
		if (!sel)
			draw_set_role(w, ROLE_DIM);
		x += draw_str(w, y, x, num, width - x);
		draw_set_role(w, role);
	}
	draw_text(w, y, x, a->body + p->start, p->end - p->start, width - x);
}

static void draw_outline(struct ui *ui, WINDOW *w, int y)
{
	const struct store_article *a = &text_pane_state(ui)->art;
	int width = getmaxx(w) - 1, height = getmaxy(w);
	int rows = height - y;
	if (rows <= 0 || !a->n_paras)
		return;
	struct outline_ctx c = { ui, width, text_pane_cursor_para(ui), ui->focus == LAYOUT_SIDE };
	listw_resize(&side.outline, a->n_paras);
	listw_draw(&side.outline, w, y, 1, outline_row, &c);
	draw_set_role(w, ROLE_NORMAL);
}

/* One annotation at the cursor from row y (its header, tags, note and
 * links; `brief` when there are several: a row of each): the next row. */
static int draw_annotation(struct ui *ui, WINDOW *w, int y, int width,
                           const struct annot_span *a, bool brief,
                           const struct store_annot_linked *l, size_t nl)
{
	(void)ui;
	struct buf head = { 0 };
	buf_puts(&head, a->anchor ? _("Link end") : _("Annotation"));
	if (!a->anchor)
		{
		buf_putc(&head, ' ');
		annotate_swatch(&head, annotate_color_name(a));
	}
	if (nl) {
		buf_putc(&head, ' ');
		buf_printf(&head, ngettext("%zu link", "%zu links", nl), nl);
	}
	draw_set_role(w, a->anchor ? ROLE_DIM : (enum ui_role)a->role);
	draw_str(w, y++, 1, head.data ? head.data : "", width - 1);
	buf_free(&head);
	draw_set_role(w, ROLE_NORMAL);
	/* Tags (two rows at most) and the note (four), wrapped. */
	const char *parts[2] = { a->anchor ? "" : *a->tags ? a->tags : _("(no tags)"), a->note };
	const size_t most[2] = { brief ? 1 : 2, brief ? 1 : 4 };
	for (int k = 0; k < 2; k++) {
		struct text_line *lines;
		size_t n;
		if (!*parts[k] || text_wrap(parts[k], strlen(parts[k]), width - 1, &lines, &n) < 0)
			continue;
		for (size_t i = 0; i < n && i < most[k]; i++)
			draw_text(w, y++, 1, parts[k] + lines[i].start, lines[i].end - lines[i].start,
			          width - 1);
		free(lines);
	}
	/* Its links, from either end. */
	for (size_t i = 0; i < nl && i < (brief ? 2u : 3u); i++) {
		struct buf b = { 0 };
		buf_printf(&b, "\xe2\x86\x92 %s: %s", link_kind_shown(l[i].kind), l[i].title);
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y++, 1, b.data ? b.data : "", width - 1);
		buf_free(&b);
	}
	draw_set_role(w, ROLE_NORMAL);
	return y;
}

/* The window row of the list's first entry, as last drawn (mouse.c). */
static int list_y = 1;

static void side_draw(struct ui *ui, WINDOW *w)
{
	werase(w);
	bool outline = side.mode == SIDE_OUTLINE;
	draw_header(w, outline ? _("Outline") : _("Entities"), ui->focus == LAYOUT_SIDE);
	if (!text_pane_state(ui)->loaded)
		return;
	/* The annotations at the cursor come first: tags, note, links. */
	int y = 1;
	size_t *here = NULL;
	size_t n = annotate_here(ui, true, false, &here);
	int width = getmaxx(w) - 1, shown = 0;
	for (size_t k = 0; k < n && y < getmaxy(w) - 2; k++) {
		const struct annot_span *a = &text_pane_state(ui)->annots[here[k]];
		size_t nl = 0;
		const struct store_annot_linked *l = annotate_links(ui, a, &nl);
		if (a->anchor && !nl)
			continue;
		y = draw_annotation(ui, w, y, width, a, n > 1, l, nl);
		shown++;
	}
	free(here);
	if (shown)
		y++;
	list_y = y;
	if (outline)
		draw_outline(ui, w, y);
	else
		draw_entities(ui, w, y);
}


static bool side_handle(struct ui *ui, enum ui_action a)
{
	struct side_state *s = &side;
	if (!text_pane_state(ui)->loaded)
		return false;
	int rows = ui_pane_height(ui, LAYOUT_SIDE) - 2;
	size_t page = rows > 1 ? (size_t)rows : 1;
	if (a == UI_ACTION_OUTLINE) {
		s->mode = s->mode == SIDE_OUTLINE ? SIDE_ENTITIES : SIDE_OUTLINE;
		return true;
	}
	if (s->mode == SIDE_OUTLINE) {
		size_t n = text_pane_state(ui)->art.n_paras;
		listw_resize(&s->outline, n);
		s->outline.page = page;
		if (listw_move(&s->outline, a, 0))
			return true;
		if (n && a == UI_ACTION_OPEN) {
			ui->focus = LAYOUT_TEXT;
			text_pane_goto_para(ui, s->outline.sel);
			return true;
		}
		return false;
	}
	s->ents.page = page;
	if (listw_move(&s->ents, a, 0))
		return true;
	return side_pane_correct(ui, a);
}

/* Mouse (mouse.c): the selection on the entry drawn at window row y;
 * false when none is drawn there (a group's header, the annotations). */
bool side_pane_click(struct ui *ui, int y)
{
	struct side_state *s = &side;
	if (!text_pane_state(ui)->loaded || y < list_y)
		return false;
	size_t row = (s->mode == SIDE_OUTLINE ? s->outline.top : s->etop) + (size_t)(y - list_y);
	if (s->mode == SIDE_OUTLINE) {
		if (row >= s->outline.n)
			return false;
		s->outline.sel = row;
		return true;
	}
	for (size_t i = 0; i < s->n_entities; i++) {
		if (entity_row(s, i) == row) {
			s->ents.sel = i;
			return true;
		}
	}
	return false;
}

static size_t side_entries(struct ui *ui)
{
	if (!text_pane_state(ui)->loaded)
		return 0;
	return side.mode == SIDE_OUTLINE ? text_pane_state(ui)->art.n_paras : side.n_entities;
}

const struct view_ops side_pane_ops = {
	.name = N_("side"), .draw = side_draw, .key = side_handle, .entries = side_entries,
};
