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
