/*
 * terminal.h: the reader's check of the terminal it is asked to draw on.
 */
#ifndef MARGO_UI_TERMINAL_H
#define MARGO_UI_TERMINAL_H

/* Why the terminal type `term` cannot show the reader (a phrase that
 * follows the type's name: "cannot move the cursor"), or NULL when it can
 * or when terminfo does not know it (newterm() then says so).  `fd` is the
 * terminal's file descriptor.  Writes nothing to the terminal. */
const char *ui_terminal_unfit(const char *term, int fd);

#endif
