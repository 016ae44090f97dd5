"""Goals and intent of any passages, by exactly the product's code path."""

from django.core.management.base import BaseCommand

from thermometer.core import embeddings
from thermometer.core.scoring_command import (
    finish,
    method_version,
    model_note,
    read_input,
    write_output,
)


class Command(BaseCommand):
    help = (
        'Score passages: each input line {"id", "text"}; each output line {"id", "goals": '
        '[{"key", "score", "reason"}], "intent": {"value", "score", "reason"}}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSON Lines file")
        parser.add_argument("-o", "--output", required=True, help="JSON Lines file, or -")
        parser.add_argument("--method-version", help="version of the Thermometer method")

    def handle(self, *args, **options):
        from thermometer.coding.passage_analysis import analyse, thresholds_of

        method = method_version(options["method_version"])
        lexicon = method.data.get("suggestion_lexicon", {})
        goal_keys = [g["key"] for g in method.data.get("goals", [])]
        thresholds = thresholds_of(method.data)
        good, bad = read_input(options["input"], {"id": str, "text": str}, self.stderr)
        vectors = [None] * len(good)
        if good and model_note(self.stderr):
            vectors = list(embeddings.embed_passages([row["text"] for _, row in good]))
        rows = []
        for (_, row), vector in zip(good, vectors, strict=True):
            goals, intent = analyse(row["text"], lexicon, goal_keys, vector, thresholds)
            rows.append(
                {
                    "id": row["id"],
                    "goals": [
                        {"key": g.key, "score": round(g.score, 4), "reason": g.reason}
                        for g in goals
                    ],
                    "intent": {
                        "value": intent.value,
                        "score": round(intent.score, 4),
                        "reason": intent.reason,
                    },
                }
            )
        write_output(options["output"], rows)
        finish(bad, len(rows), self.stdout)
