// A thin shim over ncursesw for Swift 6.
//
// Swift 6 strict concurrency refuses to read C globals such as `stdscr`, `COLS`
// and `LINES`, and the attribute macros (`A_BOLD`, `COLOR_PAIR`) are not imported.
// Everything the app needs is exposed here as a static inline function.
#ifndef STORE_TUI_CNCURSES_SHIM_H
#define STORE_TUI_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_italic(void) { return A_ITALIC; }

static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline int shim_key_resize(void) { return KEY_RESIZE; }
static inline int shim_key_mouse(void) { return KEY_MOUSE; }
static inline int shim_err(void) { return ERR; }
static inline mmask_t shim_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t shim_button1_pressed(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t shim_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t shim_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Writes one character cell (a grapheme of up to 4 code points) with attributes and a colour pair.
static inline int shim_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) { return ERR; }
    return mvwadd_wch(win, y, x, &cell);
}

/// Reads one wide character or key code; returns OK, KEY_CODE_YES or ERR.
static inline int shim_get_wch(WINDOW *win, unsigned int *out) {
    wint_t ch = 0;
    int rc = wget_wch(win, &ch);
    *out = (unsigned int)ch;
    return rc;
}

/// Opens a terminal on stdin/stdout with the given TERM name; NULL when terminfo lacks it.
static inline SCREEN *shim_newterm(const char *term) {
    FILE *out = fdopen(STDOUT_FILENO, "w");
    FILE *in = fdopen(STDIN_FILENO, "r");
    if (out == NULL || in == NULL) { return NULL; }
    return newterm(term, out, in);
}

/// Reads a mouse event: returns OK and fills the cell position and button state.
static inline int shim_get_mouse(int *y, int *x, mmask_t *state) {
    MEVENT ev;
    if (getmouse(&ev) != OK) { return ERR; }
    *y = ev.y; *x = ev.x; *state = ev.bstate;
    return OK;
}

#endif
