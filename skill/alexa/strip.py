"""The week at a glance as a small PNG: seven days (filled when active) and the streak number.

Served at ``/strip/<pattern>-<streak>.png`` (e.g. ``/strip/1010110-5.png``: Monday to Sunday, then
the current streak; ``/strip/1010110-5-2.png`` when the seven days start on a Wednesday, weekday 2;
``/strip/1010110-5-2-de.png`` with German day letters: a language other than English is named last)
for the weekly summary's Standard card, which the Alexa app shows on phones and screenless speakers
alike. The URL and the picture hold nothing but those nine values, so they carry
no personal data and every couple with the same week shares one cached image. Cards take PNG or JPEG
only (not SVG), hence a tiny pure-Python PNG encoder instead of an image library.

Anyone may ask for any valid path, so what a stranger can cost is bounded (docs/security.md): the
fourteen day tiles are drawn once per process and a strip is assembled from them (a few ms, where
drawing it whole took tens), the strips made are cached, and new ones are rate-limited (``Renders``).
"""

from __future__ import annotations

import re
import struct
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from functools import cache

WIDTH, HEIGHT = 720, 480  # Amazon's recommended small card image size (3:2)
MAX_STREAK = 9999
PATH = re.compile(
    r"(?P<pattern>[01]{7})-(?P<streak>0|[1-9][0-9]{0,3})(?:-(?P<start>[1-6]))?(?:-(?P<language>[a-z]{2}))?\.png"
)
# A given path always renders the same bytes: a year of caching, shared caches welcome.
CACHE_CONTROL = "public, max-age=31536000, immutable"

Colour = tuple[int, int, int]
BACKGROUND: Colour = (251, 243, 236)
ACTIVE: Colour = (217, 99, 76)
RING: Colour = (226, 205, 192)
INK: Colour = (74, 58, 53)

# A 5x7 pixel font: digits, a few marks and the capitals of the languages the skill speaks ("#" is ink). Labels are
# drawn in capitals ("Mi", "Sá" as "MI", "SÁ"); tests/test_strip.py draws every language's.
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("####.", "....#", "....#", ".###.", "....#", "....#", "####."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": (".###.", "#....", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "....#", ".###."),
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": (".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
    "Ä": (".#.#.", ".###.", "#...#", "#####", "#...#", "#...#", "#...#"),
    "Ö": (".#.#.", ".###.", "#...#", "#...#", "#...#", "#...#", ".###."),
    "Ü": (".#.#.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "Á": ("...#.", ".###.", "#...#", "#####", "#...#", "#...#", "#...#"),
    "É": ("...#.", "#####", "#....", "####.", "#....", "#....", "#####"),
    "Í": ("...#.", ".###.", "..#..", "..#..", "..#..", "..#..", ".###."),
    "Ó": ("...#.", ".###.", "#...#", "#...#", "#...#", "#...#", ".###."),
    "Ú": ("...#.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "Ñ": (".##.#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    ":": (".....", "..#..", "..#..", ".....", "..#..", "..#..", "....."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    ".": (".....", ".....", ".....", ".....", ".....", "..#..", "..#.."),
    " ": (".....",) * 7,
}


def strip_path(active_days: list[bool], streak: int, first_weekday: int = 0, language: str = "en") -> str:
    """The image's path for seven days (starting on ``first_weekday``, Monday 0), a streak and the
    language of its labels; the only form the route accepts."""
    if len(active_days) != 7 or not 0 <= first_weekday <= 6:
        raise ValueError("a week has seven days, starting on one of them")
    pattern = "".join("1" if day else "0" for day in active_days)
    start = f"-{first_weekday}" if first_weekday else ""
    words = f"-{language}" if language != "en" else ""
    return f"/strip/{pattern}-{min(max(streak, 0), MAX_STREAK)}{start}{words}.png"


class _Canvas:
    def __init__(self, width: int, height: int, background: Colour) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def blend(self, x: int, y: int, colour: Colour, alpha: float) -> None:
        if alpha <= 0 or not (0 <= x < self.width and 0 <= y < self.height):
            return
        i = (y * self.width + x) * 3
        if alpha >= 1:
            self.pixels[i : i + 3] = bytes(colour)
            return
        for c in range(3):
            self.pixels[i + c] = round(self.pixels[i + c] * (1 - alpha) + colour[c] * alpha)

    def disc(self, cx: float, cy: float, radius: float, colour: Colour, hole: float = 0.0) -> None:
        """A filled circle (or a ring, when ``hole`` > 0), edges smoothed by pixel coverage."""
        for y in range(int(cy - radius) - 1, int(cy + radius) + 2):
            for x in range(int(cx - radius) - 1, int(cx + radius) + 2):
                d = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) ** 0.5
                cover = min(max(radius - d + 0.5, 0.0), 1.0)
                if hole:
                    cover -= min(max(hole - d + 0.5, 0.0), 1.0)
                self.blend(x, y, colour, cover)

    def rect(self, x: int, y: int, w: int, h: int, colour: Colour) -> None:
        for row in range(max(y, 0), min(y + h, self.height)):
            start = (row * self.width + max(x, 0)) * 3
            end = (row * self.width + min(x + w, self.width)) * 3
            self.pixels[start:end] = bytes(colour) * ((end - start) // 3)

    def text(self, words: str, cx: int, top: int, scale: int, colour: Colour) -> None:
        """Words centred on ``cx``, each glyph 5 x 7 cells of ``scale`` pixels, one cell apart."""
        words = words.upper()
        left = cx - (len(words) * 6 - 1) * scale // 2
        for n, char in enumerate(words):
            for row, line in enumerate(_GLYPHS[char]):
                for col, cell in enumerate(line):
                    if cell == "#":
                        self.rect(left + (n * 6 + col) * scale, top + row * scale, scale, scale, colour)


def _letters(day_letters: str, first_weekday: int) -> list[str]:
    """The day letters (content's, Monday first, space-separated) from ``first_weekday`` (Monday 0):
    the strip shows the last seven evenings."""
    letters = day_letters.split()
    return letters[first_weekday:] + letters[:first_weekday]


def draw(pattern: str, streak: int, labels: Mapping[str, str], first_weekday: int = 0) -> _Canvas:
    """The picture, drawn in full: what the strip looks like. Too slow to serve (tens of ms of
    CPU); ``render`` assembles the same pixels from pieces drawn once (tests/test_strip.py)."""
    _check(pattern, streak, first_weekday)
    canvas = _Canvas(WIDTH, HEIGHT, BACKGROUND)
    centre_y = _centre_y(streak)
    for day, (flag, letter) in enumerate(zip(pattern, _letters(labels["day_letters"], first_weekday), strict=True)):
        _draw_day(canvas, GAP * (day + 1), centre_y, flag == "1", letter)
    if streak:
        canvas.text(labels["strip_streak"].format(streak=streak), WIDTH // 2, STREAK_TOP, STREAK_SCALE, INK)
    return canvas


GAP = WIDTH // 8  # one column per day, a half column of margin each side
RADIUS, HOLE = 34, 28
STREAK_TOP, STREAK_SCALE = 360, 5
# A day's disc and letter lie within its column and these rows around the disc's centre.
_DAY_ABOVE, _DAY_BELOW = 40, 90


def _check(pattern: str, streak: int, first_weekday: int) -> None:
    if not re.fullmatch(r"[01]{7}", pattern) or not 0 <= streak <= MAX_STREAK or not 0 <= first_weekday <= 6:
        raise ValueError("pattern must be seven 0/1 days, the streak 0 to 9999 and the first weekday 0 to 6")


def _centre_y(streak: int) -> int:
    return 190 if streak else 220


def _draw_day(canvas: _Canvas, cx: int, cy: int, active: bool, letter: str) -> None:
    if active:
        canvas.disc(cx, cy, RADIUS, ACTIVE)
    else:
        canvas.disc(cx, cy, RADIUS, RING, hole=HOLE)
    canvas.text(letter, cx, cy + 56, 4, INK)


@cache
def _day_tile(letter: str, active: bool) -> tuple[bytes, ...]:
    """One day's column as rows of RGB bytes, drawn once per process (14 tiles). Drawn at whole-pixel
    offsets from the full picture, so every pixel is the same as ``draw`` makes."""
    tile = _Canvas(GAP, _DAY_ABOVE + _DAY_BELOW, BACKGROUND)
    _draw_day(tile, GAP // 2, _DAY_ABOVE, active, letter)
    stride = GAP * 3
    return tuple(bytes(tile.pixels[r * stride : (r + 1) * stride]) for r in range(tile.height))


_BLANK_ROW = b"\x00" + bytes(BACKGROUND) * WIDTH  # a scanline: filter byte 0, then the pixels
_MARGIN = bytes(BACKGROUND) * (GAP // 2)


def _assemble(pattern: str, streak: int, first_weekday: int, day_letters: str, streak_line: str) -> bytes:
    _check(pattern, streak, first_weekday)
    rows = [_BLANK_ROW] * HEIGHT
    top = _centre_y(streak) - _DAY_ABOVE
    letters = _letters(day_letters, first_weekday)
    tiles = [_day_tile(letter, flag == "1") for letter, flag in zip(letters, pattern, strict=True)]
    for r in range(_DAY_ABOVE + _DAY_BELOW):
        rows[top + r] = b"\x00" + _MARGIN + b"".join(tile[r] for tile in tiles) + _MARGIN
    if streak:  # a band as tall as the text, drawn with rectangles only (cheap)
        band = _Canvas(WIDTH, 7 * STREAK_SCALE, BACKGROUND)
        band.text(streak_line.format(streak=streak), WIDTH // 2, 0, STREAK_SCALE, INK)
        stride = WIDTH * 3
        for r in range(band.height):
            rows[STREAK_TOP + r] = b"\x00" + bytes(band.pixels[r * stride : (r + 1) * stride])
    return _encode(b"".join(rows))


def _encode(raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    # Level 6: about a third of level 9's time on these rows, for a few hundred bytes more.
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


class StripBusy(Exception):
    """This process has drawn as many new strips as it may for now; the caller says "try again soon"."""


class Renders:
    """The strips already made (an LRU of PNG bytes, a few KB each), and a token bucket for new ones.

    Any stranger can ask for any of the 1.28 million valid paths, each new one a render: cached
    paths cost a dictionary lookup, and new ones are limited to ``BURST`` at once, then ``PER_SECOND``,
    per process. Past that, ``StripBusy`` (the route answers 503 with Retry-After), so a flood of
    unique paths costs at most a few per cent of one CPU and the skill's real requests are unaffected.
    """

    CACHED = 1024
    BURST = 20
    PER_SECOND = 10.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, int, int, str, str], bytes] = OrderedDict()
        self._tokens = float(self.BURST)
        self._filled = clock()
        self.drawn = 0  # renders made by this process (the bench and the tests read it)

    def get(self, pattern: str, streak: int, first_weekday: int, day_letters: str, streak_line: str) -> bytes:
        key = (pattern, streak, first_weekday, day_letters, streak_line)
        with self._lock:
            png = self._cache.get(key)
            if png is not None:
                self._cache.move_to_end(key)
                return png
            now = self._clock()
            self._tokens = min(float(self.BURST), self._tokens + (now - self._filled) * self.PER_SECOND)
            self._filled = now
            if self._tokens < 1:
                raise StripBusy()
            self._tokens -= 1
            self.drawn += 1
        png = _assemble(
            pattern, streak, first_weekday, day_letters, streak_line
        )  # outside the lock: threads render side by side
        with self._lock:
            self._cache[key] = png
            while len(self._cache) > self.CACHED:
                self._cache.popitem(last=False)
        return png


RENDERS = Renders()


def render(pattern: str, streak: int, labels: Mapping[str, str], first_weekday: int = 0) -> bytes:
    """The PNG for a week pattern ("1010110", from ``first_weekday``, Monday 0) and a streak (0 draws
    no streak line), with the words of ``labels`` (the week screen's: "day_letters", "strip_streak").

    Cached; raises ``StripBusy`` when this process may not draw another new one just now."""
    return RENDERS.get(pattern, streak, first_weekday, labels["day_letters"], labels["strip_streak"])
