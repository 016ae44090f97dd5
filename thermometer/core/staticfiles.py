from django.contrib.staticfiles.finders import FileSystemFinder

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
