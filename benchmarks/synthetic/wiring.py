"""How the synthetic estate is connected: chains of up to 8 functions, entry points, outputs.

About half the functions sit in chains: an entry point (API route, function URL, public upload
bucket, partner queue, schedule, Cognito sign-up, public topic, load balancer rule, AppSync data
source, IoT rule, MSK, self-managed Kafka or MQ mapping, SES receipt rule, S3 Object Lambda
access point, or another function)
starts the first function; each function writes the medium (queue, topic, bucket, table stream,
Kinesis stream, event bus rule, state machine) that triggers the next, through a grant on its
role; the last one may write an output (an archive, a public gallery, a table, a topic, a shared
queue). The rest are stand-alone API handlers, scheduled jobs (EventBridge rules and Scheduler
schedules), Cognito triggers, Secrets Manager rotation functions and idle functions on shared
team roles. Destinations, DLQs, log shipping, CloudFront in front of URLs and APIs, Lambda@Edge
and Firehose transformations are sprinkled over all of them; every team keeps a few secrets.
"""

from __future__ import annotations

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import Sizes, SyntheticAccount
from benchmarks.synthetic.escalations import Escalations
from benchmarks.synthetic.roles import RolePlan, managed_policies
from benchmarks.synthetic.shapes import FOREIGN_ACCOUNT
from benchmarks.synthetic.sources import ENTRY_ADDERS, Sources
from benchmarks.synthetic.users import People

LENGTHS = ((1, 30), (2, 25), (3, 15), (4, 10), (5, 7), (6, 5), (7, 4), (8, 4))
MEDIA = (
    ("queue", 35),
    ("topic", 15),
    ("bucket", 15),
    ("table", 10),
    ("stream", 8),
    ("bus", 7),
    ("flow", 10),
)
CHAIN_ENTRIES = (
    ("rest", 20),
    ("http", 15),
    ("url", 6),
    ("upload", 8),
    ("partner", 6),
    ("schedule", 15),
    ("pool", 5),
    ("public_topic", 3),
    ("alb", 5),
    ("internal", 14.3),
    ("object_lambda", 0.2),
    ("appsync", 4),
    ("iot", 1),
    ("msk", 1),
    ("kafka", 0.5),
    ("mq", 0.5),
    ("ses", 0.5),
)
"""What starts a chain. The kinds after `internal` are `sources.ENTRY_ADDERS`; their weights came
out of `internal`'s (`object_lambda`'s sits right after it), so a draw lands on the same kind
as before they existed, but for the new kinds' own slices."""
OUTPUTS = (
    ("none", 45),
    ("archive", 15),
    ("gallery", 4),
    ("audit", 6),
    ("table", 15),
    ("topic", 8),
    ("shared_queue", 7),
)
ALONE = (
    ("rest", 35),
    ("http", 20),
    ("alb", 6),
    ("schedule", 20),
    ("cognito", 5),
    ("idle", 19.25),
    ("rotation", 0.75),
)
"""Stand-alone function kinds; `rotation` (a Secrets Manager rotation function) took its weight
from the last slice of `idle`, so other draws land where they did."""
ALB_AUTH = (("NONE", 60), ("OIDC", 25), ("COGNITO", 15))
REST_AUTH = (("NONE", 30), ("COGNITO_USER_POOLS", 40), ("AWS_IAM", 15), ("KEY", 15))
HTTP_AUTH = (("NONE", 35), ("JWT", 50), ("AWS_IAM", 15))
COGNITO_TRIGGERS = ("PreSignUp", "PostConfirmation", "PreTokenGeneration", "CustomMessage")
IDLE = ("queue", "topic", "bucket", "table", "stream")


class Wiring(Sources):
    """Builds the whole account."""

    def build(self) -> SyntheticAccount:
        for region in self.sizes.regions:
            self._platform(region)
        while self.functions < self.sizes.functions:
            if self.others < 0.85 * self.sizes.other_count and self.chance(0.55):
                self.chain()
            else:
                self.alone()
        self.add_team_secrets()
        while self.others < self.sizes.other_count:
            self._idle(self.region(), self.team())
        self.link_roles()
        self._render_iam()
        return self.account

    # -- chains ----------------------------------------------------------------------------

    def chain(self) -> None:
        region, team = self.region(), self.team()
        length = min(self.weighted(LENGTHS), self.sizes.functions - self.functions)
        shared = self.wildcard_role() if self.chance(0.03) else self.chain_role(team)
        roles = [shared if self.chance(0.5) else self.chain_role(team) for _ in range(length)]
        functions = [self.add_function(region, team, role, "step") for role in roles]
        self._entry(region, team, functions[0])
        for index in range(length - 1):
            self._connect(region, team, roles[index], functions[index + 1], roles[index + 1])
        self._output(region, team, roles[-1])
        for fn in functions:
            self._extras(region, team, fn)

    def _connect(self, region: str, team: str, role: RolePlan, nxt: str, reader: RolePlan) -> None:
        """The medium through which one function's output starts the next."""
        medium = self.weighted(MEDIA)
        if medium == "queue":
            queue = self.add_queue(region, team, "queue")
            role.grant("sqs:SendMessage", queue)
            reader.grant("sqs:ReceiveMessage", queue)
            self.add_mapping(queue, nxt)
        elif medium == "topic":
            topic = self.add_topic(region, team, "topic")
            role.grant("sns:Publish", topic)
            self.subscribe(topic, "lambda", nxt)
            if self.chance(0.2):
                self.subscribe(topic, "sqs", self.add_queue(region, team, "fanout"))
        elif medium == "bucket":
            bucket = self.add_bucket(region, team, "landing")
            role.grant("s3:PutObject", f"{bucket}/*")
            reader.grant("s3:GetObject", f"{bucket}/*")
            self.notify(bucket, "lambda", nxt)
        elif medium == "table":
            table, stream = self.add_table(region, team, "table", stream=True)
            role.grant("dynamodb:PutItem", table)
            self.add_mapping(stream, nxt, self.team_dlq(region, team) if self.chance(0.3) else None)
        elif medium == "stream":
            stream = self.add_stream(region, team, "stream")
            role.grant("kinesis:PutRecord", stream)
            self.add_mapping(stream, nxt)
        elif medium == "bus":
            name, arn = self.bus(region, team)
            role.grant("events:PutEvents", arn)
            self.add_rule(region, name, [nxt])
        else:
            role.grant("states:StartExecution", self.add_state_machine(region, team, [nxt]))

    def _entry(self, region: str, team: str, fn: str) -> None:
        """What starts a chain."""
        kind = self.weighted(CHAIN_ENTRIES)
        if kind == "rest":
            self.add_rest_route(region, team, fn, self.weighted(REST_AUTH))
        elif kind == "http":
            self.add_http_route(region, team, fn, self.weighted(HTTP_AUTH))
        elif kind == "url":
            self.add_url(fn, "NONE" if self.chance(0.6) else "AWS_IAM")
        elif kind == "upload":
            bucket = self.add_bucket(region, team, "uploads", _public_write(), public=True)
            self.notify(bucket, "lambda", fn)
        elif kind == "partner":
            self.add_mapping(self.add_queue(region, team, "partner", _partner_send()), fn)
        elif kind == "schedule":
            self._schedule(region, team, fn)
        elif kind == "pool":
            self.add_pool(region, team, {"PreSignUp": fn}, signup=self.chance(0.6))
        elif kind == "public_topic":
            self.subscribe(self.add_topic(region, team, "inbound", _public_publish()), "lambda", fn)
        elif kind == "alb":
            self.add_alb_rule(region, team, fn, self.weighted(ALB_AUTH))
        elif kind in ENTRY_ADDERS:
            self.add_entry(kind, region, team, fn)
        else:
            self.team_role(team).grant("lambda:InvokeFunction", fn)

    def _output(self, region: str, team: str, role: RolePlan) -> None:
        """Where the chain's data comes to rest."""
        kind = self.weighted(OUTPUTS)
        if kind in ("archive", "gallery", "audit"):
            policy = _public_read() if kind == "gallery" else None
            bucket = self.add_bucket(region, team, kind, policy, public=kind == "gallery")
            role.grant("s3:PutObject", f"{bucket}/*")
        elif kind == "table":
            role.grant("dynamodb:PutItem", self.add_table(region, team, "store", stream=False)[0])
        elif kind == "topic":
            topic = self.add_topic(region, team, "alerts")
            self.subscribe(topic, "email", f"{team}-oncall@example.com")
            role.grant("sns:Publish", topic)
        elif kind == "shared_queue":
            role.grant("sqs:SendMessage", self.add_queue(region, team, "shared", _partner_read()))

    # -- stand-alone functions and extras --------------------------------------------------

    def alone(self) -> None:
        region, team = self.region(), self.team()
        role = self.wildcard_role() if self.chance(0.03) else self.team_role(team)
        kind = self.weighted(ALONE)
        fn = self.add_function(region, team, role, {"idle": "job"}.get(kind, kind))
        if kind == "rest":
            self.add_rest_route(region, team, fn, self.weighted(REST_AUTH))
        elif kind == "http":
            self.add_http_route(region, team, fn, self.weighted(HTTP_AUTH))
        elif kind == "schedule":
            self._schedule(region, team, fn)
        elif kind == "cognito":
            self._cognito_trigger(region, team, fn)
        elif kind == "alb":
            self.add_alb_rule(region, team, fn, self.weighted(ALB_AUTH))
        elif self.chance(0.2):
            self.team_role(team).grant("lambda:InvokeFunction", fn)
        if kind == "rotation":  # after the idle kinds' draw above, which it shares
            self.add_rotation(region, team, fn)
        self._extras(region, team, fn)

    def _schedule(self, region: str, team: str, fn: str) -> None:
        """An EventBridge Scheduler schedule (2 jobs in 5), else a scheduled rule; teams put up
        to five jobs on one rule."""
        if self.to_scheduler():
            self.add_schedule(region, team, fn)
            return
        key = ("schedule", region, team)
        rule = self._shared.get(key)
        data = self.account.region(region)
        if rule is None or len(data.targets[("default", rule)]) >= 5:
            arn = self.add_rule(region, "default", [fn], schedule="rate(5 minutes)")
            self._shared[key] = arn.rsplit("/", 1)[1]
            return
        targets = data.targets[("default", rule)]
        targets.append({"Id": f"t{len(targets)}", "Arn": fn})
        self.allow_invoke(fn, {"Service": "events.amazonaws.com"})

    def _cognito_trigger(self, region: str, team: str, fn: str) -> None:
        data = self.account.region(region)
        pool_id = self.team_pool(region, team).rsplit("/", 1)[1]
        config = data.pools[pool_id]["LambdaConfig"]
        free = [t for t in COGNITO_TRIGGERS if t not in config]
        if not free:
            self.add_pool(region, team, {"PostConfirmation": fn}, signup=self.chance(0.5))
            return
        config[free[0]] = fn
        self.allow_invoke(
            fn, {"Service": "cognito-idp.amazonaws.com"}, self.team_pool(region, team)
        )

    def _extras(self, region: str, team: str, fn: str) -> None:
        """Async destinations, dead-letter queues, log shipping, the odd function URL."""
        if self.chance(0.08):
            success = self.bus(region, team)[1] if self.chance(0.3) else None
            self.add_destinations(fn, success, self.team_dlq(region, team))
        if self.chance(0.08):
            self.dead_letter(fn, self.team_dlq(region, team))
        if self.chance(0.08):
            self.subscribe_logs(fn, self._shared[("shipper", region)])
        if self.chance(0.02) and fn.split(":")[6] not in self.account.region(region).urls:
            self.add_url(fn, "AWS_IAM")
        self.add_edge(region, team, fn)
        self.add_transform(region, team, fn)

    def _platform(self, region: str) -> None:
        """The region's log shipper: a function fed by a Kinesis stream and log subscriptions."""
        team = self.teams[0]
        shipper = self.add_function(region, team, self.team_role(team), "logshipper")
        stream = self.add_stream(region, team, "logs")
        self.add_mapping(stream, shipper)
        self._shared[("shipper", region)] = shipper if self.chance(0.5) else stream

    def _idle(self, region: str, team: str) -> None:
        kind = self.pick(IDLE)
        if kind == "queue":
            self.add_queue(region, team, "idle")
        elif kind == "topic":
            self.add_topic(region, team, "idle")
        elif kind == "bucket":
            self.add_bucket(region, team, "idle")
        elif kind == "table":
            self.add_table(region, team, "idle", stream=self.chance(0.2))
        else:
            self.add_stream(region, team, "idle")

    # -- IAM -------------------------------------------------------------------------------

    def _render_iam(self) -> None:
        """Users and groups (their escalations change roles too), then every IAM record."""
        people = People(self).build()
        self.account.escalations = Escalations(self, people).seed()
        plans = sorted(self.roles.values(), key=lambda p: p.name)
        self.account.roles = [plan.render(n) for n, plan in enumerate(plans)]
        people.render(self.account)
        attachments = people.attachments()
        attachments.update(arn for plan in plans for arn in plan.attached)
        boundaries = people.boundary_uses()
        boundaries.update(plan.boundary for plan in plans if plan.boundary)
        documents = {**self.boundaries, **people.policies}
        self.account.policies = managed_policies(documents, attachments, boundaries)


def build_account(sizes: Sizes) -> SyntheticAccount:
    """Generate the account for `sizes` (deterministic for a seed)."""
    return Wiring(sizes).build()


def _public_write() -> dict:
    return shapes.doc(
        {
            "Sid": "uploads",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::*/*",
        }
    )


def _public_read() -> dict:
    return shapes.doc(
        {
            "Sid": "gallery",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::*/*",
        }
    )


def _partner_send() -> dict:
    return shapes.doc(
        {
            "Sid": "partner",
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Principal": {"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"},
            "Resource": "*",
        }
    )


def _partner_read() -> dict:
    return shapes.doc(
        {
            "Sid": "partner",
            "Effect": "Allow",
            "Action": "sqs:ReceiveMessage",
            "Principal": {"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"},
            "Resource": "*",
        }
    )


def _public_publish() -> dict:
    return shapes.doc(
        {
            "Sid": "anyone",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": "SNS:Publish",
            "Resource": "*",
        }
    )
