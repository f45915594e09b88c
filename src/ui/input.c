/*
 * input.c: keys.  Reading keys from the terminal, and scripted input for tests (MARGO_SCRIPT=FILE).
 *
 * A script has one step per line: "# comment", key names such as <Down>,
 * <Enter>, <Tab>, <S-Tab>, <PgDn>, <C-o>, <Hash> (a "#" that does not start
 * a comment), <Lt> ("<"), or literal characters (each one key), or a
 * command: ":save-display FILE" (the screen as text),
 * ":save-attrs FILE" (one letter per cell: r reverse, b bold, u underline,
 * . plain), ":save-state FILE" (the model as key=value lines),
 * ":resize COLSxLINES".  A step is fed only after the previous one was
 * handled and drawn, so runs repeat exactly.  The end of the script quits.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

#define CTRL(c) ((c) & 0x1f)

/* ---- scripts ------------------------------------------------------------ */

int input_open_script(struct ui *ui, const char *path)
{
	ui->script = fopen(path, "r");
	return ui->script ? 0 : -1;
}

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Down", UI_FN(KEY_DOWN) }, { "Up", UI_FN(KEY_UP) }, { "Left", UI_FN(KEY_LEFT) },
	{ "Right", UI_FN(KEY_RIGHT) }, { "Enter", '\r' }, { "Tab", '\t' },
	{ "S-Tab", UI_FN(KEY_BTAB) }, { "PgDn", UI_FN(KEY_NPAGE) }, { "PgUp", UI_FN(KEY_PPAGE) },
	{ "Home", UI_FN(KEY_HOME) }, { "End", UI_FN(KEY_END) }, { "Space", ' ' },
	{ "Esc", 27 }, { "Backspace", UI_FN(KEY_BACKSPACE) }, { "F1", UI_FN(KEY_F(1)) },
	{ "Resize", UI_FN(KEY_RESIZE) }, { "Hash", '#' }, { "Lt", '<' },
	{ "Colon", ':' },
};

/* Turn one script line of keys into queued key codes. */
static void queue_keys(struct ui *ui, const char *line)
{
	ui->n_script_keys = ui->next_script_key = 0;
	const char *p = line;
	while (*p && ui->n_script_keys < (int)(sizeof ui->script_keys / sizeof *ui->script_keys)) {
		int key = -1;
		if (*p == '<') {
			const char *end = strchr(p, '>');
			if (end) {
				size_t n = (size_t)(end - p - 1);
				if (n == 3 && p[1] == 'C' && p[2] == '-')
					key = CTRL(p[3]);
				for (size_t i = 0; key < 0 && i < sizeof key_names / sizeof *key_names; i++)
					if (strlen(key_names[i].name) == n && strncmp(p + 1, key_names[i].name, n) == 0)
						key = key_names[i].key;
				if (key >= 0)
					p = end + 1;
			}
		}
		if (key < 0) {
			mbstate_t mb;
			memset(&mb, 0, sizeof mb);
			wchar_t wc;
			size_t n = mbrtowc(&wc, p, strlen(p), &mb);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				key = (unsigned char)*p;
				n = 1;
			} else {
				key = (int)wc;
			}
			p += n;
		}
		ui->script_keys[ui->n_script_keys++] = key;
	}
}

/* Write the screen as text, one line per row, trailing blanks trimmed.
 * With `attrs`, one letter per cell instead. */
static int save_screen(const char *path, bool attrs)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	for (int y = 0; y < LINES; y++) {
		struct buf row = { 0 };
		size_t keep = 0;
		int skip = 0;
		for (int x = 0; x < COLS; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t a = 0;
			short pair = 0;
			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &a, &pair, NULL) == ERR)
				wch[0] = L' ';
			if (skip) {
				skip--;
				if (attrs)
					buf_putc(&row, row.len ? row.data[row.len - 1] : '.');
				continue;
			}
			if (attrs) {
				char c = (a & A_REVERSE) ? 'r' : (a & A_BOLD) ? 'b' : (a & A_UNDERLINE) ? 'u' : '.';
				buf_putc(&row, c);
				if (c != '.')
					keep = row.len;
				continue;
			}
			if (a & A_ALTCHARSET) {
				buf_puts(&row, wch[0] == L'x' ? "\xe2\x94\x82" : "+");
			} else {
				for (int i = 0; wch[i]; i++) {
					char mb[MB_LEN_MAX];
					mbstate_t st;
					memset(&st, 0, sizeof st);
					size_t n = wcrtomb(mb, wch[i], &st);
					if (n != (size_t)-1)
						buf_append(&row, mb, n);
				}
				int cw = wcwidth(wch[0]);
				if (cw > 1)
					skip = cw - 1;
			}
			if (wch[0] != L' ')
				keep = row.len;
		}
		if (row.data)
			fwrite(row.data, 1, keep, f);
		fputc('\n', f);
		buf_free(&row);
	}
	return fclose(f) == 0 ? 0 : -1;
}

void ui_save_state(struct ui *ui, FILE *f)
{
	char layout[256];
	layout_describe(&ui->layout, layout, sizeof layout);
	const struct text_state *t = text_pane_state(ui);
	fprintf(f, "size=%dx%d\nlayout=%s\nfocus=%s\nzoom=%d\nhelp=%d\n", ui->cols, ui->lines,
	        layout, layout_pane_name(ui->focus), ui->zoom,
	        view_is_open(ui, &help_view_ops));
	fprintf(f, "articles=%lld\nlist.sel=%lld\nlist.top=%lld\n", (long long)list_pane_count(ui),
	        (long long)list_pane_cursor(ui), (long long)list_pane_top(ui));
	if (t->loaded) {
		fprintf(f, "article.id=%lld\narticle.index=%lld\narticle.read=%d\n",
		        (long long)t->art.id, (long long)t->index, t->read);
		char *title = text_render(t->art.title, strlen(t->art.title), 0, -1, NULL);
		fprintf(f, "article.title=%s\n", title ? title : "");
		free(title);
		fprintf(f, "text.top=%zu\ntext.rows=%zu\ntext.cursor=%zu\ntext.sentences=%zu\n"
		        "text.para=%zu\n", t->top, t->n_rows, t->cursor, t->art.n_sentences,
		        text_pane_cursor_para(ui));
		if (t->art.n_sentences) {
			const struct store_sentence *c = &t->art.sentences[t->cursor];
			char *said = text_render(t->art.body + c->start, c->end - c->start, 0, -1, NULL);
			fprintf(f, "text.sentence=%s\n", said ? said : "");
			free(said);
		}
	} else {
		fprintf(f, "article.id=0\n");
	}
	const struct side_state *side = side_pane_state(ui);
	fprintf(f, "side.sel=%zu\nside.mode=%s\nside.entities=%zu\n", side->outline.sel,
	        side->mode == SIDE_OUTLINE ? "outline" : "entities", side->n_entities);
	if (side->ents.sel < side->n_entities) {
		const struct store_entity *e = &side->entities[side->ents.sel];
		fprintf(f, "side.entity=%s\nside.entity.type=%s\nside.entity.here=%lld\n"
		        "side.entity.mentions=%lld\nside.entity.aliases=", e->name,
		        entity_type_name(e->type), (long long)e->here, (long long)e->mentions);
		char **names;
		size_t n;
		if (store_entity_aliases(ui->st, e->id, &names, &n) == 0) {
			for (size_t i = 0; i < n; i++) {
				fprintf(f, "%s%s", i ? "|" : "", names[i]);
				free(names[i]);
			}
			free(names);
		}
		fprintf(f, "\nside.entity.apart=%d\n", e->apart);
	}
	annot_view_save_state(ui, f);
	fprintf(f, "text.selecting=%d\ntext.annotated=%zu\n", t->selecting, t->n_annots);
	if (t->selecting) {
		size_t lo = t->sel_anchor < t->sel_head ? t->sel_anchor : t->sel_head;
		size_t hi = t->sel_anchor < t->sel_head ? t->sel_head : t->sel_anchor;
		char *sel = text_render(t->art.body + lo, hi - lo, 0, -1, NULL);
		fprintf(f, "selection=%s\n", sel ? sel : "");
		free(sel);
		/* The bytes themselves (new lines as blanks), to test its ends. */
		fputs("selection.raw=", f);
		for (size_t i = lo; i < hi; i++)
			fputc(t->art.body[i] == '\n' ? ' ' : t->art.body[i], f);
		fputc('\n', f);
	}
	codebook_view_save_state(ui, f);
	results_view_save_state(ui, f);
	fprintf(f, "find.query=%s\nfind.hits=%zu\nfind.hit=%zu\n", t->query ? t->query : "",
	        t->n_hits, t->hit);
	mentions_view_save_state(ui, f);
	if (t->loaded && t->has_target) {
		char *m = text_render(t->art.body + t->target.start, t->target.end - t->target.start,
		                      0, -1, NULL);
		fprintf(f, "target=%s\ntarget.start=%zu\n", m ? m : "", t->target.cp_start);
		free(m);
	}
	size_t at, n;
	jump_position(&at, &n);
	fprintf(f, "history=%zu/%zu\nmessage=%s\n", at, n, ui->message ? ui->message : "");
}

/* Run a ":command args" line; problems end the run with a message. */
static int run_command(struct ui *ui, const char *line)
{
	const char *arg = strchr(line, ' ');
	size_t n = arg ? (size_t)(arg - line) : strlen(line);
	while (arg && *arg == ' ')
		arg++;
	if (n == 12 && strncmp(line, "save-display", n) == 0 && arg)
		return save_screen(arg, false);
	if (n == 10 && strncmp(line, "save-attrs", n) == 0 && arg)
		return save_screen(arg, true);
	if (n == 10 && strncmp(line, "save-state", n) == 0 && arg) {
		FILE *f = fopen(arg, "w");
		if (!f)
			return -1;
		ui_save_state(ui, f);
		return fclose(f) == 0 ? 0 : -1;
	}
	int cols, lines;
	if (n == 6 && strncmp(line, "resize", n) == 0 && arg &&
	    sscanf(arg, "%dx%d", &cols, &lines) == 2) {
		resizeterm(lines, cols);
		ui_relayout(ui);
		return 0;
	}
	errno = EINVAL;
	return -1;
}

int input_next_key(struct ui *ui)
{
	if (!ui->script) {
		wint_t ch;
		if (ui_suspend_if_asked(ui))
			return UI_FN(KEY_RESIZE);
		int rc = get_wch(&ch);
		if (rc == ERR)
			return ui_suspend_if_asked(ui) ? UI_FN(KEY_RESIZE) : ERR;
		return rc == KEY_CODE_YES ? UI_FN((int)ch) : (int)ch;
	}
	for (;;) {
		if (ui->next_script_key < ui->n_script_keys)
			return ui->script_keys[ui->next_script_key++];
		char *line = NULL;
		size_t cap = 0;
		ssize_t len = getline(&line, &cap, ui->script);
		if (len < 0) {
			free(line);
			return -2;
		}
		ui->script_line++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#') {
			free(line);
			continue;
		}
		if (line[0] == ':') {
			if (run_command(ui, line + 1) < 0) {
				endwin();
				fprintf(stderr, "margo: script line %d: %s: %s\n", ui->script_line,
				        line, strerror(errno));
				free(line);
				return -2;
			}
			free(line);
			return ERR;  /* redraw before the next step */
		}
		queue_keys(ui, line);
		free(line);
	}
}

/* ---- bracketed paste ---------------------------------------------------- */

#define PASTE_KEEP ((size_t)64 << 20)  /* a paste beyond this is cut */
#define PASTE_WAIT_MS 1000             /* silence that ends a paste without its end mark */

void input_paste_mode(struct ui *ui, bool on)
{
	static bool defined;
	if (ui->script)
		return;
	if (on && !defined) {
		define_key("\033[200~", UI_KEY_PASTE - UI_FN(0));
		define_key("\033[201~", UI_KEY_PASTE_END - UI_FN(0));
		defined = true;
	}
	const char *seq = on ? "\033[?2004h" : "\033[?2004l";
	fflush(stdout);
	(void)!write(STDOUT_FILENO, seq, strlen(seq));
}

char *input_read_paste(struct ui *ui, size_t *len)
{
	static const char end_mark[] = "\033[201~";
	const size_t mark = sizeof end_mark - 1;
	struct buf b = { 0 };
	*len = 0;
	if (ui->script) {
		buf_puts(&b, "");
		return buf_steal(&b);
	}
	/* curses has read the start mark and nothing after it: the rest is
	 * read straight from the terminal, in large pieces. */
	char chunk[65536];
	size_t dropped = 0;
	for (;;) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		int r = poll(&pfd, 1, PASTE_WAIT_MS);
		if (r < 0 && errno == EINTR) {
			if (ui_exit_requested(ui))
				break;
			continue;
		}
		if (r <= 0)
			break;
		ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		size_t from = b.len > mark ? b.len - mark : 0;
		if (buf_append(&b, chunk, (size_t)n) < 0) {
			buf_free(&b);
			return NULL;
		}
		char *end = memmem(b.data + from, b.len - from, end_mark, mark);
		if (end) {
			/* Keys typed after the paste are read as keys. */
			size_t at = (size_t)(end - b.data);
			for (size_t i = b.len; i > at + mark; i--)
				ungetch((unsigned char)b.data[i - 1]);
			b.len = at;
			b.data[at] = '\0';
			break;
		}
		if (b.len > PASTE_KEEP + mark) {
			/* Too much: keep looking for the end mark only. */
			dropped += b.len - PASTE_KEEP - mark;
			memmove(b.data + PASTE_KEEP, b.data + b.len - mark, mark);
			b.len = PASTE_KEEP + mark;
		}
	}
	if (b.len > PASTE_KEEP)
		b.len = PASTE_KEEP;
	if (dropped)
		ui_message(ui, true, _("the paste was cut at %zu MiB"), PASTE_KEEP >> 20);
	if (!b.data && buf_puts(&b, "") < 0)
		return NULL;
	b.data[b.len] = '\0';
	*len = b.len;
	return buf_steal(&b);
}

/* ---- the answer to a yes/no question (prompt_choice() reads it) ---- */

/* The letter a translation gives for an answer: one ASCII letter, lower
 * case, or `fallback` when it is anything else. */
static char answer_letter(const char *translated, char fallback)
{
	unsigned char c = (unsigned char)translated[0];
	if (!c || translated[1] || c >= 128 || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		return fallback;
	return (char)(c | 0x20);
}

bool prompt_yes(struct ui *ui, const char *question)
{
	/* TRANSLATORS: the letter that answers yes to the questions ending in
	 * "(y/n)", as their translation writes it ("(s/n)": s).  One letter. */
	char yes = answer_letter(_("y"), 'y');
	/* TRANSLATORS: the letter that answers no to the questions ending in
	 * "(y/n)", as their translation writes it.  One letter. */
	char no = answer_letter(_("n"), 'n');
	if (no == yes)
		yes = 'y', no = 'n';
	char choices[4] = { yes, no, no == 'y' ? '\0' : 'y', '\0' };
	int c = prompt_choice(ui, question, choices);
	return c && c != no;
}
