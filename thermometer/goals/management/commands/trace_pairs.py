"""The trail's verdict on any (intended effect, passage) pairs, by the product's code path."""

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
        'Judge pairs: each input line {"id", "effect", "text"}; each output line {"id", '
        '"verdict": "found"|"weakened"|"lost", "score", "matched"}. The word weights come '
        "from all the texts of the file, as they come from all of a scan's passages."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSON Lines file")
        parser.add_argument("-o", "--output", required=True, help="JSON Lines file, or -")
        parser.add_argument("--method-version", help="version of the Thermometer method")

    def handle(self, *args, **options):
        from thermometer.goals import trail
        from thermometer.goals.tracing import thresholds_of

        method = method_version(options["method_version"])
        thresholds = thresholds_of(method)
        fields = {"id": str, "effect": str, "text": str}
        good, bad = read_input(options["input"], fields, self.stderr)
        keys = [number for number, _ in good]  # line numbers: ids may repeat
        candidates = [trail.Candidate(n, "lower", row["text"]) for n, row in good]
        vectors, effects = {}, {}
        if good and model_note(self.stderr):
            passages = embeddings.embed_passages([row["text"] for _, row in good])
            vectors = dict(zip(keys, passages, strict=True))
            effect_vectors = embeddings.embed_queries([row["effect"] for _, row in good])
            effects = dict(zip(keys, effect_vectors, strict=True))
        index = trail.build_index(candidates, vectors=vectors)
        rows = []
        for number, row in good:
            match = trail.best_match(row["effect"], index, number, effects.get(number))
            verdict = trail.verdict(match, thresholds)
            score = 0.0
            if match is not None:
                score = match.meaning if match.meaning is not None else match.similarity
            rows.append(
                {
                    "id": row["id"],
                    "verdict": verdict,
                    "score": round(float(score), 4),
                    "matched": list(match.matched) if match else [],
                }
            )
        write_output(options["output"], rows)
        finish(bad, len(rows), self.stdout)
