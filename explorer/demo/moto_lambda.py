"""Lambda event source mappings of Kafka and Amazon MQ sources for moto's server.

moto 5.2 (5.2.6 when written) creates event source mappings of SQS queues, Kinesis streams and
DynamoDB streams only: `CreateEventSourceMapping` answers "Invalid EventSourceArn" for an
Amazon MSK cluster (`arn:aws:kafka:`) or an Amazon MQ broker (`arn:aws:mq:`), and "Missing
EventSourceArn" for self-managed Kafka (a `SelfManagedEventSource` has no ARN), though its
`EventSourceMapping` model already keeps and answers every field those mappings have (`Topics`,
`Queues`, `SelfManagedEventSource`, `SourceAccessConfigurations`...). Without them the demo's
MSK cluster and MQ broker would start no function, and self-managed Kafka could not be seeded.

`install()` wraps moto's `LambdaBackend.create_event_source_mapping`: a mapping of one of these
sources becomes moto's own `EventSourceMapping` (through a subclass that accepts the source and
sizes its batches as the Lambda API Reference says: 100 by default, at most 10,000), with
`FunctionArn` resolved as moto does for SQS, kept in the backend's mappings, so
`ListEventSourceMappings`, `GetEventSourceMapping`, `UpdateEventSourceMapping` and
`DeleteEventSourceMapping` answer it like any other. moto's answers leave out every field
without a value, so a self-managed Kafka mapping answers with no `EventSourceArn` key, as AWS's
does. It patches once, and does nothing where moto accepts these sources itself: this module
goes away when moto does.
"""

from __future__ import annotations

import inspect
from typing import Any

MANAGED = ("kafka", "mq")
"""Services of the source ARNs moto refuses and this module accepts."""
BATCH_SIZE = (100, 10000)
"""Default and largest batch of a Kafka or MQ mapping (the Lambda API Reference's BatchSize)."""
PROBE_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/probe/0a1b2c3d-1"
"""An MSK cluster ARN, to ask moto's model whether it takes one."""


def install() -> bool:
    """Teach moto's Lambda the Kafka and MQ mappings; True when this call added them."""
    from moto.awslambda.models import LambdaBackend

    original = LambdaBackend.create_event_source_mapping
    if getattr(original, "_explorer_esm", False) or _moto_accepts(original):
        return False

    def create_event_source_mapping(self: Any, spec: dict[str, Any]) -> Any:
        if not _ours(spec) or not spec.get("FunctionName"):
            return original(self, spec)  # moto's own mappings, and its own errors
        function = self._lambdas.get_function_by_name_or_arn_with_qualifier(spec["FunctionName"])
        mapping = _mapping_class()(
            {
                **spec,
                "EventSourceArn": spec.get("EventSourceArn") or None,
                "RegionName": self.region_name,
                "AccountId": self.account_id,
                "FunctionArn": function.function_arn,
            }
        )
        self._event_source_mappings[mapping.uuid] = mapping
        return mapping

    create_event_source_mapping._explorer_esm = True  # type: ignore[attr-defined]
    create_event_source_mapping.__doc__ = original.__doc__
    LambdaBackend.create_event_source_mapping = create_event_source_mapping
    return True


def _ours(spec: dict[str, Any]) -> bool:
    """A mapping of an MSK cluster, an MQ broker, or self-managed Kafka (no ARN)."""
    source = spec.get("EventSourceArn")
    if not source:
        return bool(spec.get("SelfManagedEventSource"))
    return _service(source) in MANAGED


def _service(arn: Any) -> str:
    parts = arn.split(":") if isinstance(arn, str) else []
    return parts[2].lower() if len(parts) > 2 else ""


def _moto_accepts(create: Any) -> bool:
    """True when moto creates these mappings itself: its model takes an MSK ARN and its
    create operation knows self-managed sources."""
    from moto.awslambda.models import EventSourceMapping

    probe = {"RegionName": "us-east-1", "AccountId": "123456789012", "FunctionName": "probe",
             "FunctionArn": "probe", "EventSourceArn": PROBE_ARN}  # fmt: skip
    try:
        EventSourceMapping(probe)
    except (ValueError, KeyError):
        return False
    try:
        return "SelfManagedEventSource" in inspect.getsource(create)
    except (OSError, TypeError):
        return False


_CLASS: list[type] = []


def _mapping_class() -> type:
    """moto's `EventSourceMapping`, accepting Kafka and MQ sources (made once, on first use)."""
    if _CLASS:
        return _CLASS[0]
    from moto.awslambda.models import EventSourceMapping

    class KafkaOrMqMapping(EventSourceMapping):
        """A mapping of an MSK cluster, an MQ broker or self-managed Kafka (`None` ARN)."""

        def _get_service_source_from_arn(self, event_source_arn: str | None = None) -> str:
            arn = event_source_arn or getattr(self, "_event_source_arn", None)
            return _service(arn) or "kafka"  # self-managed Kafka has no ARN

        @property
        def event_source_arn(self) -> str:
            return self._event_source_arn

        @event_source_arn.setter
        def event_source_arn(self, event_source_arn: str | None) -> None:
            self._event_source_arn = event_source_arn  # type: ignore[assignment]

        @property
        def batch_size(self) -> int:
            return self._batch_size

        @batch_size.setter
        def batch_size(self, new_batch_size: int | None) -> None:
            default, largest = BATCH_SIZE
            if new_batch_size is not None and new_batch_size > largest:
                raise ValueError(
                    "InvalidParameterValueException",
                    f"BatchSize {new_batch_size} exceeds the max of {largest}",
                )
            self._batch_size = default if new_batch_size is None else int(new_batch_size)

        def __init__(self, spec: dict[str, Any]) -> None:
            super().__init__(spec)
            if _service(self.event_source_arn) == "mq":
                self.starting_position = spec.get("StartingPosition")  # MQ reads no position

    _CLASS.append(KafkaOrMqMapping)
    return KafkaOrMqMapping
