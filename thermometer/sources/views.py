from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit import security
from thermometer.core import embeddings
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context
from thermometer.sources.visibility import visible_sources

from . import services
from .constants import SourceKind, SourceStatus
from .forms import DocumentsForm
from .models import Passage


def _list_page(request, access, form, results=None):
    sources = list(visible_sources(access).defer("text").order_by("-created"))
    context = scan_context(access)
    context.update(
        {
            "form": form,
            "results": results,
            "sources": sources,
            "busy": any(
                s.status in (SourceStatus.QUEUED, SourceStatus.PROCESSING) and not s.is_stale
                for s in sources
            ),
        }
    )
    template = "sources/_source_table.html" if request.htmx else "sources/source_list.html"
    return render(request, template, context)


@scan_view(Action.VIEW)
def source_list(request, access):
    return _list_page(request, access, DocumentsForm() if access.can_edit else None)


@scan_view(Action.EDIT)
@require_POST
def source_upload(request, access):
    form = DocumentsForm(request.POST, request.FILES)
    results = None
    if form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        results = services.add_documents(
            access.scan,
            files,
            place=form.cleaned_data["place"],
            date=form.cleaned_data["date"],
            owner=form.cleaned_data["owner"],
            user=request.user,
        )
        added = sum(1 for r in results if r.ok)
        if added:
            messages.success(request, _("%(n)d documents added.") % {"n": added})
        form = DocumentsForm()
    return _list_page(request, access, form, results)


@scan_view(Action.VIEW)
def source_detail(request, access, source_uuid):
    source = get_object_or_404(visible_sources(access), uuid=source_uuid)
    if source.kind != SourceKind.DOCUMENT:
        security.log("personal_data_viewed", request, scan=access.scan, what=source.title)
    context = scan_context(access)
    passages = source.passages.prefetch_related("codings__code", "codings__coder")[:500]
    context.update({"source": source, "passages": passages})
    return render(request, "sources/source_detail.html", context)


@scan_view(Action.EDIT)
@require_POST
def source_retry(request, access, source_uuid):
    source = get_object_or_404(access.scan.sources, uuid=source_uuid)
    if services.read_again(source, user=request.user):
        messages.info(request, _("The document is being read again."))
    return redirect("sources:list", slug=access.scan.slug)


@scan_view(Action.EDIT)
def source_delete(request, access, source_uuid):
    """Ask, then delete a document with its passages, their codings and meaning."""
    source = get_object_or_404(access.scan.sources, uuid=source_uuid)
    if request.method == "POST":
        services.delete_source(source, user=request.user)
        messages.success(request, _("The document has been deleted."))
        return redirect("sources:list", slug=access.scan.slug)
    context = scan_context(access)
    context.update({"source": source, **services.what_goes_with(source)})
    return render(request, "sources/source_delete.html", context)


@scan_view(Action.VIEW)
def source_search(request, access):
    from .search import highlight, hybrid_search, like_this

    query = request.GET.get("q", "").strip()[:200]
    like = None
    if request.GET.get("like", "").isdigit():
        like = get_object_or_404(
            Passage.objects.select_related("source"),
            source__in=visible_sources(access),
            pk=int(request.GET["like"]),
        )
        query = ""
    found = []
    if like is not None:
        found = like_this(access.scan, like)
    elif query:
        found = hybrid_search(access.scan, query)
    if not access.can_view_personal:
        visible = set(visible_sources(access).values_list("pk", flat=True))
        found = [f for f in found if f.passage.source_id in visible]
    results = [
        {"found": f, "html": highlight(f.passage.text, query) if query else f.passage.text}
        for f in found
    ]
    context = scan_context(access)
    context.update(
        {
            "query": query,
            "like": like,
            "results": results,
            "by_meaning": embeddings.available(),
        }
    )
    return render(request, "sources/search.html", context)


@scan_view(Action.EDIT)
def conversation_add(request, access):
    from .forms import ConversationForm
    from .inspection import UploadRefused

    scan = access.scan
    form = ConversationForm(request.POST or None, request.FILES or None, scan=scan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = (data["file"].name, data["file"].read()) if data["file"] else None
        try:
            source = services.add_conversation(
                scan,
                user=request.user,
                kind=data["kind"],
                title=data["title"],
                date=data["date"],
                participants=form.chosen_participants(),
                notes=data["notes"],
                upload=upload,
            )
        except UploadRefused as refused:
            form.add_error("file" if upload else "notes", str(refused))
        else:
            messages.success(request, _("The conversation has been added; it is being read."))
            return redirect("sources:detail", slug=scan.slug, source_uuid=source.uuid)
    context = scan_context(access)
    context["form"] = form
    return render(request, "sources/conversation_form.html", context)
