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
#include "ui.h"
#include "text_pane.h"

static const char *const group_names[] = {
	[ENTITY_PER] = N_("People"), [ENTITY_LOC] = N_("Places"),
	[ENTITY_ORG] = N_("Organisations"), [ENTITY_DATE] = N_("Dates"),
};

void side_pane_free(struct ui *ui)
{
	store_entities_free(ui->side.entities, ui->side.n_entities);
	ui->side.entities = NULL;
	ui->side.n_entities = 0;
	ui->side.ents.n = 0;
}

/* Read the entities of the open article; keep the selection on the same
 * entity when it is still there. */
int side_pane_load(struct ui *ui)
{
	struct side_state *s = &ui->side;
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
	const struct side_state *s = &ui->side;
	*at = (struct side_anchor){ .row = s->ents.sel };
	if (s->ents.sel < s->n_entities &&
	    store_entity_anchor(ui->st, s->entities[s->ents.sel].id, except, &at->type, &at->norm) < 0)
		at->norm = NULL;
}

int side_pane_load_at(struct ui *ui, struct side_anchor *at)
{
	struct side_state *s = &ui->side;
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
	const struct side_state *s = &ui->side;
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
	struct side_state *s = &ui->side;
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
			draw_str(w, y, 1, shown ? shown : e->name, name_w);
			free(shown);
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
	listw_resize(&ui->side.outline, a->n_paras);
	listw_draw(&ui->side.outline, w, y, 1, outline_row, &c);
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
		buf_printf(&head, " [%.3s]", annotate_color_name(a));
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
		buf_printf(&b, "\xe2\x86\x92 %s: %s", l[i].kind, l[i].title);
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y++, 1, b.data ? b.data : "", width - 1);
		buf_free(&b);
	}
	draw_set_role(w, ROLE_NORMAL);
	return y;
}

static void side_draw(struct ui *ui, WINDOW *w)
{
	werase(w);
	bool outline = ui->side.mode == SIDE_OUTLINE;
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
	if (outline)
		draw_outline(ui, w, y);
	else
		draw_entities(ui, w, y);
}


/* After a split: the cursor stays on the entity split from (`from`) when
 * this article names it, else it goes to the new one; say which. */
static void split_message(struct ui *ui, const char *name, int64_t from, bool on_from)
{
	struct side_state *s = &ui->side;
	struct store_entity e = { 0 };
	if (from && store_entity_get(ui->st, from, &e) != 1)
		e.name = NULL;
	if (on_from && s->ents.sel < s->n_entities) {
		ui_message(ui, false, _("\"%s\" is an entity of its own now; still on \"%s\", split from"),
		           name, s->entities[s->ents.sel].name);
	} else {
		int64_t id = 0;
		if (store_entity_find(ui->st, name, &id) == 1)
			for (size_t i = 0; i < s->n_entities; i++)
				if (s->entities[i].id == id)
					s->ents.sel = i;
		ui_message(ui, false, _("\"%s\" is an entity of its own now, at the cursor; \"%s\", split from,"
		           " is not named here"), name, e.name ? e.name : _("the other"));
	}
	free(e.name);
}

/* Run a correction on the selected entity and show the result. */
static void correct(struct ui *ui, enum store_correction kind, int64_t id, const char *arg,
                    int64_t other, enum entity_type type, const char *done)
{
	char *err = NULL;
	struct side_anchor at;
	side_pane_anchor(ui, &at, kind == STORE_FIX_SPLIT ? arg : NULL);
	if (store_entity_correct(ui->st, kind, id, arg, other, type, &err) < 0) {
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
		free(err);
		free(at.norm);
		return;
	}
	ui->side.marked = 0;
	text_pane_reload_mentions(ui);
	int atype = at.type;
	char *anorm = at.norm ? util_strdup(at.norm) : NULL;
	int64_t from = 0;
	if (anorm && store_entity_of_form(ui->st, atype, anorm, &from) != 1)
		from = 0;
	int found = side_pane_load_at(ui, &at);
	struct side_state *s = &ui->side;
	free(s->acted.norm);
	s->acted = (struct side_anchor){ atype, anorm, s->ents.sel };
	if (kind == STORE_FIX_SPLIT)
		split_message(ui, arg, from, found == 1);
	else
		ui_message(ui, false, "%s", done);
}

static void split_alias(struct ui *ui, const struct store_entity *e)
{
	char **names;
	size_t n;
	if (store_entity_aliases(ui->st, e->id, &names, &n) < 0 || n < 2) {
		ui_message(ui, false, n < 2 ? _("\"%s\" has only one name") : _("cannot read its names"), e->name);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return;
	}
	struct buf q = { 0 };
	buf_puts(&q, _("Split off ("));
	for (size_t i = 0; i < n; i++)
		buf_printf(&q, "%s%s", i ? ", " : "", names[i]);
	buf_puts(&q, "):");
	char *alias = prompt_line(ui, "split", q.data ? q.data : _("Split off:"), NULL, NULL, NULL);
	if (alias && *alias)
		correct(ui, STORE_FIX_SPLIT, e->id, alias, 0, 0, _("split off: it is an entity of its own now"));
	free(alias);
	buf_free(&q);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static bool entity_action(struct ui *ui, enum ui_action a)
{
	struct side_state *s = &ui->side;
	if (!s->n_entities)
		return false;
	const struct store_entity *e = &s->entities[s->ents.sel];
	switch (a) {
	case UI_ACTION_OPEN:
		mentions_view_open(ui, e->id, 0);
		return true;
	case UI_ACTION_RENAME: {
		char *name = prompt_line(ui, "rename", _("Rename to:"), e->name, NULL, NULL);
		if (name && *name)
			correct(ui, STORE_FIX_RENAME, e->id, name, 0, 0, _("renamed"));
		free(name);
		return true;
	}
	case UI_ACTION_MARK:
		s->marked = s->marked == e->id ? 0 : e->id;
		if (s->marked)
			ui_message(ui, false, _("marked \"%s\": select another entity and press M to merge it there"), e->name);
		return true;
	case UI_ACTION_MERGE:
		if (!s->marked || s->marked == e->id)
			ui_message(ui, true, _("mark an entity with m first, then press M on the one to merge it into"));
		else {
			struct store_entity from = { 0 };
			char *q = store_entity_get(ui->st, s->marked, &from) == 1
			        ? util_printf(_("merge \"%s\" into \"%s\"? (y/n)"), from.name, e->name) : NULL;
			free(from.name);
			if (prompt_choice(ui, q ? q : _("Merge the marked entity into this one? (y/n)"), "yn") == 'y')
				correct(ui, STORE_FIX_MERGE, s->marked, NULL, e->id, 0, _("merged (u undoes it)"));
			else
				ui_message(ui, false, _("not merged"));
			free(q);
		}
		return true;
	case UI_ACTION_SPLIT:
		split_alias(ui, e);
		return true;
	case UI_ACTION_RETYPE: {
		int c = prompt_choice(ui, _("Type: p person, l place, o organisation, d date (Esc cancels)"), "plod");
		static const char types[] = "plod";
		if (c)
			correct(ui, STORE_FIX_RETYPE, e->id, NULL, 0,
			        (enum entity_type)(strchr(types, c) - types), _("type changed"));
		return true;
	}
	case UI_ACTION_REJECT: {
		char *q = util_printf(_("\"%s\" is not an entity? (y/n)"), e->name);
		if (prompt_choice(ui, q ? q : _("Not an entity? (y/n)"), "yn") == 'y')
			correct(ui, STORE_FIX_REJECT, e->id, NULL, 0, 0, _("rejected: it will not be found again"));
		free(q);
		return true;
	}
	default:
		return false;
	}
}

static bool side_handle(struct ui *ui, enum ui_action a)
{
	struct side_state *s = &ui->side;
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
	return entity_action(ui, a);
}

static size_t side_entries(struct ui *ui)
{
	if (!text_pane_state(ui)->loaded)
		return 0;
	return ui->side.mode == SIDE_OUTLINE ? text_pane_state(ui)->art.n_paras : ui->side.n_entities;
}

const struct view_ops side_pane_ops = {
	.name = "side", .draw = side_draw, .key = side_handle, .entries = side_entries,
};
