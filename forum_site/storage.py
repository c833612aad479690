"""Private files: personal documents (badge PDFs today; notes verbales and
visa letters when they come) that only permission-checked views hand out.

They live under ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, in a storage
with no URL: no web server serving the media directory and no development
``static()`` route can reach them, and ``FieldFile.url`` raises instead of
printing a link. A view checks who asks, then streams the file."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="forum_site.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT`` without a URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        # FileSystemStorage falls back to MEDIA_URL when base_url is None.
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    """The ``private`` storage of ``STORAGES``, for ``FileField(storage=...)``:
    a callable, so migrations name it instead of freezing a path."""
    return storages["private"]
