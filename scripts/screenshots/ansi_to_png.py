"""Renders a `tmux capture-pane -e -p -N` dump to a PNG, one terminal cell at a time.

pyte parses the SGR escapes; Pillow draws each cell with DejaVu Sans Mono (falling back to
Droid Sans Fallback for CJK and Symbola for symbols). Our own code, after the recipe in
shared/docs/tui.md section 6.
"""
import argparse
import os

import pyte
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from wcwidth import wcswidth

PALETTE = {
    "black": "1e1e1e", "red": "cc0000", "green": "4e9a06", "brown": "c4a000", "yellow": "c4a000",
    "blue": "3465a4", "magenta": "75507b", "cyan": "06989a", "white": "d3d7cf",
    "brightblack": "555753", "brightred": "ef2929", "brightgreen": "8ae234", "brightbrown": "fce94f",
    "brightyellow": "fce94f", "brightblue": "729fcf", "brightmagenta": "ad7fa8", "brightcyan": "34e2e2",
    "brightwhite": "eeeeec",
}
THEMES = {"dark": ("d3d7cf", "1e1e1e"), "light": ("2e3436", "fafafa")}
FONT_DIR = "/usr/share/fonts/truetype/"
CHAIN = [
    FONT_DIR + "dejavu/DejaVuSansMono.ttf",
    FONT_DIR + "droid/DroidSansFallbackFull.ttf",
    FONT_DIR + "ancient-scripts/Symbola_hint.ttf",
]


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def colour(value, default):
    if value == "default":
        return default
    if value in PALETTE:
        return PALETTE[value]
    return value if len(value) == 6 else default


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--cols", type=int, default=100)
    parser.add_argument("--rows", type=int, default=30)
    parser.add_argument("--size", type=int, default=15)
    parser.add_argument("--theme", choices=THEMES, default="dark")
    args = parser.parse_args()
    default_fg, default_bg = THEMES[args.theme]

    screen = pyte.Screen(args.cols, args.rows)
    stream = pyte.Stream(screen)
    with open(args.input, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")[: args.rows]
    for y, line in enumerate(lines):
        stream.feed(f"\x1b[{y + 1};1H" + line)

    fonts = []
    for path in CHAIN:
        if os.path.exists(path):
            fonts.append((ImageFont.truetype(path, args.size), set(TTFont(path, fontNumber=0)["cmap"].getBestCmap())))
    regular = fonts[0][0]
    bold = ImageFont.truetype(FONT_DIR + "dejavu/DejaVuSansMono-Bold.ttf", args.size)
    ascent, descent = regular.getmetrics()
    cell_h, cell_w, pad = ascent + descent, round(regular.getlength("M")), 12
    image = Image.new("RGB", (args.cols * cell_w + 2 * pad, args.rows * cell_h + 2 * pad), rgb(default_bg))
    draw = ImageDraw.Draw(image)
    for y in range(args.rows):
        x = 0
        while x < args.cols:
            cell = screen.buffer[y][x]
            width = 2 if cell.data and wcswidth(cell.data) == 2 else 1
            fg, bg = colour(cell.fg, default_fg), colour(cell.bg, default_bg)
            if cell.bold and cell.fg in PALETTE and not cell.fg.startswith("bright"):
                fg = PALETTE.get("bright" + cell.fg, fg)
            if cell.reverse:
                fg, bg = bg, fg
            px, py = pad + x * cell_w, pad + y * cell_h
            draw.rectangle([px, py, px + width * cell_w - 1, py + cell_h - 1], fill=rgb(bg))
            if cell.data and cell.data != " ":
                code = ord(cell.data[0])
                font = bold if cell.bold else next((f for f, cmap in fonts if code in cmap), regular)
                dx = max(0, (width * cell_w - round(font.getlength(cell.data))) // 2) if width == 2 else 0
                dy = 0 if font in (regular, bold) else ascent - font.getmetrics()[0]
                draw.text((px + dx, py + dy), cell.data, font=font, fill=rgb(fg))
            if cell.underscore:
                draw.line([px, py + ascent + 1, px + width * cell_w - 1, py + ascent + 1], fill=rgb(fg))
            x += width
    image.save(args.output)


if __name__ == "__main__":
    main()
