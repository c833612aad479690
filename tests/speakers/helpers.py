import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

LINK = re.compile(r"https?://[^/\s]+(/speakers/invitation/[^/\s]+/)")


def link_path(message) -> str:
    """The invitation link's path in an email."""
    return LINK.search(message.body).group(1)


def png_upload(name="photo.png", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 95, 139)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def profile(**overrides) -> dict:
    data = {
        "honorific": "Dr",
        "first_name": "Amara",
        "last_name": "Nwosu",
        "position": "Professor of Law",
        "organisation": "University of Lagos",
        "country": "NG",
        "bio": "Works on neurorights.\n\nChairs a national ethics committee.",
        "gender": "woman",
        "gender_consent": True,
        "travel_needs": "Visa letter",
        "accessibility_needs": "Step-free access",
    }
    data.update(overrides)
    return data


def png_declaring(width: int, height: int, name="huge.png") -> SimpleUploadedFile:
    """A tiny PNG whose header declares ``width`` × ``height`` pixels (the
    image data is absent: only the header is read before it is refused)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    content = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, content, content_type="image/png")
