"""The core of the account generator: seeded choices, names, roles and functions.

`stores.Stores` adds the other resource kinds on top, and `wiring.Wiring` decides how
everything is connected. Every choice comes from one seeded `random.Random`, so a seed gives
the same account byte for byte.
"""

from __future__ import annotations

import itertools
import random
import string
from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import Sizes, SyntheticAccount
from benchmarks.synthetic.roles import ADMIN, S3_FULL, RolePlan, boundary_document
from benchmarks.synthetic.shapes import ACCOUNT, FOREIGN_ACCOUNT, Doc


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TEAM_WORDS = _words(
    "payments orders catalog search checkout shipping billing identity media reviews "
    "inventory pricing ledger fraud loyalty support notify analytics growth partner "
    "mobile web edge data ml ops platform security audit compliance reports export "
    "import warehouse returns gifts ads content social maps video"
)
NOUNS = _words(
    "order invoice image user cart payment report thumbnail event session ticket "
    "refund profile message upload export receipt account metric alert coupon review "
    "shipment"
)
VERBS = _words(
    "ingest render notify sync resize audit export enrich validate route score "
    "archive index transform publish reconcile dispatch collect scan"
)
RUNTIMES = (
    ("python3.12", 30),
    ("nodejs20.x", 25),
    ("python3.11", 12),
    ("nodejs18.x", 10),
    ("java17", 6),
    ("provided.al2023", 5),
    ("python3.9", 5),
    ("nodejs16.x", 4),
    ("python3.7", 2),
    ("go1.x", 1),
)
"""Runtimes with weights; the last few are deprecated (a finding)."""
RESERVED = (2, 10, 50, 100, 0)
"""Reserved concurrency of one function in ten, in turn (0: throttled; 2: one caller fills it)."""


class Builder:
    """Seeded generator state shared by the resource adders and the wiring."""

    def __init__(self, sizes: Sizes) -> None:
        self.sizes = sizes
        self.rng = random.Random(sizes.seed)
        self.account = SyntheticAccount(sizes)
        for region in sizes.regions:
            self.account.region(region)
        self.counter = itertools.count(1)
        self.functions = 0
        self.others = 0
        """Other resources made so far (everything but functions, roles, routes, log groups)."""
        self.teams = self._teams()
        self.roles: dict[str, RolePlan] = {}
        self.boundaries: dict[str, Doc] = {}
        self._team_roles: dict[str, list[RolePlan]] = {}
        self._shared: dict[tuple[Any, ...], Any] = {}
        self._secrets = ["sk_live_" + self._token(24) for _ in range(max(3, len(self.teams)))]

    # -- choices and names ---------------------------------------------------------------

    def _teams(self) -> list[str]:
        count = min(max(self.sizes.functions // 250, 2), 200)
        words = TEAM_WORDS * (1 + count // len(TEAM_WORDS))
        return [
            w if i < len(TEAM_WORDS) else f"{w}{i // len(TEAM_WORDS)}"
            for i, w in enumerate(words[:count])
        ]

    def next(self) -> int:
        return next(self.counter)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options: list[Any] | tuple[Any, ...]) -> Any:
        return options[self.rng.randrange(len(options))]

    def weighted(self, pairs: tuple[tuple[Any, float], ...]) -> Any:
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights)[0]

    def team(self) -> str:
        """A team, big teams more often (Zipf-like)."""
        return self.rng.choices(self.teams, [1 / (i + 1) ** 0.7 for i in range(len(self.teams))])[0]

    def region(self) -> str:
        """The first region holds most of the estate."""
        regions = self.sizes.regions
        if len(regions) == 1 or self.chance(0.6):
            return regions[0]
        return self.pick(regions[1:])

    def name(self, team: str, kind: str) -> str:
        return f"{team}-{self.pick(NOUNS)}-{kind}-{self.next():05d}"

    def _token(self, length: int) -> str:
        return "".join(self.rng.choices(string.ascii_letters + string.digits, k=length))

    def shared(self, key: tuple[Any, ...], make: Any) -> Any:
        """One object per key, made on first use (a team's bus, API, DLQ...)."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    # -- roles -----------------------------------------------------------------------------

    def role_budget(self, team: str) -> int:
        """How many chain roles a team may own: the role budget spread by team size."""
        spare = self.sizes.role_count - 2 * len(self.teams) - self.wildcard_count()
        weights = [1 / (i + 1) ** 0.7 for i in range(len(self.teams))]
        share = weights[self.teams.index(team)] / sum(weights)
        return max(1, round(max(spare, len(self.teams)) * share))

    def wildcard_count(self) -> int:
        return max(1, self.sizes.role_count // 30)

    def new_role(self, team: str, kind: str, **extra: Any) -> RolePlan:
        plan = RolePlan(f"{team}-{kind}-role-{self.next():05d}", team, **extra)
        self.roles[plan.name] = plan
        return plan

    def team_role(self, team: str) -> RolePlan:
        """The team's default role, shared by its stand-alone functions."""
        return self.shared(("team-role", team), lambda: self._default_role(team))

    def _default_role(self, team: str) -> RolePlan:
        plan = self.new_role(team, "default", path="/service-role/")
        plan.grant("dynamodb:Query", f"arn:aws:dynamodb:*:{ACCOUNT}:table/{team}-*")
        plan.grant("s3:GetObject", f"arn:aws:s3:::{team}-*/*")
        return plan

    def wildcard_role(self) -> RolePlan:
        """One of the legacy roles: S3 or SQS on every resource, a few full administrators."""
        pool = self.shared(("wildcards",), list)
        if len(pool) < self.wildcard_count():
            plan = self.new_role(self.team(), "legacy")
            if len(pool) % 7 == 0:
                plan.attached.append(ADMIN)
            elif len(pool) % 2:
                plan.attached.append(S3_FULL)
            else:
                plan.extra.append(shapes.allow(["sqs:*", "sns:Publish"], "*"))
            pool.append(plan)
            return plan
        return self.pick(pool)

    def chain_role(self, team: str) -> RolePlan:
        """A role for one chain: new while the team's budget lasts, then an existing one."""
        owned = self._team_roles.setdefault(team, [])
        if len(owned) < self.role_budget(team):
            owned.append(self._characterful(team))
            return owned[-1]
        return self.pick(owned)

    def _characterful(self, team: str) -> RolePlan:
        """A chain role, some of them boundary-limited, denying, team-wide or conditional."""
        plan = self.new_role(team, "chain")
        if self.chance(0.1):
            plan.boundary = self.boundary(team)
        if self.chance(0.1):
            plan.extra.append(shapes.deny("s3:PutObject", f"arn:aws:s3:::{team}-*-audit-*/*"))
            plan.extra.append(shapes.deny("sqs:SendMessage", f"arn:aws:sqs:*:{ACCOUNT}:*-dlq"))
        plan.prefixed = self.chance(0.08)
        if self.chance(0.04):
            condition = {"StringEquals": {"aws:PrincipalTag/stage": "prod"}}
            plan.extra.append(
                shapes.allow(
                    "sns:Publish", f"arn:aws:sns:*:{ACCOUNT}:{team}-*", Condition=condition
                )
            )
        return plan

    def functions_by_role(self) -> dict[str, list[str]]:
        """Role ARN -> the ARNs of the functions that run as it."""
        found: dict[str, list[str]] = {}
        for data in self.account.regions.values():
            for record in data.functions.values():
                found.setdefault(record["Role"], []).append(record["FunctionArn"])
        return found

    def boundary(self, team: str) -> str:
        name = f"{team}-boundary"
        self.boundaries.setdefault(name, boundary_document())
        return shapes.policy_arn(name)

    def link_roles(self) -> None:
        """A few roles may assume another team's role, whose trust policy names them."""
        plans = sorted(self.roles.values(), key=lambda p: p.name)
        for plan in self.rng.sample(plans, k=max(1, len(plans) // 50)):
            target = self.pick(plans)
            if target is plan:
                continue
            plan.extra.append(shapes.allow("sts:AssumeRole", target.arn))
            target.trusts.append({"AWS": plan.arn})
        partner = self.pick(plans)
        partner.trusts.append({"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"})

    # -- functions -------------------------------------------------------------------------

    def add_function(self, region: str, team: str, role: RolePlan, kind: str) -> str:
        """A function with its log group and tags; returns its ARN."""
        n = self.next()
        name = f"{team}-{self.pick(NOUNS)}-{self.pick(VERBS)}-{kind}-{n:05d}"
        runtime = self.weighted(RUNTIMES)
        extra: dict[str, Any] = {"Environment": {"Variables": self._environment(team, n)}}
        extra.update(self._options(region, team, n))
        record = shapes.function(region, name, role.arn, runtime, n, **extra)
        data = self.account.region(region)
        data.functions[name] = record
        self.functions += 1
        self._log_group(region, f"/aws/lambda/{name}", n)
        data.tags.append(_tag_mapping(record["FunctionArn"], team))
        if self.chance(0.08):
            self._alias(region, name, n)
        if self.functions % 10 == 1:  # by count, not the random stream: the rest is unchanged
            data.concurrency[name] = RESERVED[(self.functions // 10) % len(RESERVED)]
        return str(record["FunctionArn"])

    def _environment(self, team: str, n: int) -> dict[str, str]:
        env = {"LOG_LEVEL": self.pick(("info", "debug", "warn")), "STAGE": "prod"}
        if self.chance(0.5):
            env["TABLE_NAME"] = f"{team}-{self.pick(NOUNS)}-table"
        if self.chance(0.03):
            env["STRIPE_API_KEY"] = "sk_live_" + self._token(24)
        if self.chance(0.01):
            env["PARTNER_TOKEN"] = self._secrets[self.teams.index(team) % len(self._secrets)]
        if self.chance(0.01):
            env["DATABASE_URL"] = f"postgres://app:{self._token(16)}@db-{n}.internal:5432/app"
        return env

    def _options(self, region: str, team: str, n: int) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.chance(0.4):
            options["TracingConfig"] = {"Mode": "Active"}
        if self.chance(0.1):
            owner = FOREIGN_ACCOUNT if self.chance(0.1) else ACCOUNT
            layer = f"arn:aws:lambda:{region}:{owner}:layer:{team}-common:{1 + n % 9}"
            options["Layers"] = [{"Arn": layer, "CodeSize": 4096}]
        if self.chance(0.15):
            options["VpcConfig"] = {
                "VpcId": f"vpc-{team}",
                "SubnetIds": ["subnet-1"],
                "SecurityGroupIds": ["sg-1"],
            }
        if self.chance(0.05):
            options["Description"] = f"{team} worker [bold]{n}[/] \x1b[2J"  # hostile text
        return options

    def _alias(self, region: str, name: str, n: int) -> None:
        data = self.account.region(region)
        fn = shapes.function_arn(region, name)
        data.aliases[name] = [
            {
                "AliasArn": f"{fn}:live",
                "Name": "live",
                "FunctionVersion": str(1 + n % 5),
                "Description": "",
                "RevisionId": f"alias-{n}",
            }
        ]

    def _log_group(self, region: str, name: str, n: int) -> None:
        group = {
            "logGroupName": name,
            "creationTime": 1_704_067_200_000 + n * 1000,
            "metricFilterCount": 0,
            "arn": shapes.arn("logs", region, f"log-group:{name}:*"),
            "logGroupArn": shapes.arn("logs", region, f"log-group:{name}"),
            "storedBytes": n * 1024,
            "logGroupClass": "STANDARD",
        }
        if not self.chance(0.3):
            group["retentionInDays"] = self.pick((14, 30, 90, 365))
        self.account.region(region).log_groups[name] = group

    def allow_invoke(self, fn: str, principal: Any, source: str | None = None) -> None:
        """Add a statement to a function's resource policy (unqualified)."""
        data = self.account.region(fn.split(":")[3])
        name = fn.split(":")[6]
        policy = data.function_policies.setdefault((name, None), shapes.doc())
        sid = f"s{len(policy['Statement'])}"
        policy["Statement"].append(shapes.function_statement(sid, principal, source, fn))


def _tag_mapping(arn: str, team: str) -> dict[str, Any]:
    tags = [{"Key": "team", "Value": team}, {"Key": "env", "Value": "prod"}]
    return {"ResourceARN": arn, "Tags": tags}
