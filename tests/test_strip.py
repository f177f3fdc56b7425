"""The weekly strip image: a real PNG of the right size, different for different weeks, served with
caching headers at a path that holds only the week's pattern and the streak; anything else is 404."""

from __future__ import annotations

import struct
import zlib

import pytest
from flask.testing import FlaskClient

from content.loader import load_catalogue
from skill.alexa.strip import _GLYPHS, ACTIVE, HEIGHT, RING, WIDTH, render, strip_path

LABELS = load_catalogue().screens["week"].labels  # the strip's words live in content/


def decode(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and raw RGB rows (filter bytes stripped) of an 8-bit RGB PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert (depth, colour) == (8, 2)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 3 + 1
    assert all(raw[r * stride] == 0 for r in range(height))
    return width, height, b"".join(raw[r * stride + 1 : (r + 1) * stride] for r in range(height))


def pixel(rgb: bytes, width: int, x: int, y: int) -> tuple[int, int, int]:
    i = (y * width + x) * 3
    return rgb[i], rgb[i + 1], rgb[i + 2]


def test_the_strip_is_a_small_png_of_the_card_size_marking_the_active_days() -> None:
    png = render("1010110", 5, LABELS)
    width, height, rgb = decode(png)
    assert (width, height) == (WIDTH, HEIGHT) == (720, 480)
    assert len(png) < 20_000  # a card image loads quickly on a phone
    gap = width // 8
    centres = [pixel(rgb, width, gap * (day + 1), 190) for day in range(7)]
    assert [c == ACTIVE for c in centres] == [True, False, True, False, True, True, False]
    ring = pixel(rgb, width, gap * 2, 190 - 31)  # on Tuesday's ring, between its inner and outer edge
    assert ring == RING


def test_the_strips_words_come_from_content_and_the_font_can_draw_them() -> None:
    letters = LABELS["day_letters"].split()
    line = LABELS["strip_streak"].format(streak=1234567890)
    assert len(letters) == 7 and all(len(letter) == 1 for letter in letters)
    assert set("".join(letters) + line) <= set(_GLYPHS), set("".join(letters) + line) - set(_GLYPHS)
    other = {**LABELS, "strip_streak": "{streak} DAYS"}
    assert render("1010110", 5, other) != render("1010110", 5, LABELS)


def test_different_weeks_and_streaks_give_different_pictures() -> None:
    pictures = {
        render(pattern, streak, LABELS)
        for pattern, streak in [("1010110", 5), ("1010111", 5), ("0000000", 0), ("1111111", 7), ("1111111", 12)]
    }
    assert len(pictures) == 5
    assert render("1010110", 5, LABELS) == render("1010110", 5, LABELS)  # the same week is the same bytes (cacheable)


def test_strip_path_carries_only_the_pattern_and_the_streak() -> None:
    assert strip_path([True, False, True, False, True, True, False], 5) == "/strip/1010110-5.png"
    assert strip_path([False] * 7, 0) == "/strip/0000000-0.png"
    with pytest.raises(ValueError):
        strip_path([True] * 6, 1)


def test_the_app_serves_the_strip_with_caching_headers(client: FlaskClient) -> None:
    reply = client.get("/strip/1010110-5.png")
    assert reply.status_code == 200
    assert reply.mimetype == "image/png"
    assert reply.data == render("1010110", 5, LABELS)
    assert "max-age=31536000" in reply.headers["Cache-Control"] and "public" in reply.headers["Cache-Control"]
    etag = reply.headers["ETag"]
    again = client.get("/strip/1010110-5.png", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data


@pytest.mark.parametrize(
    "path",
    [
        "/strip/1010112-5.png",
        "/strip/101011-5.png",
        "/strip/10101100-5.png",
        "/strip/1010110-05.png",
        "/strip/1010110-5.svg",
        "/strip/1010110-10000.png",
        "/strip/1010110.png",
        "/strip/",
        "/strip/x/1010110-5.png",
        "/strip/1010110--5.png",
    ],
)
def test_a_bad_strip_path_is_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404
