"""GraphQL of performance management: dialogue and expectations, plans, feedback."""

from api.performance.mutations import PerformanceMutation
from api.performance.queries import PerformanceQuery

__all__ = ["PerformanceMutation", "PerformanceQuery"]
