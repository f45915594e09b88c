/*
 * text_pane.h: the open article: its rows, cursor, mentions, annotations
 * and search, kept by the text pane (text_pane.c) for the files that work
 * on the open article.
 */
#ifndef MARGO_UI_TEXT_PANE_H
#define MARGO_UI_TEXT_PANE_H

#include "ui.h"

/* One display row of the text pane. */
enum text_row_kind {
	TEXT_ROW_TITLE,
	TEXT_ROW_SUBTITLE,
	TEXT_ROW_META,
	TEXT_ROW_HEADING,
	TEXT_ROW_BODY,
	TEXT_ROW_BLANK,
};

struct text_row {
	enum text_row_kind kind;
	const char *src;          /* the string this row shows a slice of */
	size_t start, end;        /* bytes of src */
	int para;                 /* paragraph index, -1 in the header */
};

struct store_annot_linked;

/* An annotation of the open article, in bytes of its text. */
struct annot_span {
	size_t start, end;
	char *id;
	char *tags, *note;
	int role;                 /* enum ui_role of its colour */
	struct store_annot_linked *links;  /* read when first shown */
	size_t n_links;
	bool links_read;
	bool anchor;              /* a bare anchor: only a link's end */
};

struct text_state {
	bool loaded;
	struct store_article art;
	char *meta_line;          /* "di Author · 2023-09 · source" */
	struct text_row *rows;
	size_t n_rows;
	int wrap_width;           /* width the rows were built for */
	size_t top;               /* first row shown */
	size_t cursor;            /* current sentence */
	int64_t index;            /* position of the article in the list */
	struct store_mention *mentions;  /* entity mentions, by start */
	size_t n_mentions;
	bool has_target;          /* a mention jumped to, highlighted */
	struct store_mention target;
	bool selecting;           /* v: a selection is being made */
	size_t sel_anchor, sel_head;  /* its ends (bytes; either order) */
	struct annot_span *annots;    /* the article's annotations, by start */
	size_t n_annots;
	char *query;              /* the search in the article, or NULL */
	bool query_words;         /* read as S reads it (else one phrase) */
	size_t *hits;             /* its hits: start, end byte pairs */
	size_t n_hits, hit;       /* how many; the current one */
	bool read;                /* marked read (reading.c) */
	bool moved;               /* scrolled since it was opened */
	int64_t saved_pos;        /* where it was left (code points) */
};

/* The open article's state (one reader, one open article). */
struct text_state *text_pane_state(const struct ui *ui);

/* text_pane.c */
int text_pane_open(struct ui *ui, int64_t article_id);
void text_pane_goto_para(struct ui *ui, size_t para);
size_t text_pane_cursor_para(const struct ui *ui);
void text_pane_goto_offset(struct ui *ui, size_t offset);
/* The body byte of the top line (0 while the header shows), and the
 * view scrolled to put the line of body byte `off` at the top. */
size_t text_pane_top_offset(struct ui *ui);
void text_pane_scroll_to(struct ui *ui, size_t off);
/* Scrolled past the first screen, or the end in view. */
bool text_pane_read_enough(struct ui *ui);
/* The entity the cursor is on: the mention jumped to, the sidebar's
 * selection if it is in the cursor's sentence, else the first mention in
 * that sentence; 0 if none.  *at gets the mention's start when known. */
int64_t text_pane_entity_at_cursor(struct ui *ui, size_t *at, bool *known);
/* find.c: search inside the article */
void find_prompt(struct ui *ui);
/* Run the current search again on a newly opened article. */
void find_refresh(struct ui *ui);
void find_next(struct ui *ui, int dir);
void find_clear(struct ui *ui);
/* Make `query` the search in the article (`words`: as S reads it), its
 * current hit the one at byte `at` or the first after. */
void find_set(struct ui *ui, const char *query, bool words, size_t at);
bool find_is_hit(const struct ui *ui, size_t pos);
/* The next byte after pos (below end) where a hit starts or ends. */
size_t find_next_edge(const struct ui *ui, size_t pos, size_t end);
/* The annotation overlapping the cursor's sentence, or NULL. */
const struct annot_span *annotate_at_cursor(const struct ui *ui);
/* The one of those the user means: at once when there is one, else asked
 * by number; NULL when none (*asked false) or on Esc (*asked true). */
const struct annot_span *annotate_choose(struct ui *ui, bool anchors, bool linked, bool *asked);
/* The name of its colour ("green" when none is set). */
const char *annotate_color_name(const struct annot_span *a);
/* The links of one of the open article's annotations, read once per
 * annotate_load() (not at every redraw). */
const struct store_annot_linked *annotate_links(struct ui *ui, const struct annot_span *a,
                                                size_t *n);

/* Inside the text pane (text_pane.c, text_draw.c): the width the text is
 * wrapped to; the rows built for it; drawing; the status line's part. */
int text_pane_wrap_width(const struct ui *ui);
void text_pane_ensure_rows(struct ui *ui);
void text_pane_draw(struct ui *ui, WINDOW *w);
void text_pane_status(struct ui *ui, struct buf *b);

#endif
