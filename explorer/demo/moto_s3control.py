"""S3 Object Lambda access points for moto's server: the five S3 Control operations the demo needs.

moto 5.2 (5.2.6 when written) implements S3 Control's standard access points (`CreateAccessPoint`,
`GetAccessPoint`, their policies) but nothing of S3 Object Lambda: every
`/v20180820/accesspointforobjectlambda` request answers a bare 404 "Not Found". Without them the
demo could hold no Object Lambda access point, so no `object-lambda` or `object-lambda-bucket`
trigger.

`install()` adds `CreateAccessPointForObjectLambda`, `ListAccessPointsForObjectLambda`,
`GetAccessPointConfigurationForObjectLambda`, `PutAccessPointPolicyForObjectLambda` and
`GetAccessPointPolicyForObjectLambda` to moto's S3 Control URL table and response class (botocore
routes them by method and URI, `x-amz-account-id` naming the account). The access points are kept
on moto's own S3 Control backend, per account (the header's) and region (the request's
signature), so moto's reset drops them with the rest; answers are serialized by moto against
botocore's model of each operation, so they are REST-XML shaped as the S3 Control API Reference
documents them (`ObjectLambdaAccessPointArn`, `Alias` `{Value, Status}`, `Configuration`,
`Policy`; `NoSuchAccessPoint` and `NoSuchAccessPointPolicy` errors as for standard access points).
It patches once, and does nothing at all where moto already has any of them: this module goes
away when moto implements S3 Object Lambda.
"""

from __future__ import annotations

import hashlib
from typing import Any

PATHS = (
    r"{0}/v20180820/accesspointforobjectlambda$",
    r"{0}/v20180820/accesspointforobjectlambda/(?P<name>[\w_:%-]+)$",
    r"{0}/v20180820/accesspointforobjectlambda/(?P<name>[\w_:%-]+)/configuration$",
    r"{0}/v20180820/accesspointforobjectlambda/(?P<name>[\w_:%-]+)/policy$",
)
"""The URLs of the five operations (botocore tells them apart by method and path)."""
OPERATIONS = (
    "create_access_point_for_object_lambda",
    "list_access_points_for_object_lambda",
    "get_access_point_configuration_for_object_lambda",
    "put_access_point_policy_for_object_lambda",
    "get_access_point_policy_for_object_lambda",
)
MAX_RESULTS = 1000
"""ListAccessPointsForObjectLambda's largest page (and ours when the caller names none)."""
CONFIGURATION = (
    "SupportingAccessPoint",
    "CloudWatchMetricsEnabled",
    "AllowedFeatures",
    "TransformationConfigurations",
)
"""The `ObjectLambdaConfiguration` members, kept as given and answered unchanged."""


def install() -> bool:
    """Teach moto's S3 Control the five Object Lambda operations; True when this call added them."""
    from moto.s3control import urls
    from moto.s3control.responses import S3ControlResponse

    if any(hasattr(S3ControlResponse, name) for name in OPERATIONS):
        return False  # already done, or moto implements them now
    for path in PATHS:
        urls.url_paths.setdefault(path, S3ControlResponse.dispatch)
    for name, method in zip(OPERATIONS, _METHODS, strict=True):
        setattr(S3ControlResponse, name, method)
    return True


def _error(code: str, message: str, name: str) -> Exception:
    from moto.s3control.exceptions import S3ControlError

    error = S3ControlError(code, message)
    error.access_point_name = name  # type: ignore[attr-defined]
    return error


def _points(response: Any) -> dict[str, dict[str, Any]]:
    """The request's account's Object Lambda access points in the request's region, by name."""
    backend = response.backend
    if not hasattr(backend, "object_lambda_access_points"):
        backend.object_lambda_access_points = {}
    account = response._get_param("AccountId") or response.current_account
    return backend.object_lambda_access_points.setdefault((account, response.region), {})


def _point(response: Any) -> dict[str, Any]:
    """The access point the request names (NoSuchAccessPoint when there is none)."""
    name = response._get_param("Name")
    found = _points(response).get(name)
    if found is None:
        from moto.s3control.exceptions import AccessPointNotFound

        raise AccessPointNotFound(name)
    return found


def _create(self: Any) -> Any:
    """CreateAccessPointForObjectLambda: a new access point; a taken name is a conflict."""
    from moto.core.responses import ActionResult

    points, name = _points(self), self._get_param("Name")
    if name in points:
        raise _error("AccessPointAlreadyOwnedByYou",
                     "Your previous request to create the named accesspoint succeeded "
                     "and you already own it.", name)  # fmt: skip
    given = self._get_param("Configuration") or {}
    account = self._get_param("AccountId") or self.current_account
    suffix = hashlib.sha256(f"{account}:{self.region}:{name}".encode()).hexdigest()[:26]
    points[name] = {
        "Name": name,
        "ObjectLambdaAccessPointArn": f"arn:{self.partition}:s3-object-lambda:{self.region}"
        f":{account}:accesspoint/{name}",
        "Alias": {"Value": f"{name}-{suffix}--ol-s3", "Status": "READY"},
        "Configuration": {k: given[k] for k in CONFIGURATION if given.get(k) is not None},
        "Policy": None,
    }
    found = points[name]
    return ActionResult(
        {"ObjectLambdaAccessPointArn": found["ObjectLambdaAccessPointArn"], "Alias": found["Alias"]}
    )


def _list(self: Any) -> Any:
    """ListAccessPointsForObjectLambda: pages of at most MaxResults; NextToken is opaque."""
    from moto.core.responses import ActionResult

    found = list(_points(self).values())
    size = self._get_param("MaxResults") or MAX_RESULTS
    token = self._get_param("NextToken")
    if not isinstance(size, int) or not 0 < size <= MAX_RESULTS:
        raise _error("InvalidRequest", f"maxResults must be between 1 and {MAX_RESULTS}.", "")
    if token is not None and (not str(token).isdigit() or int(token) > len(found)):
        raise _error("InvalidRequest", "Invalid nextToken.", "")
    start = int(token or 0)
    page = [{k: p[k] for k in ("Name", "ObjectLambdaAccessPointArn", "Alias")}
            for p in found[start : start + size]]  # fmt: skip
    result: dict[str, Any] = {"ObjectLambdaAccessPointList": page}
    if start + size < len(found):
        result["NextToken"] = str(start + size)
    return ActionResult(result)


def _get_configuration(self: Any) -> Any:
    """GetAccessPointConfigurationForObjectLambda: the configuration, as created."""
    from moto.core.responses import ActionResult

    return ActionResult({"Configuration": _point(self)["Configuration"]})


def _put_policy(self: Any) -> Any:
    """PutAccessPointPolicyForObjectLambda: replace the access point's policy."""
    from moto.core.responses import EmptyResult

    _point(self)["Policy"] = self._get_param("Policy")
    return EmptyResult()


def _get_policy(self: Any) -> Any:
    """GetAccessPointPolicyForObjectLambda: the policy (NoSuchAccessPointPolicy: none)."""
    from moto.core.responses import ActionResult

    found = _point(self)
    if found["Policy"] is None:
        from moto.s3control.exceptions import AccessPointPolicyNotFound

        raise AccessPointPolicyNotFound(found["Name"])
    return ActionResult({"Policy": found["Policy"]})


_METHODS = (_create, _list, _get_configuration, _put_policy, _get_policy)
