"""The Thermometer report as an adviser writes it: an introduction (the assignment, the
client's questions, the approach, who took part), per goal the answer to those
questions with its evidence, and a conclusion, each sentence a grammatical template
filled from the figures (pure: plain data in, plain data out).

Every quote is printed once: a finding's evidence that repeats the finding, or a quote
already shown elsewhere in the report, is left out."""

from django.utils.formats import date_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.advice.constants import Priority
from thermometer.analysis.measures import light
from thermometer.core.formatting import decimal
from thermometer.core.lights import colour_name

TRAIL = "trail"


def join(items) -> str:
    """``a``, ``a en b``, ``a, b en c``: a list of words in a sentence."""
    return str(get_text_list([str(item) for item in items if str(item)], _("and")))


def plain(text: str) -> str:
    """A quote as compared for repeats: spacing, case and surrounding marks aside."""
    return " ".join(str(text).split()).casefold().strip(" .,;:“”‘’\"'")


def sentence(text: str) -> str:
    """Free text as a sentence of its own: a capital first, a full stop last."""
    text = " ".join(str(text).split())
    return capfirst(text) + ("" if not text or text[-1] in ".!?" else ".")


# -- the introduction ---------------------------------------------------------------


def assignment(scan: dict, brief: dict) -> list[str]:
    parts = [
        _(
            "At the request of the municipality of %(municipality)s, %(organisation)s examined "
            "how the social domain is governed, with the method %(method)s."
        )
        % {
            "municipality": scan["municipality"],
            "organisation": scan["organisation"],
            "method": scan["method"],
        }
    ]
    if brief["policy_areas"]:
        parts.append(
            ngettext(
                "The scan covers the policy area %(areas)s.",
                "The scan covers the policy areas %(areas)s.",
                len(brief["policy_areas"]),
            )
            % {"areas": join(brief["policy_areas"])}
        )
    start = date_format(brief["start"], "j F Y")
    if brief["end"]:
        parts.append(
            _("The scan started on %(start)s and was concluded on %(end)s.")
            % {"start": start, "end": date_format(brief["end"], "j F Y")}
        )
    else:
        parts.append(_("The scan started on %(start)s and is still running.") % {"start": start})
    return parts


def questions_lead(questions: list[str]) -> str:
    if not questions:
        return _(
            "The client recorded no questions of their own; this report answers the "
            "questions of the method."
        )
    return ngettext(
        "The client asked the scan to answer one question:",
        "The client asked the scan to answer %(n)s questions:",
        len(questions),
    ) % {"n": len(questions)}


def approach(brief: dict) -> str:
    return " ".join(
        [
            steps_sentence(brief["steps"]),
            _(
                "We put a questionnaire to every layer of the chain, from the council to the "
                "inhabitants, read and coded the documents and conversations, and followed every "
                "intended effect down through the documents of the layers below. All participants "
                "could react to the concept advice in a feedback round."
            ),
        ]
    )


def _done(figures: dict) -> list[str]:
    """What the advisers did: documents read, conversations held, passages coded."""
    done = []
    if figures["documents"]:
        documents = ngettext("%(n)s document", "%(n)s documents", figures["documents"]) % {
            "n": figures["documents"]
        }
        if figures["pages"]:
            documents += " (%s)" % (
                ngettext("%(n)s page", "%(n)s pages", figures["pages"]) % {"n": figures["pages"]}
            )
        done.append(_("read %(documents)s") % {"documents": documents})
    if figures["conversations"]:
        done.append(
            ngettext(
                "held %(n)s interview or group session",
                "held %(n)s interviews and group sessions",
                figures["conversations"],
            )
            % {"n": figures["conversations"]}
        )
    if figures["codings"]:
        done.append(
            ngettext("coded %(n)s passage", "coded %(n)s passages", figures["codings"])
            % {"n": figures["codings"]}
        )
    return done


def _completed(total: int, respondents: int) -> str:
    if total:
        return ngettext(
            "%(n)s of them completed the questionnaire.",
            "%(n)s of them completed the questionnaire.",
            respondents,
        ) % {"n": respondents}
    return ngettext(
        "%(n)s questionnaire was completed.",
        "%(n)s questionnaires were completed.",
        respondents,
    ) % {"n": respondents}


def participation(rows: list[dict], figures: dict) -> str:
    """Who took part, counted per layer (never named)."""
    total = sum(row["n"] for row in rows)
    parts = []
    if total:
        parts.append(
            ngettext(
                "One participant took part: %(layers)s.",
                "%(n)s participants took part: %(layers)s.",
                total,
            )
            % {
                "n": total,
                "layers": join(
                    _("%(n)s in %(layer)s") % {"n": row["n"], "layer": row["label"]} for row in rows
                ),
            }
        )
    parts.append(_completed(total, figures["respondents"]))
    done = _done(figures)
    if done:
        parts.append(_("We %(done)s.") % {"done": join(done)})
    return " ".join(parts)


# -- per goal -----------------------------------------------------------------------


def verdict(goals: list[str], colour: str | None, layer: str) -> str:
    """Whether the intent reaches the bottom of the chain, as a clause after a colon."""
    texts = {
        "red": _("for %(goals)s the intent largely does not reach %(layer)s"),
        "amber": _("for %(goals)s the intent reaches %(layer)s only in part"),
        "green": _("for %(goals)s the intent reaches %(layer)s"),
    }
    if colour not in texts:
        return _("for %(goals)s too little was measured to say") % {"goals": join(goals)}
    return texts[colour] % {"goals": join(goals), "layer": layer}


def _chain_ends(chain: dict):
    rows = [row for row in chain["rows"] if row.get("mean") is not None]
    return (rows[0], rows[-1]) if rows else (None, None)


def goal_verdict(chain: dict, thresholds: dict) -> tuple[str | None, str]:
    """The light of the bottom of the chain and its layer: does the intent arrive?"""
    _top, bottom = _chain_ends(chain)
    if bottom is None:
        return None, ""
    return light(bottom["mean"], thresholds["red_below"], thresholds["green_from"]), bottom["label"]


def _numbers(numbers: list[int]) -> str:
    return join(str(n) for n in numbers)


def _goal_opening(goal, chain, score, thresholds, numbers) -> str:
    """The answer for one goal (to the client's questions it belongs to) and its grade."""
    colour, layer = goal_verdict(chain, thresholds)
    answer = verdict([goal], colour, layer)
    if numbers:
        opening = ngettext(
            "The answer to question %(numbers)s of the client: %(verdict)s.",
            "The answer to questions %(numbers)s of the client: %(verdict)s.",
            len(numbers),
        ) % {"numbers": _numbers(numbers), "verdict": answer}
    else:
        opening = sentence(answer)
    first = [opening]
    if score:
        grade_colour = light(score["mean"], thresholds["red_below"], thresholds["green_from"])
        first.append(
            _("Over all answers together %(goal)s gets a %(grade)s (%(colour)s).")
            % {"goal": goal, "grade": decimal(score["mean"]), "colour": colour_name(grade_colour)}
        )
    return " ".join(first)


def _actor_sentences(triangle) -> list[str]:
    """The actors' grades, highest first, and the two furthest apart."""
    graded = sorted(
        (row for row in (triangle or {}).get("rows", []) if row.get("score")),
        key=lambda row: -row["score"]["mean"],
    )
    if len(graded) <= 1:
        return []
    given = [
        _("%(actor)s gives a %(grade)s")
        % {"actor": graded[0]["actor"], "grade": decimal(graded[0]["score"]["mean"])}
    ] + [
        _("%(actor)s a %(grade)s") % {"actor": row["actor"], "grade": decimal(row["score"]["mean"])}
        for row in graded[1:]
    ]
    found = [_("The judgement differs per actor: %(given)s.") % {"given": join(given)}]
    if triangle.get("divergence"):
        found.append(
            _("%(first)s and %(second)s lie furthest apart, %(gap)s points.")
            % {
                "first": triangle["divergence"]["first"],
                "second": triangle["divergence"]["second"],
                "gap": decimal(triangle["divergence"]["gap"]),
            }
        )
    return found


def _effect_sentence(row: dict) -> str | None:
    """How far down the documents one intended effect can be followed."""
    if row["lost_in"] and row["last_carrier"]:
        return _(
            "The intended effect ‘%(effect)s’ is still in the documents of %(last)s, "
            "but no longer in those of %(lost)s."
        ) % {"effect": row["effect"], "last": row["last_carrier"], "lost": row["lost_in"]}
    if row["lost_in"]:
        return _("The intended effect ‘%(effect)s’ is not in the documents of %(lost)s.") % {
            "effect": row["effect"],
            "lost": row["lost_in"],
        }
    if row["last_carrier"]:
        return _("The intended effect ‘%(effect)s’ can be followed down to %(last)s.") % {
            "effect": row["effect"],
            "last": row["last_carrier"],
        }
    return None


def goal_paragraphs(goal, chain, triangle, score, thresholds, numbers, trail_rows) -> list[str]:
    """The answer for one goal, then the evidence of the figures behind it."""
    paragraphs = [_goal_opening(goal, chain, score, thresholds, numbers)]
    effects = [_effect_sentence(row) for row in trail_rows]
    second = _actor_sentences(triangle) + [text for text in effects if text]
    if second:
        paragraphs.append(" ".join(second))
    return paragraphs


# -- findings -----------------------------------------------------------------------


def _and_before_last(items: list[dict]) -> list[dict]:
    last = len(items) - 1
    return [
        {**item, "joiner": "" if i == 0 else (" " + _("and") + " " if i == last else ", ")}
        for i, item in enumerate(items)
    ]


def finding_prose(finding: dict, number: int, seen: set) -> dict:
    """A finding with its evidence as one paragraph: its quotes only where they add
    something not yet printed, its measures as words."""
    own = plain(finding["text"])
    quotes, measures = [], []
    for evidence in finding["evidence"]:
        text = plain(evidence["quote"])
        if evidence.get("kind_key") == TRAIL or not text or text in own or text in seen:
            continue
        seen.add(text)
        if evidence.get("shown"):  # a financial figure, kept with its value when cited
            measures.append(
                _("%(what)s: %(value)s (source: %(source)s)")
                % {
                    "what": evidence["quote"],
                    "value": evidence["shown"],
                    "source": evidence["source"],
                }
            )
        elif evidence["value"] is not None:
            measures.append(
                ngettext(
                    "%(what)s: %(grade)s (%(n)s answer)",
                    "%(what)s: %(grade)s (%(n)s answers)",
                    evidence["n"] or 0,
                )
                % {
                    "what": evidence["quote"],
                    "grade": decimal(evidence["value"]),
                    "n": evidence["n"],
                }
            )
        else:
            quotes.append({"quote": evidence["quote"], "source": evidence["source"]})
    lead = ""
    if quotes:
        lead = ngettext(
            "It rests on this passage:", "It rests on these %(n)s passages:", len(quotes)
        ) % {"n": len(quotes)}
    return {
        **finding,
        "number": number,
        "lead": lead,
        "quotes": _and_before_last(quotes),
        "measures": (
            _("Measured: %(measures)s.") % {"measures": join(measures)} if measures else ""
        ),
    }


def effect_in_finding(row: dict, findings: list[dict]) -> bool:
    """A trail row a finding already states (a finding resting on the document trail)."""
    return any(
        plain(row["effect"]) in plain(f["text"])
        and any(e.get("kind_key") == TRAIL for e in f["evidence"])
        for f in findings
    )


# -- the conclusion -----------------------------------------------------------------


def _grades_paragraph(goals: list[dict]) -> list[str]:
    """The lowest and highest grade, and where most of the intent is lost."""
    first = []
    graded = [g for g in goals if g["score"]]
    if graded:
        low = min(graded, key=lambda g: g["score"]["mean"])
        high = max(graded, key=lambda g: g["score"]["mean"])
        if low is high:
            first.append(
                _("%(goal)s gets a %(grade)s.")
                % {"goal": low["name"], "grade": decimal(low["score"]["mean"])}
            )
        else:
            first.append(
                _(
                    "%(low)s scores lowest with a %(low_grade)s, "
                    "%(high)s highest with a %(high_grade)s."
                )
                % {
                    "low": low["name"],
                    "low_grade": decimal(low["score"]["mean"]),
                    "high": high["name"],
                    "high_grade": decimal(high["score"]["mean"]),
                }
            )
    losses = [
        _("between %(upper)s and %(lower)s (%(goal)s)")
        % {"upper": g["worst"]["upper"], "lower": g["worst"]["lower"], "goal": g["name"]}
        for g in goals
        if g["worst"]
    ]
    if losses:
        first.append(_("Most of the intent is lost %(places)s.") % {"places": join(losses)})
    return first


def _divergence_sentences(triangles) -> list[str]:
    """Where the actors' judgements lie furthest apart: one pair for every goal, or per goal."""
    divergences = [t for t in triangles if t.get("divergence")]
    pairs = {(t["divergence"]["first"], t["divergence"]["second"]) for t in divergences}
    if len(pairs) == 1 and len(divergences) > 1:
        first_actor, second_actor = pairs.pop()
        return [
            _(
                "For every goal the judgements of %(first)s and %(second)s lie furthest apart, "
                "up to %(gap)s points."
            )
            % {
                "first": first_actor,
                "second": second_actor,
                "gap": decimal(max(t["divergence"]["gap"] for t in divergences)),
            }
        ]
    if divergences:
        return [
            _("The judgements lie furthest apart %(pairs)s.")
            % {
                "pairs": join(
                    _("between %(first)s and %(second)s for %(goal)s")
                    % {**t["divergence"], "goal": t["goal"]}
                    for t in divergences
                )
            }
        ]
    return []


def _trail_sentences(trail_rows) -> list[str]:
    """How many intended effects are lost on the way down the documents."""
    lost = [row for row in trail_rows if row["lost_in"]]
    if trail_rows and len(lost) == len(trail_rows):
        return [
            ngettext(
                "The intended effect of the goal tree is lost on the way down the documents.",
                "All %(n)s intended effects of the goal tree are lost on the way down the "
                "documents.",
                len(lost),
            )
            % {"n": len(lost)}
        ]
    if trail_rows:
        return [
            ngettext(
                "Of the %(total)s intended effects of the goal tree, %(n)s is lost on the way "
                "down the documents.",
                "Of the %(total)s intended effects of the goal tree, %(n)s are lost on the way "
                "down the documents.",
                len(lost),
            )
            % {"n": len(lost), "total": len(trail_rows)}
        ]
    return []


def _red_themes_sentences(themes) -> list[str]:
    red = [t["name"] for t in themes if t["light"]["colour"] == "red"]
    if not red:
        return []
    return [
        ngettext(
            "The theme %(themes)s gets a red light.",
            "The themes %(themes)s get a red light.",
            len(red),
        )
        % {"themes": join(red)}
    ]


def _question_answers(goals: list[dict], questions) -> list[str]:
    """Per client question the verdict of the goals it asks about."""
    answered = []
    for number, goal_keys in questions:
        groups: dict = {}
        for g in goals:
            if g["key"] in goal_keys:
                groups.setdefault((g["colour"], g["layer"]), []).append(g["name"])
        if groups:
            answered.append(
                _("To question %(number)s our answer is: %(answer)s.")
                % {
                    "number": number,
                    "answer": "; ".join(
                        verdict(names, colour, layer) for (colour, layer), names in groups.items()
                    ),
                }
            )
    return answered


def _recommendations_sentence(recommendations: list[dict]) -> str:
    high = sum(1 for r in recommendations if r["priority"] == Priority.HIGH)
    if high and len(recommendations) > 1:
        return ngettext(
            "We therefore make %(n)s recommendations, %(high)s of them with high priority.",
            "We therefore make %(n)s recommendations, %(high)s of them with high priority.",
            high,
        ) % {"n": len(recommendations), "high": high}
    return ngettext(
        "We therefore make one recommendation.",
        "We therefore make %(n)s recommendations.",
        len(recommendations),
    ) % {"n": len(recommendations)}


def conclusion(goals: list[dict], triangles, trail_rows, themes, advice, questions) -> list[str]:
    """The conclusion: the grades, the comparisons, the answer per client question and
    the number of recommendations, each a paragraph when there is something to say."""
    comparisons = [
        *_divergence_sentences(triangles),
        *_trail_sentences(trail_rows),
        *_red_themes_sentences(themes),
    ]
    paragraphs = [
        " ".join(sentences)
        for sentences in (
            _grades_paragraph(goals),
            comparisons,
            _question_answers(goals, questions),
        )
        if sentences
    ]
    if advice["recommendations"]:
        paragraphs.append(_recommendations_sentence(advice["recommendations"]))
    return paragraphs


# -- the other methods: the Tweedaagse scan and De Raad in positie --------------------


def steps_sentence(steps: list[str]) -> str:
    steps = [s[:1].lower() + s[1:] for s in steps]
    return ngettext(
        "The approach follows the step of the method: %(steps)s.",
        "The approach follows the %(n)s steps of the method: %(steps)s.",
        len(steps),
    ) % {"n": len(steps), "steps": join(steps)}


def sessions_sentence(sessions: int, devices: int) -> str:
    if not sessions:
        return _("No live session has been held yet.")
    return (
        ngettext(
            "Participants took part in %(n)s live session",
            "Participants took part in %(n)s live sessions",
            sessions,
        )
        % {"n": sessions}
        + " "
        + ngettext("on %(n)s device.", "on %(n)s devices.", devices) % {"n": devices}
    )


def recommendations_sentence(advice: dict) -> str:
    n = len(advice["recommendations"])
    if not n:
        return _("The recommendations are still being written.")
    return ngettext("We make one recommendation.", "We make %(n)s recommendations.", n) % {"n": n}


def lights_sentence(lights: list[dict]) -> str:
    """``lights``: name and colour each; which are red, amber and green, in words."""
    parts = []
    for colour in ("red", "amber", "green"):
        names = [light["name"] for light in lights if light["colour"] == colour]
        if not names:
            continue
        texts = {
            "red": ngettext("%(names)s gets red", "%(names)s get red", len(names)),
            "amber": ngettext("%(names)s gets amber", "%(names)s get amber", len(names)),
            "green": ngettext("%(names)s gets green", "%(names)s get green", len(names)),
        }
        parts.append(texts[colour] % {"names": join(names)})
    return sentence(join(parts)) if parts else ""
