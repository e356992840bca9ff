"""`EscalationTargets` decides a principal only on the targets its grants or a trust policy may
let it reach; the escalations found must be exactly those of deciding it on every target."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.iam import EscalationTargets, PrincipalPolicies, RoleTarget, find_escalations

ACCOUNT, FOREIGN = "111122223333", "444455556666"
ROLES = [f"arn:aws:iam::{ACCOUNT}:role/r{i}" for i in range(5)] + [
    f"arn:aws:iam::{FOREIGN}:role/x0"
]
FUNCTIONS = [f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f{i}" for i in range(4)]
ACTIONS = ["iam:PassRole", "sts:AssumeRole", "iam:UpdateAssumeRolePolicy", "iam:*",
           "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
           "lambda:CreateFunction", "lambda:InvokeFunction", "s3:PutObject", "dynamodb:*",
           "*"]  # fmt: skip
RESOURCES = [*ROLES, *FUNCTIONS, f"arn:aws:iam::{ACCOUNT}:role/r*", f"arn:aws:iam::{ACCOUNT}:*",
             f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f*", "*"]  # fmt: skip
CONDITIONS = [None, {"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
              {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
              {"StringEquals": {"aws:PrincipalAccount": FOREIGN}}]  # fmt: skip
TRUSTED = [{"Service": "lambda.amazonaws.com"}, {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
           {"AWS": FOREIGN}, "*", *({"AWS": arn} for arn in ROLES[:3])]  # fmt: skip


def statement(effect: str, action: str, resource: str, condition: dict | None) -> dict:
    found = {"Effect": effect, "Action": action, "Resource": resource}
    return {**found, "Condition": condition} if condition else found


def policy(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


STATEMENTS = st.builds(
    statement,
    st.sampled_from(["Allow", "Allow", "Allow", "Deny"]),
    st.sampled_from(ACTIONS),
    st.sampled_from(RESOURCES),
    st.sampled_from(CONDITIONS),
)
POLICIES = st.lists(STATEMENTS, min_size=1, max_size=4).map(
    lambda s: [{"Version": "2012-10-17", "Statement": s}]
)


def trust(*principals: object) -> dict:
    allow = [{"Effect": "Allow", "Principal": p, "Action": "sts:AssumeRole"} for p in principals]
    return {"Version": "2012-10-17", "Statement": allow}


TRUSTS = st.one_of(
    st.none(), st.lists(st.sampled_from(TRUSTED), min_size=1, max_size=2).map(lambda p: trust(*p))
)
ESTATES = st.tuples(
    st.lists(POLICIES, min_size=len(ROLES), max_size=len(ROLES)),
    st.lists(st.one_of(st.none(), POLICIES), min_size=len(ROLES), max_size=len(ROLES)),
    st.lists(TRUSTS, min_size=len(ROLES), max_size=len(ROLES)),
    st.lists(st.sampled_from(ROLES), min_size=len(FUNCTIONS), max_size=len(FUNCTIONS)),
)


class EveryTarget(EscalationTargets):
    """The exhaustive search the candidates replace: every principal against every target."""

    def candidates(self, principal, action, of, context, trust=False):  # type: ignore[no-untyped-def]
        return list(self.roles if of == "role" else self.functions)


def _found(targets: EscalationTargets, principal: PrincipalPolicies) -> list:
    return find_escalations(principal, targets=targets)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ESTATES)
def test_candidates_find_what_every_target_finds(estate):
    identities, boundaries, trusts, runs_as = estate
    roles = {
        arn: RoleTarget(arn, *policies)
        for arn, *policies in zip(ROLES, identities, boundaries, trusts, strict=True)
    }
    functions = dict(zip(FUNCTIONS, runs_as, strict=True))
    fast, slow = EscalationTargets(roles, functions), EveryTarget(roles, functions)
    for arn, role in roles.items():
        principal = PrincipalPolicies(
            arn, role.identity_policies, role.boundary_policies, tolerant=True
        )
        assert _found(fast, principal) == _found(slow, principal)


def test_a_role_named_only_by_a_trust_policy_is_still_a_candidate():
    me, admin, other = ROLES[0], ROLES[1], ROLES[2]
    mine = [policy(statement("Allow", "sts:AssumeRole", other, None))]
    everything = [policy(statement("Allow", "*", "*", None))]
    roles = {me: RoleTarget(me, mine),
             admin: RoleTarget(admin, everything, None, trust({"AWS": me}))}  # fmt: skip
    principal = PrincipalPolicies(me, mine, None, tolerant=True)

    found = find_escalations(principal, targets=EscalationTargets(roles, {}))

    assert [(e.kind, e.target) for e in found] == [("sts-assume-role", admin)]
