"""The IAM policy engine: parse, match and evaluate AWS policies offline, and analyse them."""

from explorer.iam.actions import ACCESS_LEVELS, access_level, expand_action
from explorer.iam.admin import AdminVerdict, is_admin_equivalent
from explorer.iam.errors import PolicyError
from explorer.iam.evaluate import PrincipalPolicies, StatementIndex, simulate
from explorer.iam.exposure import Exposure, Narrowing, resource_exposure
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
from explorer.iam.permissions import (
    DeniedGrant,
    EffectivePermissions,
    Grant,
    allowed_actions,
    effective_permissions,
)
from explorer.iam.resources import ResourceIndex

__all__ = [
    "ACCESS_LEVELS",
    "ALLOWED",
    "CONDITIONAL",
    "EXPLICITLY_DENIED",
    "IMPLICITLY_DENIED",
    "AdminVerdict",
    "ConditionClause",
    "Decision",
    "DeniedGrant",
    "EffectivePermissions",
    "Exposure",
    "Grant",
    "Narrowing",
    "Policy",
    "PolicyError",
    "PrincipalPolicies",
    "PrincipalSpec",
    "ResourceIndex",
    "Statement",
    "StatementIndex",
    "StatementRef",
    "access_level",
    "allowed_actions",
    "effective_permissions",
    "expand_action",
    "is_admin_equivalent",
    "load_document",
    "parse_policy",
    "parse_policy_tolerant",
    "resource_exposure",
    "simulate",
]
