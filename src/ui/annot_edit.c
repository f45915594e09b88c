/*
 * annot_edit.c: making and changing annotations by keyboard.
 *
 * `a` asks for tags and saves at once (the selection, or the sentence at
 * the cursor); `t` changes the tags of an annotation, `c` its note on the
 * status line; what is typed is kept as a draft until saved, and what a
 * full disk refused is kept and offered again.  `u` and `Ctrl-R` undo and
 * redo through the library's journal.  Each change is its own short
 * transaction in the library.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "margo/store_journal.h"
#include "ui.h"
#include "text_pane.h"

/* ---- annotating ------------------------------------------------------------------ */

static char *reattach;  /* an orphan's id: the next a places it */

void annotate_reattach_next(char *id)
{
	free(reattach);
	reattach = id;
}

void annotate_edit_free(void)
{
	free(reattach);
	reattach = NULL;
}

static void annotate_span(struct ui *ui, size_t cs, size_t ce, const char *initial);

void annotate_selection(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return;
	size_t cs, ce;
	if (!annotate_span_here(ui, &cs, &ce))
		return;
	if (reattach) {
		/* An orphan waiting for its new place: this is it. */
		char *err = NULL;
		if (store_annot_place(ui->st, reattach, true, cs, ce, &err) < 0) {
			ui_message(ui, true, "%s", err ? err : _("out of memory"));
		} else {
			t->selecting = false;
			annotate_load(ui);
			ui_message(ui, false, _("re-attached here"));
		}
		free(err);
		free(reattach);
		reattach = NULL;
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
			ui_message(ui, false, _("tags: %s"), list.data);
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
		ui_message(ui, true, _("cannot keep the draft: %s"), store_errmsg(ui->st));
}

/* Tags and notes whose save failed (a full disk): kept here, offered
 * again at the same place, printed at exit if still not saved. */
static struct unsaved {
	bool note;
	int64_t article;
	size_t cs, ce;            /* code points */
	char *text;
} *unsaved;
static size_t n_unsaved, cap_unsaved;

/* What was typed at this place and could not be saved, or NULL. */
bool annotate_has_unsaved(void)
{
	return n_unsaved > 0;
}

static struct unsaved *unsaved_at(const struct draft_place *d)
{
	for (size_t i = 0; i < n_unsaved; i++) {
		struct unsaved *u = &unsaved[i];
		if (u->note == d->note && u->article == d->article &&
		    u->cs == d->span[0] && u->ce == d->span[1])
			return u;
	}
	return NULL;
}

static void unsaved_drop(struct unsaved *u)
{
	if (!u)
		return;
	free(u->text);
	*u = unsaved[--n_unsaved];
}

/* A save failed: keep what was typed (in memory, and as the draft when the
 * library still takes that) and say so. */
static void keep_unsaved(struct ui *ui, const struct draft_place *d, const char *text,
                         const char *why)
{
	bool drafted = store_annot_draft_save(ui->st, d->article, d->span[0], d->span[1],
	                                      d->note, text) == 0;
	struct unsaved *u = unsaved_at(d);
	char *copy = util_strdup(text);
	if (!u && copy) {
		void *grown = util_grow(unsaved, &cap_unsaved, n_unsaved, sizeof *unsaved);
		if (grown) {
			unsaved = grown;
			u = &unsaved[n_unsaved++];
			u->text = NULL;
		}
	}
	if (u && copy) {
		free(u->text);
		*u = (struct unsaved){ d->note, d->article, d->span[0], d->span[1], copy };
	} else {
		free(copy);
	}
	/* Why first: on a narrow status line the reason is what must show. */
	/* TRANSLATORS: the reason, then the key that tries again (c or a). */
	ui_message(ui, true, drafted ? _("%s; kept as a draft (%s here retries)")
	                             : _("%s; kept (%s here retries)"),
	           why ? why : _("not saved: out of memory"), d->note ? "c" : "a");
}

char *annotate_unsaved_at_exit(struct ui *ui)
{
	if (!n_unsaved) {
		free(unsaved);
		unsaved = NULL;
		cap_unsaved = 0;
		return NULL;
	}
	struct unsaved *u = &unsaved[n_unsaved - 1];
	bool drafted = n_unsaved == 1 &&
	               store_annot_draft_save(ui->st, u->article, u->cs, u->ce, u->note,
	                                      u->text) == 0;
	char *line = util_printf(
		u->note ? (drafted ? _("not saved: the note \xe2\x80\x9c%s\xe2\x80\x9d for article %lld, "
		                       "characters %zu-%zu (kept as a draft: offered at the next start)")
		                   : _("not saved: the note \xe2\x80\x9c%s\xe2\x80\x9d for article %lld, "
		                       "characters %zu-%zu"))
		        : (drafted ? _("not saved: the tags \xe2\x80\x9c%s\xe2\x80\x9d for article %lld, "
		                       "characters %zu-%zu (kept as a draft: offered at the next start)")
		                   : _("not saved: the tags \xe2\x80\x9c%s\xe2\x80\x9d for article %lld, "
		                       "characters %zu-%zu")),
		u->text, (long long)u->article, u->cs, u->ce);
	unsaved_drop(u);
	return line;
}

/* Ask for the note of an annotation on the status line, where Ctrl-J
 * starts a new line; saved on Enter, drafted until then. */
static void note_span(struct ui *ui, const char *id, int64_t article, size_t cs, size_t ce,
                      const char *initial)
{
	struct draft_place d = { article, { cs, ce }, true };
	if (unsaved_at(&d))
		initial = unsaved_at(&d)->text;
	char *note = prompt_text_drafted(ui, _("Note (Ctrl-J new line, Enter saves):"), initial,
	                                 save_draft, &d);
	if (!note) {
		if (!ui_exit_requested(ui)) {
			store_annot_draft_clear(ui->st);
			ui_message(ui, false, _("the note is unchanged"));
		}
		return;
	}
	char *err = NULL;
	if (store_annot_set_note(ui->st, id, note, &err) < 0) {
		keep_unsaved(ui, &d, note, err);
	} else {
		unsaved_drop(unsaved_at(&d));
		store_annot_draft_clear(ui->st);
		annotate_load(ui);
		ui_message(ui, false, *note ? _("note saved") : _("note removed"));
	}
	free(err);
	free(note);
}

void annotate_note_inline(struct ui *ui, const char *id, const char *note)
{
	/* The draft needs the place: from the open article or the list. */
	const struct annot_span *at = NULL;
	for (size_t i = 0; i < text_pane_state(ui)->n_annots; i++)
		if (strcmp(text_pane_state(ui)->annots[i].id, id) == 0)
			at = &text_pane_state(ui)->annots[i];
	if (at) {
		const char *body = text_pane_state(ui)->art.body;
		size_t cs = text_cp_count(body, at->start);
		note_span(ui, id, text_pane_state(ui)->art.id, cs, cs + text_cp_count(body + at->start,
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
	struct text_state *t = text_pane_state(ui);
	struct draft_place d = { t->art.id, { cs, ce }, false };
	if (!initial && unsaved_at(&d))
		initial = unsaved_at(&d)->text;
	char *tags = prompt_line_drafted(ui, "tags", _("Tags (a, b/c):"), initial, save_draft, &d,
	                                 complete_tag);
	if (!tags) {
		if (!ui_exit_requested(ui)) {  /* Esc: the user let it go */
			store_annot_draft_clear(ui->st);
			ui_message(ui, false, _("not annotated"));
		}
		return;
	}
	char *id = NULL, *err = NULL;
	int created = store_annot_create(ui->st, t->art.id, cs, ce, tags, NULL, store_coder(ui->st),
	                                 &id, &err);
	if (created < 0) {
		keep_unsaved(ui, &d, tags, err);
	} else {
		unsaved_drop(unsaved_at(&d));
		store_annot_draft_clear(ui->st);
		t->selecting = false;
		annotate_load(ui);
		if (*tags)
			ui_message(ui, false, _("annotated: %s (c: a note, H: a colour)"), tags);
		else
			ui_message(ui, false, _("annotated (c: a note, H: a colour)"));
	}
	free(id);
	free(err);
	free(tags);
}

void annotate_retag(struct ui *ui, const char *id, const char *tags)
{
	char *typed = prompt_line_drafted(ui, "tags", _("Tags (a, b/c; empty removes them):"), tags,
	                                  NULL, NULL, complete_tag);
	if (!typed) {
		ui_message(ui, false, _("the tags are unchanged"));
		return;
	}
	char *err = NULL;
	if (store_annot_retag(ui->st, id, typed, &err) < 0)  /* what was typed is said back */
		ui_message(ui, true, _("%s; the tags typed were: %s"), err ? err : _("out of memory"), typed);
	else if (*typed)
		ui_message(ui, false, _("tags: %s (u restores the old ones)"), typed);
	else
		ui_message(ui, false, _("tags removed (u restores them)"));
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
	buf_printf(&q, note ? _("A note was being typed (note \xe2\x80\x9c%s\xe2\x80\x9d): r restores "
	                       "it, d drops it")
	                   : _("An annotation was being typed (tags \xe2\x80\x9c%s\xe2\x80\x9d): r "
	                       "restores it, d drops it"), text);
	int c = prompt_choice(ui, q.data ? q.data : _("An annotation was being typed: r/d"), "rd");
	buf_free(&q);
	if (c == 'r' && text_pane_open(ui, article) == 0) {
		const char *body = text_pane_state(ui)->art.body;
		size_t len = text_pane_state(ui)->art.body_len;
		size_t bs = text_cp_to_byte(body, len, cs), be = text_cp_to_byte(body, len, ce);
		jump_to_span(ui, article, bs, be);
		ui_draw_all(ui);
		char *id = NULL, *err = NULL;
		if (!note)
			annotate_span(ui, cs, ce, text);
		else if (store_annot_at(ui->st, article, cs, ce, &id, &err) >= 0)
			note_span(ui, id, article, cs, ce, text);
		else
			ui_message(ui, true, "%s", err ? err : _("out of memory"));
		free(id);
		free(err);
	} else if (c == 'd') {
		store_annot_draft_clear(ui->st);
		ui_message(ui, false, _("draft dropped"));
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
		ui_message(ui, true, "%s", err ? err : _("out of memory"));
	} else if (rc == 0) {
		ui_message(ui, false, redo ? _("nothing to redo") : _("nothing to undo"));
	} else {
		char *msg = redo ? util_printf(_("redone: %s"), summary)
		                 : store_journal_undo_message(kind, summary);
		ui_message(ui, false, "%s", msg ? msg : summary);
		free(msg);
	}
	/* Undoing or redoing a correction: back to the entity it acted on. */
	static const char *const fixes[] = { "merge", "split", "rename", "retype", "reject" };
	for (size_t i = 0; rc > 0 && i < sizeof fixes / sizeof *fixes && side_pane_state(ui)->acted.norm; i++)
		if (kind && strcmp(kind, fixes[i]) == 0) {
			char *norm = util_strdup(side_pane_state(ui)->acted.norm);
			if (norm) {
				free(at.norm);
				at.norm = norm;
				at.type = side_pane_state(ui)->acted.type;
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
