/*
 * i18n.c: binding margo's message catalogue (see include/margo/i18n.h).
 */
#include <config.h>

#include <stdlib.h>

#include "margo/i18n.h"

void i18n_init(void)
{
#ifdef ENABLE_NLS
	const char *dir = getenv("MARGO_LOCALEDIR");
	if (!dir || !*dir)
		dir = MARGO_LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
}
