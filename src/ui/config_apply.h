/*
 * config_apply.h: what the reader takes from the configuration file
 * (config_apply.c; the bindings are keymap.h's).
 */
#ifndef MARGO_UI_CONFIG_APPLY_H
#define MARGO_UI_CONFIG_APPLY_H

#include <curses.h>

struct ui;

/* At start: the status line says the configuration had errors
 * (config_apply.c). */
void ui_config_report(struct ui *ui);

/* The configuration's color lines over the roles' attributes (draw.c),
 * on a colour terminal only: NO_COLOR and monochrome keep the plain
 * attributes. */
void ui_config_colors(attr_t *role_attr);

#endif
