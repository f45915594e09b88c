/*
 * mouse.h: the mouse in the reader (mouse.c), off unless `set mouse on`,
 * and the few things it asks of the panes, which live in their files.
 */
#ifndef MARGO_UI_MOUSE_H
#define MARGO_UI_MOUSE_H

#include "ui.h"

/* Ask the terminal for mouse reports (on) or leave it alone (off: no
 * mouse mask at all, so its own selection and copying work). */
void mouse_set(struct ui *ui, bool on);
/* After ^Z and fg: ask for the reports again when the mouse is on. */
void mouse_resume(struct ui *ui);
/* KEY_MOUSE came: read the event and act on it; `dispatch` runs the open
 * action of a double click.  False when nothing changed. */
bool mouse_event(struct ui *ui, void (*dispatch)(struct ui *ui, enum ui_action a));

/* text_pane.c: the body byte drawn at window row y, column x ([*off,
 * *end): its grapheme); false when no body text is drawn there. */
bool text_pane_byte_at(struct ui *ui, int y, int x, size_t *off, size_t *end);
/* The cursor on the sentence of body byte off, the view unmoved. */
void text_pane_cursor_at(struct ui *ui, size_t off);
/* Scroll by n rows (up when negative), the cursor kept in view. */
void text_pane_scroll_rows(struct ui *ui, int n);
/* list_pane.c: select the row drawn at window row y (false: none there);
 * scroll by n rows, the selection kept in view. */
bool list_pane_click(struct ui *ui, int y);
void list_pane_scroll(struct ui *ui, int n);
/* side_pane.c: select the entry drawn at window row y (false: none). */
bool side_pane_click(struct ui *ui, int y);
/* annotate.c: the selection [anchor, head) in the text, as v makes it;
 * anchor == head: no selection. */
void annotate_select_span(struct ui *ui, size_t anchor, size_t head);

#endif
