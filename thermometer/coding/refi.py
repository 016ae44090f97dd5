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
from lxml import etree

from .constants import Assessment, CodeKind
from .models import Code, Coding

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Thermometer"


class RefiError(ValueError):
    pass


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
    for child in children_of.get(code.pk, []):
        _code_element(element, child, children_of, ns)


def _codes(parent, scan, ns):
    codes = list(scan.codes.all())
    children_of: dict = {}
    for code in codes:
        children_of.setdefault(code.parent_id, []).append(code)
    container = etree.SubElement(parent, f"{{{ns}}}Codes")
    for code in children_of.get(None, []):
        _code_element(container, code, children_of, ns)


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
        Coding.objects.filter(code__scan=scan).select_related("passage", "code", "coder")
    )
    coders = {c.coder for c in codings if c.coder}
    if coders:
        users = etree.SubElement(root, f"{{{PROJECT_NS}}}Users")
        for user in sorted(coders, key=lambda u: u.email):
            etree.SubElement(users, f"{{{PROJECT_NS}}}User", guid=_guid(user.uuid), name=str(user))
    if scan.codes.exists():
        book = etree.SubElement(root, f"{{{PROJECT_NS}}}CodeBook")
        _codes(book, scan, PROJECT_NS)
    files = {}
    sources = [s for s in scan.sources.all() if s.text]
    if sources:
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
            for coding in sorted(
                by_source.get(source.pk, []), key=lambda c: c.passage.start + c.start
            ):
                start = coding.passage.start + coding.start
                attributes = {
                    "guid": _guid(coding.uuid),
                    "name": coding.quote[:60],
                    "startPosition": str(start),
                    "endPosition": str(start + (coding.end - coding.start)),
                    "creationDateTime": _timestamp(coding.created),
                }
                if coding.coder:
                    attributes["creatingUser"] = _guid(coding.coder.uuid)
                selection = etree.SubElement(
                    element, f"{{{PROJECT_NS}}}PlainTextSelection", **attributes
                )
                label = Assessment(coding.assessment).label
                memo = f"{label}." + (f" {coding.memo}" if coding.memo else "")
                etree.SubElement(selection, f"{{{PROJECT_NS}}}Description").text = memo
                coded = etree.SubElement(
                    selection,
                    f"{{{PROJECT_NS}}}Coding",
                    guid=_guid(uuid.uuid5(coding.uuid, "coding")),
                    creationDateTime=_timestamp(coding.created),
                )
                etree.SubElement(
                    coded, f"{{{PROJECT_NS}}}CodeRef", targetGUID=_guid(coding.code.uuid)
                )
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for path, text in files.items():
            archive.writestr(f"Sources/{path}", text.encode("utf-8"))
    return out.getvalue()


@dataclass
class CodebookReport:
    created: int = 0
    existing: int = 0
    warnings: list = field(default_factory=list)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


@transaction.atomic
def import_codebook(scan, data: bytes, *, user) -> CodebookReport:
    """Read a .qdc codebook into the scan's own codes, keeping its hierarchy.

    Tolerant of what real tools write (an empty <Sets/>, a missing colour); a code
    that is already there (same GUID, or same name under the same parent) is kept.
    """
    from thermometer.audit.events import record
    from thermometer.core.safe_xml import UnsafeXML, parse

    try:
        root = parse(data)
    except UnsafeXML as error:
        raise RefiError(str(error)) from None
    if _local(root.tag) not in ("CodeBook", "Project"):
        raise RefiError("not a REFI-QDA codebook")
    report = CodebookReport()
    sets = [e for e in root.iter() if _local(e.tag) == "Sets"]
    if sets and not len(sets[0]):
        report.warnings.append("empty <Sets/> ignored")
    codes_root = next((e for e in root.iter() if _local(e.tag) == "Codes"), None)
    if codes_root is None:
        raise RefiError("the codebook holds no codes")
    by_uuid = {str(c.uuid).upper(): c for c in scan.codes.all()}

    def walk(element, parent):
        for child in element:
            if _local(child.tag) != "Code":
                continue
            guid = (child.get("guid") or "").strip("{}").upper()
            name = (child.get("name") or "").strip()
            if not name:
                report.warnings.append("a code without a name was skipped")
                continue
            existing = by_uuid.get(guid) or scan.codes.filter(name=name, parent=parent).first()
            if existing is not None:
                report.existing += 1
                walk(child, existing)
                continue
            colour = child.get("color") or "#4a4a4a"
            if len(colour) == 4:  # #abc -> #aabbcc
                colour = "#" + "".join(c * 2 for c in colour[1:])
            description = next((d.text or "" for d in child if _local(d.tag) == "Description"), "")
            try:
                code_uuid = uuid.UUID(guid) if guid else uuid.uuid4()
            except ValueError:
                code_uuid = uuid.uuid4()
            if Code.objects.filter(uuid=code_uuid).exists():
                code_uuid = uuid.uuid4()  # the same codebook in another scan
            code = Code.objects.create(
                uuid=code_uuid,
                scan=scan,
                parent=parent,
                kind=CodeKind.CUSTOM,
                name=name[:200],
                description=description,
                colour=colour if len(colour) == 7 else "#4a4a4a",
                order=scan.codes.filter(parent=parent).count(),
            )
            by_uuid[str(code.uuid).upper()] = code
            report.created += 1
            walk(child, code)

    walk(codes_root, None)
    if report.created:
        record("codebook_imported", user=user, scan=scan, count=report.created)
    return report
