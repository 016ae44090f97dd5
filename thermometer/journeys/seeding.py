"""The persona household and the journey steps a scan starts with, made from its method's
definition (the Tweedaagse scan's family Hermans and the steps they take).

The models come in as arguments, so the data migration that gives older scans their
journey runs the same code on its historical models.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class JourneyModels:
    household: type
    member: type
    question: type
    step: type


def has_journey(definition: dict) -> bool:
    """Whether the method follows a household through a journey at all."""
    return bool(definition.get("persona") or definition.get("journey_steps"))


def make_journey(models: JourneyModels, scan, definition: dict):
    """The household with its members and help questions, and the journey's steps; the
    caller has made sure the scan has no household yet."""
    persona = definition.get("persona", {})
    household = models.household.objects.create(
        scan=scan, name=persona.get("name", ""), description=persona.get("description", "")
    )
    members = {}
    for order, member in enumerate(persona.get("members", [])):
        members[member["key"]] = models.member.objects.create(
            household=household,
            key=member["key"],
            role=member["role"],
            name=member["name"],
            age=member.get("age"),
            situation=member.get("situation", ""),
            order=order,
        )
    for order, question in enumerate(persona.get("help_questions", [])):
        models.question.objects.create(
            household=household,
            member=members[question["member"]],
            question=question["question"],
            policy_area=question.get("policy_area", ""),
            order=order,
        )
    for order, step in enumerate(definition.get("journey_steps", [])):
        models.step.objects.create(
            scan=scan,
            key=step["key"],
            name=step["name"],
            description=step.get("description", ""),
            order=order,
        )
    return household
