"""Evaluation: queries, and mutations run through the decision pipeline."""

from api.evaluation.mutations import EvaluationMutation
from api.evaluation.queries import EvaluationQuery

__all__ = ["EvaluationMutation", "EvaluationQuery"]
