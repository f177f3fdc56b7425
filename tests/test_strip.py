"""The weekly strip image: a real PNG of the right size, different for different weeks, served with
caching headers at a path that holds only the week's pattern and the streak; anything else is 404."""

from __future__ import annotations

import struct
import zlib

import pytest
from flask.testing import FlaskClient

from content.loader import load_catalogue
from skill.alexa import strip
from skill.alexa.strip import _GLYPHS, ACTIVE, HEIGHT, RING, WIDTH, draw, render, strip_path

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


def test_seven_evenings_from_another_weekday_are_lettered_from_it() -> None:
    """The summary's week is the last seven evenings (skill/domain/week.py): from a Wednesday, the
    day letters start at W, and the path says so."""
    assert strip_path([True] * 7, 7, 2) == "/strip/1111111-7-2.png"
    assert render("1010110", 5, LABELS, 2) != render("1010110", 5, LABELS)
    with pytest.raises(ValueError):
        strip_path([True] * 7, 7, 7)


def test_the_app_serves_the_strip_with_caching_headers(client: FlaskClient) -> None:
    reply = client.get("/strip/1010110-5.png")
    assert reply.status_code == 200
    assert reply.mimetype == "image/png"
    assert reply.data == render("1010110", 5, LABELS)
    assert "max-age=31536000" in reply.headers["Cache-Control"] and "public" in reply.headers["Cache-Control"]
    etag = reply.headers["ETag"]
    again = client.get("/strip/1010110-5.png", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    from_wednesday = client.get("/strip/1010110-5-2.png")
    assert from_wednesday.status_code == 200 and from_wednesday.data == render("1010110", 5, LABELS, 2)
    assert from_wednesday.headers["ETag"] != etag


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
        "/strip/1010110-5-0.png",
        "/strip/1010110-5-7.png",
    ],
)
def test_a_bad_strip_path_is_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("pattern", "streak"), [("1010110", 5), ("0000000", 0), ("1111111", 9999), ("0100001", 12)])
def test_the_served_strip_is_the_drawn_picture_pixel_for_pixel(pattern: str, streak: int) -> None:
    """Assembled from tiles drawn once, the strip is still exactly the picture ``draw`` makes in full."""
    width, height, rgb = decode(render(pattern, streak, LABELS))
    assert (width, height) == (WIDTH, HEIGHT)
    assert rgb == bytes(draw(pattern, streak, LABELS).pixels)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> tuple[strip.Renders, list[float]]:
    """A fresh cache and budget on a clock the test moves: no timing depends on this machine's speed."""
    now = [1000.0]
    fresh = strip.Renders(clock=lambda: now[0])
    monkeypatch.setattr(strip, "RENDERS", fresh)
    return fresh, now


def test_a_strip_asked_for_again_and_again_is_drawn_once(
    client: FlaskClient, renders: tuple[strip.Renders, list[float]]
) -> None:
    budget, _ = renders
    replies = [client.get("/strip/0110110-3.png") for _ in range(50)]
    assert {r.status_code for r in replies} == {200} and len({r.data for r in replies}) == 1
    assert budget.drawn == 1


def test_a_flood_of_new_strips_from_a_stranger_costs_a_bounded_number_of_renders(
    client: FlaskClient, renders: tuple[strip.Renders, list[float]]
) -> None:
    budget, now = renders
    paths = [f"/strip/{week:07b}-{100 + week}.png" for week in range(128)]  # 128 different, all valid
    replies = [client.get(path) for path in paths]
    drawn = [r.status_code == 200 for r in replies]
    assert drawn == [True] * budget.BURST + [False] * (len(paths) - budget.BURST)
    assert budget.drawn == budget.BURST
    for refused in replies[budget.BURST :]:
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
        assert refused.headers["Cache-Control"] == "no-store"  # a cache must not keep the refusal
    # What was drawn is still served during the flood, without drawing again.
    assert all(client.get(path).status_code == 200 for path in paths[: budget.BURST])
    assert budget.drawn == budget.BURST
    # Time refills the budget at its rate, and the real request's strip is drawn then.
    now[0] += 1.0
    later = [client.get(path).status_code for path in paths[budget.BURST : budget.BURST + 20]]
    assert later.count(200) == int(budget.PER_SECOND) and budget.drawn == budget.BURST + int(budget.PER_SECOND)
