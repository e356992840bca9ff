"""The IAM policy engine: parse, match and evaluate AWS policies offline, and analyse them."""

from explorer.iam.errors import PolicyError
from explorer.iam.evaluate import PrincipalPolicies, StatementIndex, simulate
from explorer.iam.model import (
    ALLOWED,
    CONDITIONAL,
    EXPLICITLY_DENIED,
    IMPLICITLY_DENIED,
    ConditionClause,
    Decision,
    Policy,
    PrincipalSpec,
    Statement,
    StatementRef,
)
from explorer.iam.parse import load_document, parse_policy, parse_policy_tolerant

__all__ = [
    "ALLOWED",
    "CONDITIONAL",
    "EXPLICITLY_DENIED",
    "IMPLICITLY_DENIED",
    "ConditionClause",
    "Decision",
    "Policy",
    "PolicyError",
    "PrincipalPolicies",
    "PrincipalSpec",
    "Statement",
    "StatementIndex",
    "StatementRef",
    "load_document",
    "parse_policy",
    "parse_policy_tolerant",
    "simulate",
]
