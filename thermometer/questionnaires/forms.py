from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .constants import ItemType


class ItemTextForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    text_en = forms.CharField(
        label=_("Question in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to respondents who switch to English."),
    )


class NewItemForm(ItemTextForm):
    type = forms.ChoiceField(
        label=_("Type of question"),
        choices=[
            (ItemType.OPEN, ItemType.OPEN.label),
            (ItemType.SINGLE_CHOICE, ItemType.SINGLE_CHOICE.label),
            (ItemType.MULTIPLE_CHOICE, ItemType.MULTIPLE_CHOICE.label),
        ],
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice question: one option per line."),
    )
    page = forms.IntegerField(label=_("Page"), min_value=1, initial=1)

    def clean(self):
        data = super().clean()
        options = [o.strip() for o in data.get("options", "").splitlines() if o.strip()]
        if (
            data.get("type") in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE)
            and len(options) < 2
        ):
            self.add_error("options", gettext("A choice question needs at least two options."))
        data["options"] = options
        return data


class OpenForm(StyledFormMixin, forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Opens"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: open now."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", gettext("The closing moment must come after the opening."))
        return data


class OpenLinkForm(StyledFormMixin, forms.Form):
    label = forms.CharField(
        label=_("Name of the group"), max_length=200, help_text=_("For example: inwonerspanel.")
    )
    layer = forms.ChoiceField(label=_("Layer in the chain"))
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    cap = forms.IntegerField(
        label=_("Maximum number of respondents"), min_value=1, max_value=100000, initial=200
    )

    def __init__(self, *args, layers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layer"].choices = list(layers.items())


STRUCTURE_SUFFIXES = ".lss,.lsa,.lsg,.txt"


class LimeSurveyForm(StyledFormMixin, forms.Form):
    structure = forms.FileField(
        label=_("LimeSurvey file"),
        help_text=_(
            "The survey structure (.lss or the tab-separated export .txt), a question group "
            "(.lsg), or an archive with its responses (.lsa)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": STRUCTURE_SUFFIXES}),
    )
    responses = forms.FileField(
        label=_("Response export (CSV)"),
        required=False,
        help_text=_("Optional: the responses exported from LimeSurvey as CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )
    layer = forms.ChoiceField(
        label=_("Layer of the respondents"),
        required=False,
        help_text=_("Needed to import responses: the layer of the chain they belong to."),
    )

    def __init__(self, *args, layers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layer"].choices = [("", "—"), *layers.items()]

    def clean(self):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        data = super().clean()
        limit = settings.LIMESURVEY_MAX_BYTES
        for name in ("structure", "responses"):
            upload = data.get(name)
            if upload and upload.size > limit:
                self.add_error(
                    name,
                    gettext("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                )
        structure = data.get("structure")
        if structure and not structure.name.lower().endswith(tuple(STRUCTURE_SUFFIXES.split(","))):
            self.add_error(
                "structure", gettext("Choose a LimeSurvey file (.lss, .lsa, .lsg or .txt).")
            )
        return data

    def uploads(self) -> dict:
        """The uploaded files as {field: (name, bytes)}, as the import takes them."""
        files = {}
        for name in ("structure", "responses"):
            upload = self.cleaned_data.get(name)
            if upload:
                files[name] = (upload.name, upload.read())
        return files


class ItemMappingForm(ItemTextForm):
    goal = forms.ChoiceField(label=_("Goal"), required=False)
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)

    def __init__(self, *args, method, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "—"), *method.goals.items()]
        self.fields["dimension"].choices = [
            ("", "—"),
            *((d["key"], d["name"]) for d in method.data.get("dimensions", [])),
        ]
