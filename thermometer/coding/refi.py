"""REFI-QDA: the scan's sources, codebook and codings as a .qdpx project, and a
.qdc codebook read back in — so the work can go on in ATLAS.ti, MAXQDA, NVivo or
QualCoder. The XML is built and read with lxml.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from thermometer.audit.events import record
from thermometer.core.safe_xml import UnsafeXML, parse

from .constants import Assessment, CodeKind
from .models import Code, Coding
from .refi_read import RefiError  # one error for codebooks and projects

__all__ = ["RefiError", "export_qdpx", "import_codebook", "plan_codebook"]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Thermometer"


def _guid(value) -> str:
    return str(value).upper()


def _timestamp(moment) -> str:
    return moment.astimezone(timezone.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _code_element(parent, code, children_of, ns):
    element = etree.SubElement(
        parent,
        f"{{{ns}}}Code",
        guid=_guid(code.uuid),
        name=code.name,
        isCodable="true" if code.selectable else "false",
        color=code.colour.upper(),
    )
    if code.description:
        etree.SubElement(element, f"{{{ns}}}Description").text = code.description
    if ns == PROJECT_NS:
        _note_refs(element, code.memos.all())
    for child in children_of.get(code.pk, []):
        _code_element(element, child, children_of, ns)


def _codes(parent, scan, ns):
    codes = list(scan.codes.all().prefetch_related("memos"))
    children_of: dict = {}
    for code in codes:
        children_of.setdefault(code.parent_id, []).append(code)
    container = etree.SubElement(parent, f"{{{ns}}}Codes")
    for code in children_of.get(None, []):
        _code_element(container, code, children_of, ns)


def _users(root, codings, scan):
    """Thermometer's coders by their account, imported coders by their pseudonym."""
    people = {c.coder for c in codings if c.coder}
    imported = list(scan.imported_coders.all())
    if not people and not imported:
        return
    users = etree.SubElement(root, f"{{{PROJECT_NS}}}Users")
    for user in sorted(people, key=lambda u: u.email):
        etree.SubElement(users, f"{{{PROJECT_NS}}}User", guid=_guid(user.uuid), name=str(user))
    for coder in imported:
        etree.SubElement(users, f"{{{PROJECT_NS}}}User", guid=_guid(coder.uuid), name=coder.label)


def _creator(coding) -> dict:
    coder = coding.coder or coding.imported_coder
    return {"creatingUser": _guid(coder.uuid)} if coder else {}


def _note_refs(parent, memos):
    for memo in memos:
        etree.SubElement(parent, f"{{{PROJECT_NS}}}NoteRef", targetGUID=_guid(memo.uuid))


def _selections(element, codings):
    """One PlainTextSelection per selection: codings imported from one selection of a
    project go back together, each of the product's own codings is a selection."""
    groups: dict = {}
    for coding in sorted(codings, key=lambda c: (c.passage.start + c.start, c.pk)):
        key = (coding.selection_uuid or coding.uuid, coding.passage_id, coding.start, coding.end)
        groups.setdefault(key, []).append(coding)
    used = set()
    for (selection_uuid, *_span), group in groups.items():
        if selection_uuid in used:  # a selection cut at a passage border: one per piece
            selection_uuid = group[0].uuid
        used.add(selection_uuid)
        first = group[0]
        start = first.passage.start + first.start
        selection = etree.SubElement(
            element,
            f"{{{PROJECT_NS}}}PlainTextSelection",
            guid=_guid(selection_uuid),
            name=first.quote[:60],
            startPosition=str(start),
            endPosition=str(start + (first.end - first.start)),
            creationDateTime=_timestamp(first.created),
            **_creator(first),
        )
        label = Assessment(first.assessment).label
        memo = f"{label}." + (f" {first.memo}" if first.memo else "")
        etree.SubElement(selection, f"{{{PROJECT_NS}}}Description").text = memo
        for coding in group:
            own = coding.selection_uuid is None
            coded = etree.SubElement(
                selection,
                f"{{{PROJECT_NS}}}Coding",
                guid=_guid(uuid.uuid5(coding.uuid, "coding") if own else coding.uuid),
                creationDateTime=_timestamp(coding.created),
                **_creator(coding),
            )
            etree.SubElement(coded, f"{{{PROJECT_NS}}}CodeRef", targetGUID=_guid(coding.code.uuid))
            _note_refs(coded, coding.memos.all())


def _sources(root, scan, codings, files):
    sources = [s for s in scan.sources.all().prefetch_related("memos") if s.text]
    if not sources:
        return
    container = etree.SubElement(root, f"{{{PROJECT_NS}}}Sources")
    by_source: dict = {}
    for coding in codings:
        by_source.setdefault(coding.passage.source_id, []).append(coding)
    for source in sources:
        path = f"{_guid(source.uuid)}.txt"
        files[path] = source.text
        element = etree.SubElement(
            container,
            f"{{{PROJECT_NS}}}TextSource",
            guid=_guid(source.uuid),
            name=source.title,
            plainTextPath=f"internal://{path}",
            creationDateTime=_timestamp(source.created),
        )
        description = ", ".join(
            str(x)
            for x in (source.get_kind_display(), source.get_place_display(), source.owner)
            if x
        )
        if description:
            etree.SubElement(element, f"{{{PROJECT_NS}}}Description").text = description
        _selections(element, by_source.get(source.pk, []))
        _note_refs(element, source.memos.all())


def _memos(root, scan):
    memos = list(scan.memos.select_related("imported_coder"))
    if not memos:
        return
    notes = etree.SubElement(root, f"{{{PROJECT_NS}}}Notes")
    for memo in memos:
        attributes = {"guid": _guid(memo.uuid), "name": memo.title}
        if memo.imported_coder:
            attributes["creatingUser"] = _guid(memo.imported_coder.uuid)
        note = etree.SubElement(notes, f"{{{PROJECT_NS}}}Note", **attributes)
        if memo.description:
            etree.SubElement(note, f"{{{PROJECT_NS}}}Description").text = memo.description
        etree.SubElement(note, f"{{{PROJECT_NS}}}PlainTextContent").text = memo.text


def _sets(root, scan):
    sets = list(scan.code_sets.prefetch_related("codes", "sources"))
    if not sets:
        return
    container = etree.SubElement(root, f"{{{PROJECT_NS}}}Sets")
    for found in sets:
        element = etree.SubElement(
            container, f"{{{PROJECT_NS}}}Set", guid=_guid(found.uuid), name=found.name
        )
        if found.description:
            etree.SubElement(element, f"{{{PROJECT_NS}}}Description").text = found.description
        for code in found.codes.all():
            etree.SubElement(element, f"{{{PROJECT_NS}}}MemberCode", targetGUID=_guid(code.uuid))
        for source in found.sources.filter(text__gt=""):
            etree.SubElement(
                element, f"{{{PROJECT_NS}}}MemberSource", targetGUID=_guid(source.uuid)
            )


def export_qdpx(scan) -> bytes:
    """A .qdpx archive: project.qde plus one plain-text file per source."""
    now = _timestamp(timezone.now())
    root = etree.Element(
        f"{{{PROJECT_NS}}}Project",
        nsmap={None: PROJECT_NS},
        name=scan.title,
        origin=ORIGIN,
        creationDateTime=now,
        modifiedDateTime=now,
    )
    codings = list(
        Coding.objects.filter(code__scan=scan)
        .select_related("passage", "code", "coder", "imported_coder")
        .prefetch_related("memos")
    )
    _users(root, codings, scan)
    if scan.codes.exists():
        book = etree.SubElement(root, f"{{{PROJECT_NS}}}CodeBook")
        _codes(book, scan, PROJECT_NS)
    files: dict = {}
    _sources(root, scan, codings, files)
    _memos(root, scan)
    _sets(root, scan)
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for path, text in files.items():
            archive.writestr(f"Sources/{path}", text.encode("utf-8"))
    return out.getvalue()


@dataclass(eq=False)  # one per code to add: told apart by identity, as rows are by key
class NewCode:
    uuid: uuid.UUID
    parent: "Code | NewCode | None"
    name: str
    description: str
    colour: str
    order: int


@dataclass
class CodebookReport:
    created: int = 0
    existing: int = 0
    warnings: list = field(default_factory=list)
    new_codes: list = field(default_factory=list)  # NewCode, each after its parent


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _code_colour(element) -> str:
    colour = element.get("color") or "#4a4a4a"
    if len(colour) == 4:  # #abc -> #aabbcc
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour if len(colour) == 7 else "#4a4a4a"


class _Codebook:
    """The scan's codes as the import sees them, read once: by GUID, by name under a
    parent (the first in the codebook's order) and how many each parent holds. Codes the
    file adds join them in memory, so the plan is made without writing anything."""

    def __init__(self, scan):
        codes = list(scan.codes.order_by("order", "name", "pk"))
        self.by_uuid = {str(c.uuid).upper(): c for c in codes}
        self.by_name: dict = {}
        self.children: dict = {}
        for code in codes:
            self.by_name.setdefault((code.parent_id, code.name), code)
            self.children[code.parent_id] = self.children.get(code.parent_id, 0) + 1
        self.planned_uuids: set = set()

    @staticmethod
    def _key(parent):
        return parent.pk if isinstance(parent, Code) else parent

    def find(self, guid: str, name: str, parent):
        return self.by_uuid.get(guid) or self.by_name.get((self._key(parent), name))

    def add(self, element, parent, guid: str, name: str) -> NewCode:
        """A <Code> as a new code under ``parent``: its own GUID where it is valid and
        not taken (the same codebook in another scan), else a new one."""
        description = next((d.text or "" for d in element if _local(d.tag) == "Description"), "")
        try:
            code_uuid = uuid.UUID(guid) if guid else uuid.uuid4()
        except ValueError:
            code_uuid = uuid.uuid4()
        if code_uuid in self.planned_uuids or Code.objects.filter(uuid=code_uuid).exists():
            code_uuid = uuid.uuid4()  # the same codebook in another scan
        key = self._key(parent)
        order = self.children.get(key, 0)
        code = NewCode(code_uuid, parent, name[:200], description, _code_colour(element), order)
        self.children[key] = order + 1
        self.planned_uuids.add(code_uuid)
        self.by_uuid[str(code_uuid).upper()] = code
        self.by_name.setdefault((key, code.name), code)
        return code


def _plan_codes(book: _Codebook, element, parent, report: CodebookReport) -> None:
    """The <Code> children of ``element`` under ``parent``, depth first."""
    for child in element:
        if _local(child.tag) != "Code":
            continue
        guid = (child.get("guid") or "").strip("{}").upper()
        name = (child.get("name") or "").strip()
        if not name:
            report.warnings.append(_("A code without a name was skipped, with the codes under it."))
            continue
        existing = book.find(guid, name, parent)
        if existing is not None:
            report.existing += 1
            _plan_codes(book, child, existing, report)
            continue
        code = book.add(child, parent, guid, name)
        report.new_codes.append(code)
        report.created += 1
        _plan_codes(book, child, code, report)


def plan_codebook(scan, data: bytes) -> CodebookReport:
    """What importing a .qdc codebook into the scan's own codes would do, keeping its
    hierarchy; reads only (the upload's preview). RefiError when the file is refused.

    Tolerant of what real tools write (an empty <Sets/>, a missing colour); a code
    that is already there (same GUID, or same name under the same parent) is kept.
    """
    try:
        root = parse(data)
    except UnsafeXML as error:
        raise RefiError(str(error)) from None
    if _local(root.tag) not in ("CodeBook", "Project"):
        raise RefiError(_("This is not a REFI-QDA codebook."))
    report = CodebookReport()
    sets = [e for e in root.iter() if _local(e.tag) == "Sets"]
    if sets and not len(sets[0]):
        report.warnings.append(_("An empty <Sets/> was skipped."))
    codes_root = next((e for e in root.iter() if _local(e.tag) == "Codes"), None)
    if codes_root is None:
        raise RefiError(_("The codebook holds no codes."))
    _plan_codes(_Codebook(scan), codes_root, None, report)
    return report


@transaction.atomic
def import_codebook(scan, data: bytes, *, user) -> CodebookReport:
    """Read a .qdc codebook into the scan's own codes: the plan of ``plan_codebook``,
    stored with its audit event."""
    report = plan_codebook(scan, data)
    made: dict = {}
    for new in report.new_codes:
        made[new] = Code.objects.create(
            uuid=new.uuid,
            scan=scan,
            parent=made[new.parent] if isinstance(new.parent, NewCode) else new.parent,
            kind=CodeKind.CUSTOM,
            name=new.name,
            description=new.description,
            colour=new.colour,
            order=new.order,
        )
    if report.created:
        record("codebook_imported", user=user, scan=scan, count=report.created)
    return report
