"""S3 Object Lambda answers as AWS sends them: unique access point names and ARNs, and
configurations whose supporting access point (in rich crawls always one of the own account and
region, so the bucket behind it is read) is an access point ARN."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.crawl.shapes.model import Call, Landing, call_key
from tests.crawl.shapes.realism import ACCOUNT, REGION, arn


def access_points(call: Call) -> None:
    for item in call.items("ObjectLambdaAccessPointList"):
        item["Name"] = call.name().lower()
        item["ObjectLambdaAccessPointArn"] = arn("s3-object-lambda", f"accesspoint/{item['Name']}")


def access_point_lands(call: Call) -> list[Landing]:
    """Each listed access point lands, unless it was deleted before its configuration was read."""
    return [
        Landing("s3_object_lambda_access_points", {"arn": item["ObjectLambdaAccessPointArn"]},
                unless=call_key("s3control", "GetAccessPointConfigurationForObjectLambda",
                                {"AccountId": ACCOUNT, "Name": item["Name"]}, None))
        for item in call.items("ObjectLambdaAccessPointList")
    ]  # fmt: skip


def configuration(call: Call) -> None:
    config = call.response.get("Configuration")
    if config is None and not call.rich:
        return
    config = call.response.setdefault("Configuration", {"TransformationConfigurations": []})
    config.setdefault("TransformationConfigurations", [])
    own = call.rich or call.draw(st.booleans())
    where = (REGION, ACCOUNT) if own else ("us-west-2", "210987654321")
    config["SupportingAccessPoint"] = arn("s3", f"accesspoint/{call.name()}", *where)
