"""The check that an uploaded letterhead or signature is an image reportlab can draw."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 2 * 1024 * 1024
# A few bytes of PNG can claim billions of pixels (a "decompression bomb"):
# the size in its header is checked before any pixel is read.
MAX_IMAGE_PIXELS = 40_000_000
TOO_MANY_PIXELS = _("The image is too large: at most 40 million pixels (for example 8000 × 5000).")


def validate_letter_image(upload) -> None:
    if upload.size and upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is too large: at most 2 MB."), code="too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
            image.verify()
            kind = image.format
    except Image.DecompressionBombError:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Upload a PNG or JPEG image."), code="not_image") from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)
    if kind not in {"PNG", "JPEG"}:
        raise ValidationError(_("Upload a PNG or JPEG image."), code="not_image")
