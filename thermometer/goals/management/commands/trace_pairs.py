"""The trail's verdict on any (intended effect, passage) pairs, by the product's code path."""

from thermometer.core import embeddings
from thermometer.methods.scoring_command import ScoringCommand


class Command(ScoringCommand):
    help = (
        'Judge pairs: each input line {"id", "effect", "text"}; each output line {"id", '
        '"verdict": "found"|"weakened"|"lost", "score", "matched"}. The word weights come '
        "from all the texts of the file, as they come from all of a scan's passages."
    )
    fields = {"id": str, "effect": str, "text": str}

    def score(self, method, rows, meaning):
        from thermometer.goals import trail
        from thermometer.goals.tracing import thresholds_of

        thresholds = thresholds_of(method)
        # Keyed by line number: ids may repeat.
        candidates = [trail.Candidate(n, "lower", row["text"]) for n, row in rows]
        vectors, effects = {}, {}
        if meaning:
            numbers = [n for n, _ in rows]
            passages = embeddings.embed_passages([row["text"] for _, row in rows])
            vectors = dict(zip(numbers, passages, strict=True))
            queries = embeddings.embed_queries([row["effect"] for _, row in rows])
            effects = dict(zip(numbers, queries, strict=True))
        index = trail.build_index(candidates, vectors=vectors)
        out = []
        for number, row in rows:
            match = trail.best_match(row["effect"], index, number, effects.get(number))
            score = 0.0
            if match is not None:
                score = match.meaning if match.meaning is not None else match.similarity
            out.append(
                {
                    "id": row["id"],
                    "verdict": trail.verdict(match, thresholds),
                    "score": round(float(score), 4),
                    "matched": list(match.matched) if match else [],
                }
            )
        return out
