"""The skill's two store icons, drawn here (Pillow): 108x108 and 512x512 PNG, as certification asks.

Two warm circles leaning into each other on a dark ground, the colours of the skill's screens
(content/apl/). Drawn four times larger and scaled down, so the edges are smooth; the same Pillow
makes the same bytes, so `make models` rewrites them only when the drawing changes.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

IMAGES = Path(__file__).resolve().parent / "skill-package" / "assets" / "images"
SIZES = {"small": 108, "large": 512}
GROUND = (0x24, 0x19, 0x17)
ACCENT = (0xE8, 0x84, 0x6F)
INK = (0xFB, 0xF3, 0xEC)
OVERSAMPLE = 4


def file_name(kind: str) -> str:
    return f"icon-{SIZES[kind]}.png"


def draw(size: int) -> bytes:
    """One icon as PNG bytes. Proportions, not pixels, so both sizes are the same picture."""
    big = size * OVERSAMPLE
    image = Image.new("RGB", (big, big), GROUND)
    pen = ImageDraw.Draw(image)
    radius = big * 0.24
    middle = big / 2
    shift = radius * 0.62
    for centre_x, colour in ((middle - shift, ACCENT), (middle + shift, INK)):
        pen.ellipse((centre_x - radius, middle - radius, centre_x + radius, middle + radius), fill=colour)
    # Where they overlap, the ground's colour blended with both: closeness, not one swallowing the other.
    left, right = Image.new("L", (big, big), 0), Image.new("L", (big, big), 0)
    ImageDraw.Draw(left).ellipse(
        (middle - shift - radius, middle - radius, middle - shift + radius, middle + radius), 255
    )
    ImageDraw.Draw(right).ellipse(
        (middle + shift - radius, middle - radius, middle + shift + radius, middle + radius), 255
    )
    both = ImageChops.multiply(left, right)
    blend = tuple((a + b) // 2 for a, b in zip(ACCENT, INK, strict=True))
    image.paste(Image.new("RGB", (big, big), blend), (0, 0), both)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False)
    return out.getvalue()


def build() -> dict[str, bytes]:
    """Every icon's file name and bytes."""
    return {file_name(kind): draw(size) for kind, size in SIZES.items()}


def write() -> list[Path]:
    IMAGES.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in build().items():
        path = IMAGES / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written
