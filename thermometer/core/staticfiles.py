from django.contrib.staticfiles.finders import FileSystemFinder
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Files of the npm packages that we do not serve. The Utrecht token package ships a
# CSS file pointing at an icon it does not include, which would break the manifest
# of collectstatic; type definitions and Sass sources are of no use to a browser.
VENDOR_IGNORE = [
    "background-image-icon.css",
    "*prince-xml.css",
    "*.scss",
    "*.d.ts",
    "*.cjs",
    "*.mjs",
    "*.json",
    "*.gz",
]


class VendorFileSystemFinder(FileSystemFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *VENDOR_IGNORE])


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, with each URL worked out once per process.

    The manifest is read when the process starts and does not change while it runs,
    yet working out a hashed URL costs more than the rest of a small page's header;
    every page asks for the same few."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force)
        if key not in self._urls:
            self._urls[key] = super().url(name, force)
        return self._urls[key]
