/*
 * side_pane.h: the sidebar's state (side_pane.c): the open article's
 * entities, or its outline, each a list of the list widget.
 */
#ifndef MARGO_UI_SIDE_PANE_H
#define MARGO_UI_SIDE_PANE_H

#include <stddef.h>
#include <stdint.h>

#include "margo/store_entity.h"
#include "listw.h"
#include "actions.h"

enum side_mode { SIDE_ENTITIES, SIDE_OUTLINE };

/* The selected entity, kept by one of its names (not `except`) and its
 * row, so that after a correction or an undo, which make entities again
 * with new ids, the cursor finds it: on the entity holding that name now,
 * else on the same row.  side_pane_load_at frees it. */
struct side_anchor {
	int type;
	char *norm;
	size_t row;
};

struct side_state {
	enum side_mode mode;
	struct listw outline;     /* the paragraphs: the selected one */
	struct store_entity *entities;   /* of the open article, by type */
	size_t n_entities;
	struct listw ents;        /* the entities: the selected one */
	size_t etop;              /* first row shown (group headers are rows) */
	int64_t marked;           /* entity marked for a merge, or 0 */
	struct side_anchor acted; /* the entity the last correction acted on:
	                           * where u and Ctrl-R of it put the cursor */
};

/* The sidebar's state, kept in side_pane.c. */
struct ui;
struct side_state *side_pane_state(const struct ui *ui);
/* side_correct.c: a correction of the selected entity (R m M x T X);
 * false for any other action. */
bool side_pane_correct(struct ui *ui, enum ui_action a);

#endif
