/*
 * config_keys.c: key names of the configuration file, both ways.
 *
 * "j" is one key, "gg" two; "^X" and "<C-x>" are Ctrl-X; names in angle
 * brackets are keys without a character (<PgDn>, <F5>) or characters a
 * line would read otherwise (<Space>, <Hash> for "#", <Lt> for "<").
 * Names are matched without regard to case.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "margo/config.h"
#include "margo/i18n.h"
#include "margo/util.h"

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Space", ' ' }, { "Enter", '\r' }, { "Return", '\r' }, { "CR", '\r' },
	{ "Tab", '\t' }, { "Esc", 27 }, { "Escape", 27 }, { "Hash", '#' },
	{ "Lt", '<' }, { "Gt", '>' }, { "Bslash", '\\' }, { "Del", 127 },
	{ "Up", CONFIG_KEY_UP }, { "Down", CONFIG_KEY_DOWN }, { "Left", CONFIG_KEY_LEFT },
	{ "Right", CONFIG_KEY_RIGHT }, { "PgUp", CONFIG_KEY_PGUP }, { "PageUp", CONFIG_KEY_PGUP },
	{ "PgDn", CONFIG_KEY_PGDN }, { "PageDown", CONFIG_KEY_PGDN }, { "Home", CONFIG_KEY_HOME },
	{ "End", CONFIG_KEY_END }, { "Insert", CONFIG_KEY_INSERT }, { "Delete", CONFIG_KEY_DELETE },
	{ "Backspace", CONFIG_KEY_BACKSPACE }, { "BS", CONFIG_KEY_BACKSPACE },
	{ "S-Tab", CONFIG_KEY_BTAB }, { "BackTab", CONFIG_KEY_BTAB },
	{ "KpEnter", CONFIG_KEY_KPENTER },
};

/* The name printed for a key: the first of `named` that has it, except
 * for these (printed as ^X or as the character). */
static bool printed_plain(int key)
{
	return key == 127;
}

static int ctrl_of(int c)
{
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	if (c == '?')
		return 127;
	if (c < '@' || c > '_')
		return -1;
	return c & 0x1f;
}

int config_parse_keys(const char *s, int keys[CONFIG_SEQ_MAX], char **err)
{
	int n = 0;
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	*err = NULL;
	if (p == end) {
		*err = util_strdup(_("no key given"));
		return -1;
	}
	while (p < end) {
		int key = -1;
		size_t used = 0;
		if (*p == '<') {
			const uint8_t *close = memchr(p, '>', (size_t)(end - p));
			if (close && close - p > 1) {
				size_t len = (size_t)(close - p - 1);
				const char *name = (const char *)p + 1;
				if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
					key = ctrl_of((unsigned char)name[2]);
				for (size_t i = 0; key < 0 && i < sizeof named / sizeof *named; i++)
					if (strlen(named[i].name) == len &&
					    strncasecmp(name, named[i].name, len) == 0)
						key = named[i].key;
				if (key < 0 && (name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
					char *stop;
					long f = strtol(name + 1, &stop, 10);
					if (stop == name + len && f >= 1 && f <= 12)
						key = CONFIG_KEY_F1 + (int)f - 1;
				}
				if (key < 0) {
					*err = util_printf(_("unknown key name \"<%.*s>\" (valid: a character, "
					                   "^X, <C-x>, <Space>, <Enter>, <Tab>, <Esc>, <Up>, "
					                   "<Down>, <Left>, <Right>, <PgUp>, <PgDn>, <Home>, "
					                   "<End>, <Insert>, <Delete>, <Backspace>, <S-Tab>, "
					                   "<F1>..<F12>, <Hash>, <Lt>)"), (int)len, name);
					return -1;
				}
				used = len + 2;
			}
		} else if (*p == '^' && p + 1 < end) {
			key = ctrl_of(p[1]);
			if (key < 0) {
				*err = util_printf(_("\"^%c\" is no control key (valid: ^@, ^A..^Z, ^[, ^\\, "
				                   "^], ^^, ^_, ^?)"), p[1] < 0x80 ? p[1] : '?');
				return -1;
			}
			used = 2;
		}
		if (key < 0) {
			ucs4_t uc;
			int len = u8_mbtoucr(&uc, p, (size_t)(end - p));
			if (len <= 0) {
				*err = util_strdup(_("a key is not valid UTF-8"));
				return -1;
			}
			if (uc < 0x20 || uc == 0x7f) {
				*err = util_strdup(_("a control character in a key (write ^X or <Esc>)"));
				return -1;
			}
			key = (int)uc;
			used = (size_t)len;
		}
		if (n == CONFIG_SEQ_MAX) {
			*err = util_printf(_("\"%s\" is more than %d keys"), s, CONFIG_SEQ_MAX);
			return -1;
		}
		keys[n++] = key;
		p += used;
	}
	return n;
}

char *config_key_name(int key)
{
	if (key == '#')
		return util_strdup("<Hash>");
	if (key == '<')
		return util_strdup("<Lt>");
	for (size_t i = 0; !printed_plain(key) && i < sizeof named / sizeof *named; i++)
		if (named[i].key == key && key != '>' && key != '\\')
			return util_printf("<%s>", named[i].name);
	if (key >= CONFIG_KEY_F1 && key <= CONFIG_KEY_LAST)
		return util_printf("<F%d>", key - CONFIG_KEY_F1 + 1);
	if (key == 127)
		return util_strdup("^?");
	if (key >= 0 && key < 0x20)
		return util_printf("^%c", '@' + key);
	if (key > 0x20 && key < 0x110000) {
		uint8_t s[7];
		int n = u8_uctomb(s, (ucs4_t)key, 6);
		if (n > 0)
			return util_strndup((const char *)s, (size_t)n);
	}
	return util_printf("<Key%d>", key);
}
