"""Goals and intent of any passages, by exactly the product's code path."""

from thermometer.core import embeddings
from thermometer.methods.scoring_command import ScoringCommand


class Command(ScoringCommand):
    help = (
        'Score passages: each input line {"id", "text"}; each output line {"id", "goals": '
        '[{"key", "score", "reason"}], "intent": {"value", "score", "reason"}}.'
    )
    fields = {"id": str, "text": str}

    def score(self, method, rows, meaning):
        from thermometer.coding.passage_analysis import analyse, thresholds_of

        lexicon = method.data.get("suggestion_lexicon", {})
        goal_keys = [g["key"] for g in method.data.get("goals", [])]
        thresholds = thresholds_of(method.data)
        texts = [row["text"] for _, row in rows]
        vectors = embeddings.embed_passages(texts) if meaning else [None] * len(rows)
        out = []
        for (_, row), vector in zip(rows, vectors, strict=True):
            goals, intent = analyse(row["text"], lexicon, goal_keys, vector, thresholds)
            out.append(
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
        return out
