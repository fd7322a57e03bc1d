"""Pictures as editors have them, made with Pillow for the tests: a phone photo with its GPS position."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageCms, ImageDraw, ImageFilter

GPS_IFD = 0x8825
ORIENTATION = 0x0112
# Where the photo was taken (Albany, NY): what must never be published.
GPS = {1: "N", 2: (42.0, 42.0, 10.5), 3: "W", 4: (73.0, 49.0, 5.25), 5: 0, 6: 30.0}


def phone_photo(width: int = 4000, height: int = 3000, orientation: int = 1, seed: int = 1) -> bytes:
    """A JPEG like a phone's: noisy, detailed (texture that survives resizing), about 3 MB at
    4000x3000, with EXIF (camera, time, GPS position, orientation), an XMP packet and an
    ICC profile."""
    rng = random.Random(seed)
    scene = Image.new("RGB", (max(1, width // 8), max(1, height // 8)))
    draw = ImageDraw.Draw(scene)
    for y in range(scene.height):
        draw.line((0, y, scene.width, y), fill=(90 + y * 60 // scene.height, 140, 230 - y * 90 // scene.height))
    for _ in range(60):
        x, y, r = rng.randrange(scene.width), rng.randrange(scene.height), rng.randrange(2, max(3, scene.width // 6))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    scene = scene.filter(ImageFilter.GaussianBlur(2)).resize((width, height), Image.Resampling.BICUBIC)
    texture = [Image.effect_noise((max(1, width // 6), max(1, height // 6)), 60).resize((width, height), Image.Resampling.BICUBIC)
               for _ in range(3)]
    grain = [Image.effect_noise((width, height), 30) for _ in range(3)]
    photo = Image.merge("RGB", [Image.blend(Image.blend(c, t, 0.3), g, 0.15)
                                for c, t, g in zip(scene.split(), texture, grain)])
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    exif[0x0132] = "2026:11:20 10:31:07"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = GPS
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description exif:GPSLatitude="42,42.175N" xmlns:exif="http://ns.adobe.com/exif/1.0/"/>'
           b"</rdf:RDF></x:xmpmeta>")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92, exif=exif, xmp=xmp, icc_profile=icc)
    return buffer.getvalue()


def metadata_left(data: bytes) -> dict:
    """What a published picture still says about itself beyond its pixels (empty when clean)."""
    image = Image.open(io.BytesIO(data))
    left = {key: value for key, value in image.info.items()
            if key not in ("dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression",
                           "adobe", "adobe_transform", "loop", "duration", "background", "timestamp")}
    exif = image.getexif()
    if len(exif):
        left["exif"] = dict(exif)
    if exif.get_ifd(GPS_IFD):
        left["gps"] = exif.get_ifd(GPS_IFD)
    if any(marker in data for marker in (b"Exif\x00\x00", b"PhoneMaker", b"xmpmeta", b"ICC_PROFILE")):
        left["bytes"] = "GPS, camera or XMP text in the file"
    return left
