"""Illustrations for the demo content, drawn locally with Pillow (no network needed).

Each image is a 1600x900 JPEG: a two-colour gradient, a few simple shapes (a skyline, sun or
circles, depending on the motif) and, except for the home page's hero, a short label. Images are stored in the "Demo" collection
and looked up by title, so a second run reuses them instead of creating copies.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

WIDTH, HEIGHT = 1600, 900
COLLECTION_NAME = "Demo"


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    label: str
    top: tuple[int, int, int]
    bottom: tuple[int, int, int]
    motif: str = "skyline"  # skyline, circles, waves or grid


DEMO_IMAGES = [
    # The home page's hero: no label, since the page's heading is written over it.
    DemoImage("beranda", "Kota Binjai (ilustrasi)", "", (21, 94, 117), (8, 47, 73)),
    DemoImage(
        "kantor", "Kantor Wali Kota Binjai (ilustrasi)", "Kantor Wali Kota", (21, 94, 117), (8, 47, 73)
    ),
    DemoImage(
        "smartcity",
        "Binjai Smart City (ilustrasi)",
        "Binjai Smart City",
        (14, 116, 144),
        (30, 64, 175),
        "grid",
    ),
    DemoImage(
        "peluncuran",
        "Peluncuran aplikasi e-gov (ilustrasi)",
        "Peluncuran e-Gov",
        (190, 18, 60),
        (76, 29, 149),
        "circles",
    ),
    DemoImage(
        "rapat", "Rapat koordinasi (ilustrasi)", "Rapat Koordinasi", (71, 85, 105), (15, 23, 42), "grid"
    ),
    DemoImage("musrenbang", "Musrenbang (ilustrasi)", "Musrenbang", (180, 83, 9), (120, 53, 15), "circles"),
    DemoImage("jalan", "Perbaikan jalan (ilustrasi)", "Infrastruktur Jalan", (87, 83, 78), (41, 37, 36)),
    DemoImage(
        "kesehatan", "Layanan kesehatan (ilustrasi)", "Kesehatan Warga", (5, 150, 105), (6, 78, 59), "circles"
    ),
    DemoImage("sekolah", "Sekolah digital (ilustrasi)", "Pendidikan", (37, 99, 235), (30, 58, 138), "grid"),
    DemoImage("umkm", "Bazar UMKM (ilustrasi)", "UMKM Binjai", (217, 119, 6), (154, 52, 18), "circles"),
    DemoImage("sungai", "Sungai Bingai (ilustrasi)", "Sungai Bingai", (14, 165, 233), (12, 74, 110), "waves"),
    DemoImage(
        "taman", "Ruang terbuka hijau (ilustrasi)", "Kota Hijau", (101, 163, 13), (54, 83, 20), "waves"
    ),
    DemoImage(
        "perizinan",
        "Layanan perizinan (ilustrasi)",
        "Perizinan Terpadu",
        (124, 58, 237),
        (46, 16, 101),
        "grid",
    ),
    DemoImage(
        "anggaran", "Transparansi anggaran (ilustrasi)", "APBD Terbuka", (15, 118, 110), (19, 78, 74), "grid"
    ),
]
IMAGES_BY_KEY = {image.key: image for image in DEMO_IMAGES}


def _gradient(top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), bottom), Image.new("RGB", (WIDTH, HEIGHT), top), mask
    )


def _draw_motif(draw: ImageDraw.ImageDraw, motif: str, rng: random.Random) -> None:
    light = (255, 255, 255, 40)
    if motif == "skyline":
        draw.ellipse((1180, 120, 1420, 360), fill=(253, 224, 71, 120))
        x = 0
        while x < WIDTH:
            width = rng.randint(70, 170)
            height = rng.randint(160, 420)
            draw.rectangle((x, HEIGHT - height, x + width - 8, HEIGHT), fill=(15, 23, 42, 110))
            x += width
    elif motif == "circles":
        for _ in range(14):
            r = rng.randint(40, 190)
            cx, cy = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=light)
    elif motif == "waves":
        for row in range(6):
            y = 420 + row * 80
            points = [(x, y + (25 if (x // 100) % 2 else -25)) for x in range(0, WIDTH + 100, 100)]
            draw.line(points, fill=(255, 255, 255, 70), width=10, joint="curve")
    else:  # grid
        for x in range(0, WIDTH, 80):
            draw.line((x, 0, x, HEIGHT), fill=(255, 255, 255, 25), width=2)
        for y in range(0, HEIGHT, 80):
            draw.line((0, y, WIDTH, y), fill=(255, 255, 255, 25), width=2)
        for _ in range(10):
            x, y = rng.randrange(0, WIDTH, 80), rng.randrange(0, HEIGHT, 80)
            draw.rectangle((x, y, x + 80, y + 80), fill=(255, 255, 255, 45))


def render_image(spec: DemoImage) -> bytes:
    """Draw one illustration and return it as JPEG bytes."""
    rng = random.Random(spec.key)  # the same picture on every machine
    base = _gradient(spec.top, spec.bottom).convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    _draw_motif(draw, spec.motif, rng)
    if spec.label:  # a caption band for article pictures; the hero picture has none
        draw.rectangle((0, 540, WIDTH, 700), fill=(0, 0, 0, 90))
        font = ImageFont.load_default(size=72)
        small = ImageFont.load_default(size=30)
        draw.text((80, 560), spec.label, font=font, fill=(255, 255, 255, 255))
        draw.text((84, 650), "Pemerintah Kota Binjai · ilustrasi demo", font=small, fill=(255, 255, 255, 200))
    picture = Image.alpha_composite(base, overlay).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=78)
    return buffer.getvalue()


def demo_collection() -> tuple[Collection, bool]:
    collection = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    if collection:
        return collection, False
    return Collection.get_first_root_node().add_child(name=COLLECTION_NAME), True


def ensure_images() -> tuple[dict, int]:
    """Return ``{key: image}`` for every demo illustration and how many were created."""
    Image_ = get_image_model()
    collection, _ = demo_collection()
    images, created = {}, 0
    for spec in DEMO_IMAGES:
        image = Image_.objects.filter(title=spec.title, collection=collection).first()
        if image is None:
            content = render_image(spec)
            image = Image_(title=spec.title, description=spec.title, collection=collection)
            image.file = ImageFile(io.BytesIO(content), name=f"demo-{spec.key}.jpg")
            image.file_size = len(content)
            image.save()
            created += 1
        images[spec.key] = image
    return images, created
