/*
 * link.c: links between passages, which may be in different articles.
 *
 * L marks the selection (or the sentence at the cursor) as one end; L at
 * the other passage (reached by r, S, *, the lists...) asks the kind
 * (same claim, contradicts, follow-up) and makes the link.  In the related
 * list, L links the passage asked about to the one selected.  An end is
 * the annotation the user made on that very span, else a bare anchor
 * (listed nowhere as an annotation); a link is seen from both ends, F
 * follows it and D removes it.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/store_search.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

static char *link_from;     /* L was pressed here: the link's first end */
static bool link_from_made; /* ... an annotation made for the link alone */

bool link_pending(void)
{
	return link_from != NULL;
}

/* A link's kind as shown: the words stored in the library ("same claim",
 * "contradicts", "follow-up") stay in English, the screen says them in the
 * user's language; a kind margo does not know is shown as it is. */
const char *link_kind_shown(const char *kind)
{
	static const char *const kinds[] = {
		/* TRANSLATORS: a kind of link between two passages. */
		N_("same claim"),
		/* TRANSLATORS: a kind of link between two passages. */
		N_("contradicts"),
		/* TRANSLATORS: a kind of link between two passages. */
		N_("follow-up"),
	};
	for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return _(kinds[i]);
	return kind ? kind : "";
}

/* Ask the kind and link: true when linked; the message says what
 * happened. */
static bool make_link(struct ui *ui, const char *from, const char *to)
{
	int c = prompt_choice(ui, _("Link kind: s same claim, c contradicts, f follow-up (Esc cancels)"),
	                      "scf");
	if (!c) {
		ui_message(ui, false, _("not linked"));
		return false;
	}
	const char *kind = c == 's' ? "same claim" : c == 'c' ? "contradicts" : "follow-up";
	char *err = NULL;
	bool linked = store_annot_link(ui->st, from, to, kind, &err) == 0;
	if (!linked)
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	else
		ui_message(ui, false, _("linked: %s"), link_kind_shown(kind));
	free(err);
	annotate_load(ui);
	return linked;
}

/* The annotation standing for the selection, or the passage at the
 * cursor; NULL with a message on failure.  *made: it was made just now. */
static char *end_here(struct ui *ui, bool *made)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return NULL;
	/* As `a` takes it: the same sentence annotated is the same end. */
	size_t cs, ce;
	if (!annotate_span_here(ui, &cs, &ce)) {
		ui_message(ui, false, _("nothing to link here"));
		return NULL;
	}
	char *id = NULL, *err = NULL;
	int rc = store_annot_at(ui->st, t->art.id, cs, ce, &id, &err);
	if (rc < 0)
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	*made = rc == 1;
	free(err);
	t->selecting = false;
	return id;
}

/* An anchor made for a link that was not made goes again. */
static void drop_made_end(struct ui *ui, const char *id, bool made)
{
	char *err = NULL;
	if (made && id)
		store_annot_set_deleted(ui->st, id, true, &err);
	free(err);
}

void link_cancel(struct ui *ui)
{
	drop_made_end(ui, link_from, link_from_made);
	free(link_from);
	link_from = NULL;
	link_from_made = false;
	annotate_load(ui);
}

void link_here(struct ui *ui)
{
	bool made = false;
	char *id = end_here(ui, &made);
	if (!id)
		return;
	if (!link_from) {
		link_from = id;
		link_from_made = made;
		annotate_load(ui);
		ui_message(ui, false, _("linking from here: go to the other passage and press L there"));
		return;
	}
	if (!make_link(ui, link_from, id)) {  /* it said why */
		drop_made_end(ui, id, made);
		link_cancel(ui);
	} else {
		free(link_from);
		link_from = NULL;
		link_from_made = false;
	}
	free(id);
}

void link_passages(struct ui *ui, int64_t from, int64_t to)
{
	int64_t a[2];
	size_t s[2], e[2];
	char *ids[2] = { NULL, NULL }, *err = NULL;
	int64_t p[2] = { from, to };
	bool made[2] = { false, false };
	for (int i = 0; i < 2; i++) {
		int rc = store_passage_span(ui->st, p[i], &a[i], &s[i], &e[i]) != 1 ? -1
		       : store_annot_at(ui->st, a[i], s[i], e[i], &ids[i], &err);
		if (rc < 0) {
			ui_message(ui, true, "%s", err ? err : _("cannot find the passage"));
			free(err);
			drop_made_end(ui, ids[0], made[0]);
			free(ids[0]);
			return;
		}
		made[i] = rc == 1;
	}
	if (!make_link(ui, ids[0], ids[1]))
		for (int i = 0; i < 2; i++)
			drop_made_end(ui, ids[i], made[i]);
	free(ids[0]);
	free(ids[1]);
}

/* Which of the links `l` of the annotation (the one when there is one):
 * its index, or -1 when the user cancelled. */
static long choose_link(struct ui *ui, const char *verb, const struct store_annot_linked *l,
                        size_t n)
{
	if (n == 1)
		return 0;
	/* Several: ask which, by number (the first nine). */
	struct buf q = { 0 }, keys = { 0 };
	buf_printf(&q, "%s:", verb);
	int each = n > 3 ? 12 : 20;  /* cells of each title shown */
	for (size_t i = 0; i < n && i < 9; i++) {
		const char *t = l[i].title ? l[i].title : "?";
		char *shown = text_render(t, strlen(t), 0, each, NULL);
		buf_printf(&q, " %zu %s, %s;", i + 1, link_kind_shown(l[i].kind), shown ? shown : "?");
		free(shown);
		buf_putc(&keys, (char)('1' + i));
	}
	buf_putc(&q, ' ');
	buf_puts(&q, _("(Esc cancels)"));
	int c = q.data && keys.data ? prompt_choice(ui, q.data, keys.data) : 0;
	buf_free(&q);
	buf_free(&keys);
	return c ? c - '1' : -1;
}

/* The links of the annotation at the cursor that has some (asking which
 * annotation where several overlap); false, having said why, when none. */
static bool links_here(struct ui *ui, const char *not_done, char **id,
                       struct store_annot_linked **l, size_t *n)
{
	bool asked;
	const struct annot_span *at = annotate_choose(ui, true, true, &asked);
	*l = NULL;
	*n = 0;
	*id = NULL;
	if (!at && asked) {
		ui_message(ui, false, "%s", not_done);
		return false;
	}
	if (!at || store_annot_links(ui->st, at->id, l, n) < 0 || *n == 0 ||
	    !(*id = util_strdup(at->id))) {
		ui_message(ui, false, _("no link here: L makes one"));
		store_annot_links_free(*l, *n);
		return false;
	}
	return true;
}

void link_follow(struct ui *ui)
{
	struct store_annot_linked *l;
	size_t n;
	char *id;
	if (!links_here(ui, _("not followed"), &id, &l, &n))
		return;
	free(id);
	long pick = choose_link(ui, _("Follow"), l, n);
	if (pick < 0) {
		ui_message(ui, false, _("not followed"));
		store_annot_links_free(l, n);
		return;
	}
	char *kind = util_strdup(link_kind_shown(l[pick].kind));
	jump_to_span(ui, l[pick].article, (size_t)l[pick].start, (size_t)l[pick].end);
	ui_message(ui, false, _("followed: %s"), kind ? kind : "");
	free(kind);
	store_annot_links_free(l, n);
}

void link_remove(struct ui *ui)
{
	struct store_annot_linked *l;
	size_t n;
	char *id, *err = NULL;
	if (!links_here(ui, _("no link removed"), &id, &l, &n))
		return;
	long pick = choose_link(ui, _("Remove the link"), l, n);
	if (pick < 0)
		ui_message(ui, false, _("no link removed"));
	else if (store_annot_unlink(ui->st, id, l[pick].other, &err) < 0)
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	else
		ui_message(ui, false, _("link removed: %s (u brings it back)"), link_kind_shown(l[pick].kind));
	free(err);
	free(id);
	store_annot_links_free(l, n);
	annotate_load(ui);
}
