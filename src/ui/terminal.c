/*
 * terminal.c: whether the terminal TERM names can show the reader.
 *
 * Kept apart from ui.c because <term.h> defines a macro for every
 * terminfo capability (lines, columns, ...), which would clash with the
 * reader's own names.
 */
#include <config.h>

#include <stddef.h>

#include <curses.h>
#include <term.h>

#include "margo/i18n.h"
#include "terminal.h"

int ui_terminal_check(const char *term, int fd, const char **why)
{
	int found = 0;
	*why = NULL;
	if (setupterm((char *)term, fd, &found) != OK || found != 1)
		return -1;
	char *cup = tigetstr("cup");
	if (tigetflag("hc") > 0)
		*why = _("is a hardcopy (printing) terminal");
	else if (tigetflag("gn") > 0)
		*why = _("is a generic type that does not say how to move the cursor");
	else if (cup == NULL || cup == (char *)-1)
		*why = _("cannot move the cursor");
	del_curterm(cur_term);
	return *why ? 1 : 0;
}
