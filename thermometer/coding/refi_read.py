"""Reading a REFI-QDA project (.qdpx archive or bare .qde) into plain data (pure).

Nothing is stored here. A file is refused (``RefiError``, Dutch reason) only when it
cannot be a project at all: not a zip or XML, a zip bomb, XML entities, no <Project>.
Everything else real tools write differently from the schema (ATLAS.ti, Taguette's
empty <Sets/>, QualCoder, MAXQDA) is read as far as it goes and named in ``warnings``.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from thermometer.core.safe_xml import UnsafeXML, parse
from thermometer.core.tabular import ZIP_MAGIC, zip_bomb

PROJECT_NS = "urn:QDA-XML:project:1.0"
SCHEMA = Path(__file__).resolve().parent / "refi_schema" / "Project.xsd"
MAX_ENTRIES = 10_000
MAX_RATIO = 100  # unpacked size over packed size, as for documents (sources.inspection)
MAX_SCHEMA_WARNINGS = 15


class RefiError(ValueError):
    """The message is Dutch and meant for the user."""


@dataclass
class RefiCode:
    guid: str
    name: str
    colour: str
    codable: bool
    description: str = ""
    children: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass
class RefiCoding:
    guid: str
    code: str
    creator: str = ""
    notes: list = field(default_factory=list)


@dataclass
class RefiSelection:
    guid: str
    start: int | None  # code points in the source's plain text; None: find ``quote``
    end: int | None
    creator: str = ""
    description: str = ""
    quote: str = ""
    codings: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass
class RefiSource:
    guid: str
    name: str
    kind: str  # "text" or "pdf": how the product reads ``data``
    data: bytes | None = None  # the file to read; None when the archive lacks it
    plain_text: str | None = None  # the text the selections' positions count in
    description: str = ""
    selections: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass
class RefiNote:
    guid: str
    name: str
    text: str
    description: str = ""
    creator: str = ""


@dataclass
class RefiSet:
    guid: str
    name: str
    description: str = ""
    codes: list = field(default_factory=list)
    sources: list = field(default_factory=list)


@dataclass
class RefiProject:
    name: str = ""
    origin: str = ""
    users: dict = field(default_factory=dict)  # guid -> name (never stored)
    codes: list = field(default_factory=list)  # the top of the hierarchy
    sources: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    sets: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def all_codes(self):
        stack = list(reversed(self.codes))
        while stack:
            code = stack.pop()
            yield code
            stack.extend(reversed(code.children))


def local(element) -> str:
    return etree.QName(element.tag).localname if isinstance(element.tag, str) else ""


def children(element, name):
    return [child for child in element if local(child) == name]


def child(element, name):
    return next(iter(children(element, name)), None)


def text_of(element, name) -> str:
    found = child(element, name)
    return (found.text or "") if found is not None else ""


def guid_of(value) -> str:
    """A GUID in one spelling (upper case, no braces), or "" when it is none."""
    try:
        return str(uuid.UUID((value or "").strip().strip("{}"))).upper()
    except ValueError:
        return ""


class Archive:
    """The members of a .qdpx, found by name regardless of case and folder spelling."""

    def __init__(self, data: bytes):
        self.zip = None
        self.members = {}
        if not data.startswith(ZIP_MAGIC):
            return
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError):
            raise RefiError(_("The archive is damaged: it cannot be opened.")) from None
        from django.conf import settings

        if len(infos) > MAX_ENTRIES or zip_bomb(
            self.zip,
            packed_size=len(data),
            max_unpacked=settings.SOURCE_MAX_UNCOMPRESSED_BYTES,
            max_ratio=MAX_RATIO,
        ):
            raise RefiError(
                _("The file unpacks to far more than its own size (a “zip bomb”); it is not read.")
            )
        self.members = {info.filename.replace("\\", "/").lower(): info for info in infos}

    def read(self, name: str) -> bytes | None:
        info = self.members.get(name.replace("\\", "/").lower())
        if info is None:
            return None
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, OSError, NotImplementedError):
            raise RefiError(_("The archive is damaged: it cannot be opened.")) from None

    def project_xml(self) -> bytes:
        names = [n for n in self.members if n.endswith(".qde") and "/" not in n.strip("/")]
        if not names:
            raise RefiError(_("The archive holds no project.qde: it is not a REFI-QDA project."))
        return self.read(names[0])

    def source(self, path: str) -> bytes | None:
        """The file a source's path names: internal:// in the archive's sources folder."""
        if not path.startswith("internal://"):
            return None
        return self.read("sources/" + path.removeprefix("internal://"))


def read_project(data: bytes) -> RefiProject:
    """The project in ``data`` (.qdpx or .qde), or RefiError with the Dutch reason."""
    archive = Archive(data)
    xml = archive.project_xml() if archive.zip else data
    if not xml.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
        raise RefiError(_("This is not a REFI-QDA project (.qdpx or .qde)."))
    try:
        root = parse(xml)
    except UnsafeXML as error:
        raise RefiError(str(error)) from None
    if local(root) != "Project":
        raise RefiError(
            _("This is not a REFI-QDA project: the file does not start with <Project>.")
        )
    project = RefiProject(name=root.get("name", ""), origin=root.get("origin", ""))
    project.warnings += schema_warnings(root)
    from .refi_elements import read_elements

    read_elements(root, archive, project)
    return project


@lru_cache(maxsize=1)
def _schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def schema_warnings(root) -> list[str]:
    """Every way ``root`` departs from the REFI-QDA schema, as Dutch warnings."""
    warnings = []
    if etree.QName(root).namespace != PROJECT_NS:
        warnings.append(
            _("The project does not use the REFI-QDA namespace; it was read by element names.")
        )
        root = _in_namespace(root)
    for element in root.iter():
        if local(element) == "Sets" and not len(element):
            warnings.append(_("An empty <Sets/> was skipped."))
    schema = _schema()
    if schema.validate(root):
        return warnings
    errors = [
        e for e in schema.error_log if "Sets" not in e.message or "Missing child" not in e.message
    ]
    for error in errors[:MAX_SCHEMA_WARNINGS]:
        warnings.append(
            _("Line %(line)d departs from the REFI-QDA schema: %(detail)s")
            % {"line": error.line, "detail": error.message}
        )
    if len(errors) > MAX_SCHEMA_WARNINGS:
        more = len(errors) - MAX_SCHEMA_WARNINGS
        warnings.append(
            ngettext(
                "And %(count)d more departure from the schema.",
                "And %(count)d more departures from the schema.",
                more,
            )
            % {"count": more}
        )
    return warnings


def _in_namespace(root):
    copy = etree.fromstring(etree.tostring(root))
    for element in copy.iter():
        if isinstance(element.tag, str):
            element.tag = f"{{{PROJECT_NS}}}{etree.QName(element).localname}"
    etree.cleanup_namespaces(copy)
    return copy
