/*
 * i18n.h: messages in the reader's language, through gettext.
 *
 *   _("text")          the translation of a message, at run time
 *   N_("text")         marks a message for translation where a constant is
 *                      needed (tables); translate it with _() where shown
 *   ngettext(s, p, n)  a message holding a number: singular, plural, count
 *
 * Only what a person reads is marked: never JSONL keys, format names,
 * option names, action names, configuration syntax or SQL.  The template
 * is made from the marks by xgettext with the keywords of po/Makevars; see
 * docs/TRANSLATING.md.
 */
#ifndef MARGO_I18N_H
#define MARGO_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (const char *)(s) : (const char *)(p))
#endif
#define N_(s) s

/* Binds margo's messages: from $MARGO_LOCALEDIR when set and not empty
 * (a folder holding LL/LC_MESSAGES/margo.mo, for tests and uninstalled
 * runs), else from the LOCALEDIR margo was configured with; always as
 * UTF-8.  Call once, after setlocale(). */
void i18n_init(void);

#endif
