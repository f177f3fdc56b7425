"""The week at a glance as a small PNG: seven days (filled when active) and the streak number.

Served at ``/strip/<pattern>-<streak>.png`` (e.g. ``/strip/1010110-5.png``: Monday to Sunday, then
the current streak) for the weekly summary's Standard card, which the Alexa app shows on phones and
screenless speakers alike. The URL and the picture hold nothing but those eight values, so they carry
no personal data and every couple with the same week shares one cached image. Cards take PNG or JPEG
only (not SVG), hence a tiny pure-Python PNG encoder instead of an image library.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Mapping
from functools import lru_cache

WIDTH, HEIGHT = 720, 480  # Amazon's recommended small card image size (3:2)
MAX_STREAK = 9999
PATH = re.compile(r"(?P<pattern>[01]{7})-(?P<streak>0|[1-9][0-9]{0,3})\.png")
# A given path always renders the same bytes: a year of caching, shared caches welcome.
CACHE_CONTROL = "public, max-age=31536000, immutable"

Colour = tuple[int, int, int]
BACKGROUND: Colour = (251, 243, 236)
ACTIVE: Colour = (217, 99, 76)
RING: Colour = (226, 205, 192)
INK: Colour = (74, 58, 53)

# A 5x7 pixel font with just the glyphs the strip draws ("#" is ink).
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
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    " ": (".....",) * 7,
}


def strip_path(active_days: list[bool], streak: int) -> str:
    """The image's path for a week (Monday first) and a streak; the only form the route accepts."""
    if len(active_days) != 7:
        raise ValueError("a week has seven days")
    pattern = "".join("1" if day else "0" for day in active_days)
    return f"/strip/{pattern}-{min(max(streak, 0), MAX_STREAK)}.png"


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
        left = cx - (len(words) * 6 - 1) * scale // 2
        for n, char in enumerate(words):
            for row, line in enumerate(_GLYPHS[char]):
                for col, cell in enumerate(line):
                    if cell == "#":
                        self.rect(left + (n * 6 + col) * scale, top + row * scale, scale, scale, colour)

    def png(self) -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[r * stride : (r + 1) * stride]) for r in range(self.height))
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)  # 8-bit RGB
        return (
            b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
        )


def render(pattern: str, streak: int, labels: Mapping[str, str]) -> bytes:
    """The PNG with the words of ``labels`` (the week screen's: "day_letters", "strip_streak")."""
    return _render(pattern, streak, labels["day_letters"], labels["strip_streak"])


@lru_cache(maxsize=512)  # 128 weeks x a few streaks cover nearly every request
def _render(pattern: str, streak: int, day_letters: str, streak_line: str) -> bytes:
    """The PNG for a week pattern ("1010110", Monday first) and a streak (0 draws no streak line)."""
    if not re.fullmatch(r"[01]{7}", pattern) or not 0 <= streak <= MAX_STREAK:
        raise ValueError("pattern must be seven 0/1 days and the streak 0 to 9999")
    canvas = _Canvas(WIDTH, HEIGHT, BACKGROUND)
    gap = WIDTH // 8
    centre_y = 190 if streak else 220
    for day, (flag, letter) in enumerate(zip(pattern, day_letters.split(), strict=True)):
        cx = gap * (day + 1)
        if flag == "1":
            canvas.disc(cx, centre_y, 34, ACTIVE)
        else:
            canvas.disc(cx, centre_y, 34, RING, hole=28)
        canvas.text(letter, cx, centre_y + 56, 4, INK)
    if streak:
        canvas.text(streak_line.format(streak=streak), WIDTH // 2, 360, 5, INK)
    return canvas.png()
