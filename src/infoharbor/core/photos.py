"""People's photos: which files are accepted, where they are stored, how they are served.

A photo is personal data. It is stored under an unguessable name and never served from a public
URL: the pages that show it go through views that check who is asking.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from infoharbor.core.tokens import new_public_token

MAX_PIXELS_PER_SIDE = 4000


# Pillow's format name -> the content type it is served with.
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


def validate_photo(file: File[Any] | IO[bytes]) -> None:
    """Refuse (ValidationError) a photo that is too big, of another type, or has too many pixels.

    The model field's validator (admin forms, `full_clean`), and what services check first.
    """
    size = getattr(file, "size", None)
    limit = settings.INFOHARBOR_MAX_PHOTO_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _("The photo is larger than %(megabytes)s MB: send a smaller one."),
            code="photo_too_big",
            params={"megabytes": f"{limit / 1_000_000:g}"},
        )
    file.seek(0)
    try:
        # Image.open reads only the header: cheap, and it names the real format, whatever
        # the file name claims.
        with Image.open(file) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError):
        kind, width, height = None, 0, 0
    finally:
        file.seek(0)
    if kind not in CONTENT_TYPES:
        raise ValidationError(
            _("Send the photo as a JPEG, PNG or WebP image."), code="photo_wrong_type"
        )
    if width > MAX_PIXELS_PER_SIDE or height > MAX_PIXELS_PER_SIDE:
        raise ValidationError(
            _(
                "The photo is %(width)s × %(height)s pixels: "
                "at most %(limit)s × %(limit)s are accepted."
            ),
            code="photo_too_large",
            params={"width": width, "height": height, "limit": MAX_PIXELS_PER_SIDE},
        )


def photo_upload_path(instance: Any, filename: str) -> str:
    """An unguessable name; the suffix is kept only when it is one of ours."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"people/photos/{new_public_token()}{suffix if suffix in _SUFFIXES else ''}"


def content_type(file: File[Any]) -> str:
    """The content type of a stored photo, read from its header (not from its name)."""
    file.open("rb")
    try:
        with Image.open(file) as image:
            kind = str(image.format)
    except (UnidentifiedImageError, OSError):
        kind = ""
    finally:
        file.seek(0)
    return CONTENT_TYPES.get(kind, "application/octet-stream")


def discard_replaced(name: str) -> None:
    """Delete a replaced photo's file once the change is committed (never a file still in use)."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def discard_deleted_person_photo(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted person's photo is personal data: remove the file too (post_delete receiver)."""
    discard_replaced(instance.photo.name if instance.photo else "")
