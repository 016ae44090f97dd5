"""Pages to take over a questionnaire from a document, or a standard one from the method."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.core import pending
from thermometer.core.forms import StyledFormMixin
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from .document_import import DocumentPlan, import_plan, preview_document
from .document_reading import MAX_BYTES, DocumentError
from .generation import add_optional_questionnaire


class DocumentForm(StyledFormMixin, forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Questionnaire document"),
        help_text=gettext_lazy(
            "A Word file (.docx) or PDF with numbered questions and their answer options."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )
    layer = forms.ChoiceField(
        label=gettext_lazy("Layer of the respondents"),
        help_text=gettext_lazy("The layer of the chain this questionnaire is meant for."),
    )

    def __init__(self, *args, layers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layer"].choices = list(layers.items())

    def clean_document(self):
        from django.template.defaultfilters import filesizeformat

        upload = self.cleaned_data["document"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)}
            )
        return upload


def answers_text(item, scales: list) -> str:
    """The answers a planned question offers, as the respondent would read them."""
    scale = next((s for s in scales if s["key"] == item.scale), None)
    if scale is not None and not item.options:
        labels = [o["label"] for o in scale["options"]]
        labels += [scale["dont_know"]["label"]] if scale.get("dont_know") else []
        return _("scale: %(labels)s") % {"labels": " · ".join(labels)}
    if item.options:
        return " · ".join(item.options)
    return _("open answer")


def _confirm(request, scan):
    stashed = pending.take(request.session, scan, request.POST["pending"])
    if stashed is None:
        messages.error(request, _("This preview has expired. Upload the file again."))
        return redirect("questionnaires:document_import", slug=scan.slug)
    plan, layer = DocumentPlan.from_dict(stashed.data["plan"]), stashed.data["layer"]
    try:
        questionnaire = import_plan(scan, plan, user=request.user, layer=layer)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("questionnaires:document_import", slug=scan.slug)
    messages.success(
        request,
        ngettext(
            "The draft questionnaire “%(name)s” has been made with %(count)d question. Check it.",
            "The draft questionnaire “%(name)s” has been made with %(count)d questions. Check it.",
            len(plan.items),
        )
        % {"name": questionnaire.name, "count": len(plan.items)},
    )
    return redirect("questionnaires:detail", slug=scan.slug, questionnaire_uuid=questionnaire.uuid)


@scan_view(Action.EDIT)
def document_import(request, access):
    """Upload a DOCX or PDF, see what was and was not recognised (nothing stored), confirm."""
    scan = access.scan
    if request.method == "POST" and request.POST.get("pending"):
        return _confirm(request, scan)
    form = DocumentForm(request.POST or None, request.FILES or None, layers=scan.method.layers)
    context = scan_context(access)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        layer = form.cleaned_data["layer"]
        try:
            plan = preview_document(scan, upload.read(), upload.name, layer)
        except DocumentError as error:
            context["refusal"] = str(error)
        else:
            context.update(
                {
                    "plan": plan,
                    "rows": [
                        {"item": item, "answers": answers_text(item, scan.method.data["scales"])}
                        for item in plan.items
                    ],
                    "layer_name": scan.method.layers[layer],
                    "pending": pending.stash(
                        request.session, scan, data={"layer": layer, "plan": plan.as_dict()}
                    ),
                }
            )
    context["form"] = form
    return render(request, "questionnaires/document_import.html", context)


@scan_view(Action.EDIT)
@require_POST
def optional_questionnaire_add(request, access):
    """Add a standard questionnaire the method offers (e.g. the VNG Burgerpeiling)."""
    questionnaire = add_optional_questionnaire(
        access.scan, request.POST.get("template", ""), user=request.user
    )
    if questionnaire is None:
        messages.error(request, _("This questionnaire is not offered or was added already."))
        return redirect("questionnaires:list", slug=access.scan.slug)
    messages.success(
        request, _("The questionnaire “%(name)s” has been added.") % {"name": questionnaire.name}
    )
    return redirect(
        "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )
