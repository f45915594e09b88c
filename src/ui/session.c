/*
 * session.c: the terminal for the reader: curses started on it (or on
 * /dev/null for a scripted run) and set up, signals, suspension with ^Z.
 *
 * Signal handlers only set flags; the loop polls input with a timeout and
 * notices them, so SIGHUP and SIGTERM end margo cleanly (library closed,
 * terminal restored) within a fraction of a second.  A crash signal restores
 * the terminal modes before the default action runs.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "margo/util.h"
#include "mouse.h"
#include "terminal.h"
#include "ui.h"

static volatile sig_atomic_t got_exit_signal;
static struct termios saved_termios;
static bool have_saved_termios;
static char crash_reset[256];  /* attributes, keypad, cursor, leave ca mode */
static size_t crash_reset_len;

static volatile sig_atomic_t got_stop_signal;

static void on_exit_signal(int sig)
{
	got_exit_signal = sig;
}

static void on_stop_signal(int sig)
{
	(void)sig;
	got_stop_signal = 1;
}

/*
 * ^Z: the reader's own handler (curses leaves one it finds in place) only
 * notes it; here, between keys, the terminal is handed back as at exit
 * (bracketed paste off too), margo stops, and on fg everything is set
 * again and redrawn.
 */
bool ui_suspend_if_asked(struct ui *ui)
{
	if (!got_stop_signal)
		return false;
	got_stop_signal = 0;
	def_prog_mode();
	endwin();
	input_paste_mode(ui, false);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	sigset_t set, was;
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, &was);
	raise(SIGTSTP);  /* stopped here until SIGCONT */
	sigprocmask(SIG_SETMASK, &was, NULL);
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	input_paste_mode(ui, true);
	mouse_resume(ui);
	clearok(curscr, TRUE);
	return true;
}

bool ui_exit_requested(const struct ui *ui)
{
	return got_exit_signal != 0 || ui->gone;
}

/* Restore the terminal from a crash: only async-signal-safe calls. */
static void on_crash_signal(int sig)
{
	if (have_saved_termios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
	if (crash_reset_len)
		(void)!write(STDOUT_FILENO, crash_reset, crash_reset_len);
	signal(sig, SIG_DFL);
	raise(sig);
}

void ui_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_exit_signal;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_stop_signal;
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_crash_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
}

/* Remember the terminfo strings that undo what curses did, for crashes. */
static void remember_reset_strings(void)
{
	const char *caps[] = { "\033[?2004l", tigetstr("sgr0"), tigetstr("rmkx"), tigetstr("cnorm"),
	                       tigetstr("rmcup") };
	crash_reset_len = 0;
	for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
		const char *c = caps[i];
		if (!c || c == (const char *)-1)
			continue;
		size_t n = strlen(c);
		if (crash_reset_len + n >= sizeof crash_reset)
			break;
		memcpy(crash_reset + crash_reset_len, c, n);
		crash_reset_len += n;
	}
}

/* Start curses on the terminal, or on /dev/null for a scripted run.  On
 * failure, NULL with the message in *err and the exit status in *status:
 * 2 for a terminal that cannot show the reader, 3 otherwise. */
SCREEN *ui_start_curses(struct ui *ui, const char *script, char **err, int *status)
{
	const char *term = getenv("TERM");
	FILE *out = stdout;
	*status = 3;
	if (script) {
		if (input_open_script(ui, script) < 0) {
			*err = util_printf(_("cannot read the script %s: %s"), script, strerror(errno));
			return NULL;
		}
		out = fopen("/dev/null", "w");
		if (!out) {
			*err = util_printf("/dev/null: %s", strerror(errno));
			return NULL;
		}
		if (!term || !*term)
			term = "xterm";
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = util_strdup(_("the reader needs a terminal; for scripts use "
		                   "\"margo list\", \"margo show ID\" or \"margo passages\""));
		return NULL;
	}
	if (!term || !*term) {
		*err = util_strdup(_("TERM is not set: set it to your terminal's type (for example TERM=xterm-256color)"));
		return NULL;
	}
	/* An unknown terminal is said so, and one that cannot place the
	 * cursor (it would show a blank or garbled screen) refused, before
	 * curses writes anything. */
	const char *unfit;
	int fit = ui_terminal_check(term, fileno(out), &unfit);
	if (fit < 0) {
		*err = util_printf(_("unknown terminal type \"%s\": set TERM to one this system knows "
		                   "(for example TERM=xterm-256color)"), term);
		if (out != stdout)
			fclose(out);
		return NULL;
	}
	if (fit > 0) {
		*err = util_printf(_("the terminal type \"%s\" (TERM) %s, and the reader needs to: "
		                   "set TERM to your terminal's type (for example "
		                   "TERM=xterm-256color), or use \"margo list\", \"margo show ID\" "
		                   "or \"margo search QUERY\""), term, unfit);
		*status = 2;
		if (out != stdout)
			fclose(out);
		return NULL;
	}
	if (!script && tcgetattr(STDIN_FILENO, &saved_termios) == 0)
		have_saved_termios = true;
	SCREEN *scr = newterm(term, out, stdin);
	if (!scr) {
		*err = util_printf(_("cannot start the terminal \"%s\" (TERM)"), term);
		if (out != stdout)
			fclose(out);
		return NULL;
	}
	set_term(scr);
	return scr;
}

void ui_setup_curses(struct ui *ui)
{
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	const char *no_color = getenv("NO_COLOR");
	bool use_color = has_colors() && !(no_color && *no_color);
	if (use_color) {
		start_color();
		use_default_colors();
	}
	draw_init_roles(use_color);
	if (!ui->script)
		remember_reset_strings();  /* scripted runs draw to /dev/null */
	/* Keys are read through stdscr: refresh it once now so reading never
	 * repaints it over the panes. */
	wnoutrefresh(stdscr);
}

int ui_exit_signal(void)
{
	return (int)got_exit_signal;
}
