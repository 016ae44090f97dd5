"""Storing a previewed REFI-QDA project in a scan, all or nothing (see ``refi_project``).

Sources go in through the sources app (``add_documents`` and its reading task, run at
once so the passages exist for the codings); codes, pseudonymous coders, codings, memos
and sets are written here. GUIDs are kept wherever no other scan uses them already.
When anything fails, the transaction is rolled back and the stored files removed.
"""

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.sources.constants import SourceStatus
from thermometer.sources.services import add_documents
from thermometer.sources.tasks import extract_source

from .constants import CodeKind
from .models import Code, CodeSet, Coding, ImportedCoder, Memo
from .refi_project import assessment_and_memo, map_selections


@dataclass
class ImportReport:
    counts: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


class _Store:
    def __init__(self, scan, preview, user):
        self.scan, self.preview, self.user = scan, preview, user
        self.report = ImportReport(warnings=list(preview.warnings))
        self.counts = dict.fromkeys(
            ("codes", "codes_existing", "sources", "codings", "memos", "sets", "coders"), 0
        )
        self.codes, self.sources, self.coders = {}, {}, {}
        self.note_targets: dict = {}  # note guid -> {"codes"|"sources"|"codings": [...]}
        self.files: list = []  # stored files, removed again on failure
        self.kept_guids = True
        self.used: set = set()

    def uuid_for(self, model, guid: str):
        """The project's GUID when no row of ``model`` has it yet, else a new one."""
        if guid and (model, guid) not in self.used:
            self.used.add((model, guid))  # a selection cut in pieces keeps it once
            value = uuid.UUID(guid)
            if not model.objects.filter(uuid=value).exists():
                return value
            self.kept_guids = False
        return uuid.uuid4()

    def note(self, guids, kind, obj):
        for guid in guids:
            self.note_targets.setdefault(guid, {}).setdefault(kind, []).append(obj)

    def coder(self, guid: str):
        if not guid:
            return None
        if guid not in self.coders:
            coder, made = ImportedCoder.objects.get_or_create(
                scan=self.scan,
                uuid=uuid.UUID(guid),
                defaults={
                    "label": _("Coder %(number)d")
                    % {"number": self.scan.imported_coders.count() + 1}
                },
            )
            self.counts["coders"] += made
            self.coders[guid] = coder
        return self.coders[guid]

    def store_codes(self, refi_codes, parent):
        for refi in refi_codes:
            code = None
            if refi.guid:
                code = self.scan.codes.filter(uuid=uuid.UUID(refi.guid)).first()
            code = code or self.scan.codes.filter(name=refi.name[:200], parent=parent).first()
            if code is not None:
                self.counts["codes_existing"] += 1
            else:
                code = Code.objects.create(
                    uuid=self.uuid_for(Code, refi.guid),
                    scan=self.scan,
                    parent=parent,
                    kind=CodeKind.CUSTOM,
                    name=refi.name[:200],
                    description=refi.description,
                    colour=refi.colour,
                    codable=refi.codable,
                    order=self.scan.codes.filter(parent=parent).count(),
                )
                self.counts["codes"] += 1
            self.codes[refi.guid] = code
            self.note(refi.notes, "codes", code)
            self.store_codes(refi.children, code)

    def store_source(self, planned):
        refi = planned.refi
        source = planned.existing or self.scan.sources.filter(sha256=_digest(refi.data)).first()
        if source is None:
            (added,) = add_documents(
                self.scan, [(planned.filename, refi.data)], place="", user=self.user
            )
            if not added.ok:
                self.report.warnings.append(f"“{refi.name}”: {added.message}")
                return None
            source = added.source
            self.files.append(source.file.name)
            extract_source.call(source.pk)
            source.refresh_from_db()
            # After the reading, which would otherwise title it by its first line.
            source.title = refi.name[:300]
            source.uuid = self.uuid_for(type(source), refi.guid)
            source.save(update_fields=["title", "uuid"])
            self.counts["sources"] += 1
        if source.status != SourceStatus.DONE:
            self.report.warnings.append(
                _("“%(name)s” could not be read; its codings were skipped.") % {"name": refi.name}
            )
            return None
        self.note(refi.notes, "sources", source)
        return source

    def store_codings(self, refi, source):
        passages = list(source.passages.order_by("index"))
        spans = [(p.start, p.end) for p in passages]
        mapped = map_selections(refi, source.text, spans, set(self.codes), [])
        seen = set()
        for item in mapped:
            passage, code = passages[item.passage], self.codes[item.coding.code]
            coder = self.coder(item.coding.creator or item.selection.creator)
            key = (passage.pk, code.pk, item.start, item.end, coder.pk if coder else None)
            if (
                key in seen
                or Coding.objects.filter(
                    passage=passage, code=code, start=item.start, end=item.end, imported_coder=coder
                ).exists()
            ):
                continue
            seen.add(key)
            assessment, memo = assessment_and_memo(item.selection.description)
            coding = Coding.objects.create(
                uuid=self.uuid_for(Coding, item.coding.guid),
                passage=passage,
                code=code,
                start=item.start,
                end=item.end,
                quote=passage.text[item.start : item.end],
                assessment=assessment,
                memo=memo,
                imported_coder=coder,
                selection_uuid=uuid.UUID(item.selection.guid) if item.selection.guid else None,
            )
            self.counts["codings"] += 1
            self.note(item.selection.notes + item.coding.notes, "codings", coding)

    def store_memos(self):
        for refi in self.preview.project.notes:
            memo = Memo.objects.create(
                uuid=self.uuid_for(Memo, refi.guid),
                scan=self.scan,
                title=refi.name[:300],
                description=refi.description,
                text=refi.text,
                imported_coder=self.coder(refi.creator),
            )
            targets = self.note_targets.get(refi.guid, {})
            memo.codes.set(targets.get("codes", []))
            memo.sources.set(targets.get("sources", []))
            memo.codings.set(targets.get("codings", []))
            self.counts["memos"] += 1

    def store_sets(self):
        for refi in self.preview.project.sets:
            found = CodeSet.objects.create(
                uuid=self.uuid_for(CodeSet, refi.guid),
                scan=self.scan,
                name=refi.name[:200],
                description=refi.description,
            )
            found.codes.set([self.codes[g] for g in refi.codes if g in self.codes])
            found.sources.set([self.sources[g] for g in refi.sources if g in self.sources])
            self.counts["sets"] += 1

    def run(self):
        self.store_codes(self.preview.project.codes, None)
        for planned in self.preview.sources:
            if planned.refused:
                continue
            source = self.store_source(planned)
            if source is not None:
                self.sources[planned.refi.guid] = source
                self.store_codings(planned.refi, source)
        self.store_memos()
        self.store_sets()
        if not self.kept_guids:
            self.report.warnings.append(
                _("Some GUIDs are already used by another scan; those elements got new GUIDs.")
            )
        record(
            "qdpx_imported",
            user=self.user,
            scan=self.scan,
            name=self.preview.project.name,
            **{k: v for k, v in self.counts.items() if k != "codes_existing"},
        )
        self.report.counts = self.counts
        return self.report


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def store_project(scan, preview, *, user) -> ImportReport:
    """Store ``preview`` (``refi_project.preview_project``) in ``scan``: all or nothing."""
    from django.core.files.storage import default_storage

    store = _Store(scan, preview, user)
    try:
        with transaction.atomic():
            return store.run()
    except Exception:
        for name in store.files:
            default_storage.delete(name)
        raise
