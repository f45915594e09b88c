/*
 * side_correct.c: the corrections of the sidebar's selected entity:
 * rename, merge (marked with m, merged with M), split a name off, retype,
 * reject.  Each is kept in the library (store_entity_correct) and can be
 * taken back with u; the cursor stays on the entity acted on.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/i18n.h"
#include "margo/store_annot.h"
#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

/* After a split: the cursor stays on the entity split from (`from`) when
 * this article names it, else it goes to the new one; say which. */
static void split_message(struct ui *ui, const char *name, int64_t from, bool on_from)
{
	struct side_state *s = side_pane_state(ui);
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
	side_pane_state(ui)->marked = 0;
	text_pane_reload_mentions(ui);
	int atype = at.type;
	char *anorm = at.norm ? util_strdup(at.norm) : NULL;
	int64_t from = 0;
	if (anorm && store_entity_of_form(ui->st, atype, anorm, &from) != 1)
		from = 0;
	int found = side_pane_load_at(ui, &at);
	struct side_state *s = side_pane_state(ui);
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

bool side_pane_correct(struct ui *ui, enum ui_action a)
{
	struct side_state *s = side_pane_state(ui);
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
			if (prompt_yes(ui, q ? q : _("Merge the marked entity into this one? (y/n)")))
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
		if (prompt_yes(ui, q ? q : _("Not an entity? (y/n)")))
			correct(ui, STORE_FIX_REJECT, e->id, NULL, 0, 0, _("rejected: it will not be found again"));
		free(q);
		return true;
	}
	default:
		return false;
	}
}

