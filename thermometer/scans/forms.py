import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import DateInput, StyledFormMixin
from thermometer.methods.models import MethodVersion
from thermometer.municipalities.models import Municipality

from .constants import TEAM_ROLES, PolicyArea


class MunicipalityField(forms.CharField):
    """Free text resolved to a municipality: a CBS code, a name, or "Name (GM0123)"."""

    default_error_messages = {
        "unknown": _("No municipality matches “%(value)s”. Type a name or a CBS code."),
        "ambiguous": _("“%(value)s” matches several municipalities: %(names)s. Pick one."),
    }

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if value.endswith(")") and "(" in value:
            value = value.rsplit("(", 1)[1].rstrip(")")
        current = Municipality.objects.current()
        matches = list(current.search(value)[:6])
        exact = [m for m in matches if m.name.casefold() == value.casefold()]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        raise forms.ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={"value": value, "names": ", ".join(m.label for m in matches[:5])},
        )

    def prepare_value(self, value):
        if isinstance(value, Municipality):
            return value.label
        return value


class ScanDetailsForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_("Type the name or the CBS code (for example GM0171) and pick from the list."),
        widget=forms.TextInput(attrs={"list": "municipality-options", "autocomplete": "off"}),
    )
    policy_areas = forms.MultipleChoiceField(
        label=_("Policy areas in scope"),
        choices=PolicyArea.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one policy area.")},
    )
    other_policy_area = forms.CharField(
        label=_("Other policy area"),
        required=False,
        max_length=200,
        help_text=_("Only when you chose “Other”."),
    )
    client_sees_personal_data = forms.BooleanField(
        label=_(
            "The client may see participants' names, interview transcripts and the coded project"
        ),
        required=False,
        help_text=_("Off: the client reads the analysis, findings and advice, not who said what."),
    )
    client_questions = forms.CharField(
        label=_("The client's own questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line."),
    )

    def clean(self):
        data = super().clean()
        if PolicyArea.OTHER in data.get("policy_areas", []) and not data.get("other_policy_area"):
            self.add_error("other_policy_area", gettext("Describe the other policy area."))
        return data

    def questions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["client_questions"].splitlines()]


class ScanEditForm(ScanDetailsForm):
    retention_months = forms.IntegerField(
        label=_("Retention period of personal data (months from the start)"),
        min_value=1,
        max_value=120,
        help_text=_(
            "When it ends, names, contact details, personal links, free-text answers and "
            "transcripts are deleted or made anonymous; results in groups stay. Respondents "
            "see the date in the privacy statement."
        ),
    )


class ScanCreateForm(ScanDetailsForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    method_version = forms.ModelChoiceField(
        label=_("Method"), queryset=MethodVersion.objects.none(), empty_label=None
    )
    start_date = forms.DateField(
        label=_("Start date"),
        widget=DateInput(),
        help_text=_("The planning per step is suggested from this date and the method."),
    )

    field_order = ["title", "municipality", "method_version", "organisation", "start_date"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        # Off for a new scan; the advisers change it under the scan's details.
        del self.fields["client_sees_personal_data"]
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()
        latest = MethodVersion.objects.latest_per_method()
        self.fields["method_version"].queryset = MethodVersion.objects.filter(
            pk__in=[m.pk for m in latest]
        ).order_by("name")
        # The Thermometer is the core method; the others are chosen on purpose.
        self.fields["method_version"].initial = next(
            (m.pk for m in latest if m.slug == "thermometer"), None
        )
        self.fields["method_version"].label_from_instance = lambda m: (
            f"{m.name} (versie {m.version})"
        )
        self.fields["start_date"].initial = datetime.date.today()


class PlanningForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps
        for step in steps:
            self.fields[step.key] = forms.DateField(
                label=f"{step.number}. {step.name}", widget=DateInput(), required=False
            )

    def clean(self):
        data = super().clean()
        previous = None
        for step in self.steps:
            current = data.get(step.key)
            if current and previous and current < previous[1]:
                self.add_error(
                    step.key,
                    gettext("This date lies before the date of step “%(step)s”.")
                    % {"step": previous[0].name},
                )
            if current:
                previous = (step, current)
        return data


class SuggestPlanningForm(StyledFormMixin, forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())


class CommentForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class AddMemberForm(StyledFormMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in TEAM_ROLES])

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"


class MemberRoleForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in TEAM_ROLES])
