/*
 * terminal.h: the reader's check of the terminal it is asked to draw on.
 */
#ifndef MARGO_UI_TERMINAL_H
#define MARGO_UI_TERMINAL_H

/* Whether the terminal type `term` can show the reader: 0 yes; 1 no, with
 * why in *why (a phrase that follows the type's name: "cannot move the
 * cursor"); -1 when terminfo does not know it.  `fd` is the terminal's
 * file descriptor.  Writes nothing to the terminal, and leaves no curses
 * state behind (newterm() on an unknown type would). */
int ui_terminal_check(const char *term, int fd, const char **why);

#endif
