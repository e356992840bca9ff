"""A function's environment line says what the crawl decided each value is: where a secret is
read from (a reference to a secret store is good practice), an identifier, or a secret."""

from __future__ import annotations

from textual.content import Content

from explorer.tui.details.function import _verdict

ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:[b]prod[/b]-AbCdEf"


def _shown(record: dict) -> str:
    return "".join(part.plain if isinstance(part, Content) else str(part)
                   for part in _verdict(record))  # fmt: skip


def test_a_reference_says_where_the_secret_is_read_from_literally():
    record = {"verdict": "reference", "secret_store": {"store": "secretsmanager", "name": ARN}}

    assert _shown(record) == f" reads its secret from Secrets Manager: {ARN}"


def test_an_identifier_is_said_to_be_no_secret():
    record = {"verdict": "identifier", "detectors": ["Base64 High Entropy String"]}

    assert _shown(record) == " an identifier, not a secret"


def test_a_secret_says_what_it_looks_like():
    assert _shown({"verdict": "secret", "detectors": ["AWS Access Key"]}) == (
        " looks like: AWS Access Key"
    )
    assert "its name and shape" in _shown({"verdict": "secret", "detectors": []})


def test_a_record_from_before_verdicts_shows_its_detectors():
    assert _shown({"detectors": ["Secret Keyword"]}) == " looks like: Secret Keyword"
    assert _shown({"detectors": []}) == ""
