"""Email templates through real boto3 clients: v1 ``*Template`` and v2 ``*EmailTemplate`` operations.

Covers create (name rules, required subject, syntax check, size and count quotas, duplicates, v2 tags),
get, update (keeps the creation time), delete (v1 ignores an absent template, v2 reports it), list
(name order, page sizes, tokens), the rendering preview with each of its errors, and that both APIs
share one store.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_ses.core.model import Template

CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
GREETING = {
    "TemplateName": "MyTemplate",
    "SubjectPart": "Greetings, {{name}}!",
    "TextPart": "Dear {{name}}, your favorite animal is {{favoriteanimal}}.",
    "HtmlPart": "<h1>Hello {{name}},</h1><p>Your favorite animal is {{favoriteanimal}}.</p>",
}
GREETING_V2 = {
    "Subject": GREETING["SubjectPart"],
    "Text": GREETING["TextPart"],
    "Html": GREETING["HtmlPart"],
}
DATA = json.dumps({"name": "John", "favoriteanimal": "Lion"})
INVALID_NAME = (
    "Invalid template name <{}>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
    "up to 64 characters."
)


def assert_error(raised: pytest.ExceptionInfo[ClientError], code: str, message: str, status: int = 400) -> None:
    response = raised.value.response
    assert response["Error"]["Code"] == code
    assert response["Error"]["Message"] == message
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status


def fill_store(ses: Any, count: int) -> list[str]:
    """Many templates at once, straight into the store (the API would take one call each)."""
    store = ses.store()
    names = [f"tpl-{i:05d}" for i in range(count)]
    for name in names:
        store.templates[name] = Template(name=name, subject="s", text="t", html=None, created=CREATED)
    return names


def v1_names(page: dict[str, Any]) -> list[str]:
    return [entry["Name"] for entry in page["TemplatesMetadata"]]


def v2_names(page: dict[str, Any]) -> list[str]:
    return [entry["TemplateName"] for entry in page["TemplatesMetadata"]]


def mime(rendered: str) -> email.message.Message:
    return email.message_from_string(rendered, policy=email.policy.default)


# --- v1 CreateTemplate / GetTemplate --------------------------------------------------------------
def test_v1_create_then_get_returns_every_part(ses_client: Any) -> None:
    assert ses_client.create_template(Template=GREETING)["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert ses_client.get_template(TemplateName="MyTemplate")["Template"] == GREETING


def test_v1_get_omits_parts_the_template_lacks(ses_client: Any) -> None:
    ses_client.create_template(Template={"TemplateName": "html-only", "SubjectPart": "S", "HtmlPart": "<p/>"})
    assert ses_client.get_template(TemplateName="html-only")["Template"] == {
        "TemplateName": "html-only",
        "SubjectPart": "S",
        "HtmlPart": "<p/>",
    }


def test_v1_get_of_an_unknown_template(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.get_template(TemplateName="MyFakeTemplate")
    assert_error(raised, "TemplateDoesNotExist", "Template MyFakeTemplate does not exist.")


def test_v1_create_twice_is_already_exists(ses_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template={**GREETING, "SubjectPart": "other"})
    assert_error(raised, "AlreadyExists", "Template MyTemplate already exists.")
    assert ses_client.get_template(TemplateName="MyTemplate")["Template"]["SubjectPart"] == "Greetings, {{name}}!"


@pytest.mark.parametrize("name", ["", "has space", "dot.ted", "x" * 65, "ümlaut"])
def test_v1_template_names_are_checked(ses_client: Any, name: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template={**GREETING, "TemplateName": name})
    assert_error(raised, "InvalidParameterValue", INVALID_NAME.format(name))


def test_v1_longest_name_and_all_allowed_characters(ses_client: Any) -> None:
    name = "Az09_-" + "x" * 58
    ses_client.create_template(Template={**GREETING, "TemplateName": name})
    assert ses_client.get_template(TemplateName=name)["Template"]["TemplateName"] == name


@pytest.mark.parametrize("subject", [None, ""])
def test_v1_subject_is_required(ses_client: Any, subject: str | None) -> None:
    spec = {k: v for k, v in GREETING.items() if k != "SubjectPart"}
    if subject is not None:
        spec["SubjectPart"] = subject
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template=spec)
    assert_error(raised, "InvalidParameterValue", "The subject must be specified.")


def test_v1_a_template_that_cannot_be_parsed_is_invalid(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template={**GREETING, "HtmlPart": "{{#if vip}}VIP"})
    assert_error(raised, "InvalidTemplate", "Template MyTemplate is invalid: Unclosed block {{#if vip}}")


def test_v1_a_missing_partial_is_invalid(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template={**GREETING, "TextPart": "Hi {{> fullName}}"})
    assert_error(
        raised, "InvalidTemplate", "Template MyTemplate is invalid: The partial fullName could not be found"
    )


def test_v1_template_size_is_limited_to_500_kb(ses_client: Any) -> None:
    half = "x" * (250 * 1024)
    ses_client.create_template(Template={"TemplateName": "big", "SubjectPart": "s", "TextPart": half})
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(
            Template={"TemplateName": "too-big", "SubjectPart": "s", "TextPart": half, "HtmlPart": half}
        )
    assert_error(
        raised, "InvalidParameterValue", "Template too-big is 512001 bytes; the maximum template size is 500 KB."
    )


def test_v1_at_most_10000_templates(ses: Any, ses_client: Any) -> None:
    fill_store(ses, 10_000)
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template=GREETING)
    assert_error(raised, "LimitExceeded", "You have reached the maximum of 10000 email templates.")


# --- v1 UpdateTemplate / DeleteTemplate -----------------------------------------------------------
def test_v1_update_replaces_every_part_and_keeps_the_creation_time(ses_client: Any) -> None:
    with freeze_time("2026-02-01 10:00:00"):
        ses_client.create_template(Template=GREETING)
    with freeze_time("2026-02-02 10:00:00"):
        ses_client.update_template(
            Template={"TemplateName": "MyTemplate", "SubjectPart": "Hi, {{name}}!", "HtmlPart": "<p/>"}
        )
    assert ses_client.get_template(TemplateName="MyTemplate")["Template"] == {
        "TemplateName": "MyTemplate",
        "SubjectPart": "Hi, {{name}}!",
        "HtmlPart": "<p/>",
    }
    created = ses_client.list_templates()["TemplatesMetadata"][0]["CreatedTimestamp"]
    assert created == dt.datetime(2026, 2, 1, 10, tzinfo=dt.timezone.utc)


def test_v1_update_of_an_unknown_template(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.update_template(Template=GREETING)
    assert_error(raised, "TemplateDoesNotExist", "Template MyTemplate does not exist.")


def test_v1_update_is_validated_and_leaves_the_template_alone_on_error(ses_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    with pytest.raises(ClientError) as raised:
        ses_client.update_template(Template={**GREETING, "TextPart": "{{/each}}"})
    assert_error(
        raised, "InvalidTemplate", "Template MyTemplate is invalid: Unexpected {{/each}}: no block is open"
    )
    with pytest.raises(ClientError) as raised:
        ses_client.update_template(Template={**GREETING, "SubjectPart": ""})
    assert_error(raised, "InvalidParameterValue", "The subject must be specified.")
    assert ses_client.get_template(TemplateName="MyTemplate")["Template"] == GREETING


def test_v1_delete_removes_the_template_and_frees_the_name(ses_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    assert ses_client.delete_template(TemplateName="MyTemplate")["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(ClientError):
        ses_client.get_template(TemplateName="MyTemplate")
    ses_client.create_template(Template=GREETING)


def test_v1_delete_of_an_unknown_template_succeeds(ses_client: Any) -> None:
    assert ses_client.delete_template(TemplateName="never-created")["ResponseMetadata"]["HTTPStatusCode"] == 200


# --- v1 ListTemplates -----------------------------------------------------------------------------
def test_v1_list_is_empty_at_first(ses_client: Any) -> None:
    assert ses_client.list_templates()["TemplatesMetadata"] == []


def test_v1_list_gives_names_in_order_with_creation_times(ses_client: Any) -> None:
    with freeze_time("2026-03-01 12:30:45"):
        ses_client.create_template(Template={**GREETING, "TemplateName": "zeta"})
        ses_client.create_template(Template={**GREETING, "TemplateName": "alpha"})
    listed = ses_client.list_templates()
    assert listed["TemplatesMetadata"] == [
        {"Name": "alpha", "CreatedTimestamp": dt.datetime(2026, 3, 1, 12, 30, 45, tzinfo=dt.timezone.utc)},
        {"Name": "zeta", "CreatedTimestamp": dt.datetime(2026, 3, 1, 12, 30, 45, tzinfo=dt.timezone.utc)},
    ]
    assert "NextToken" not in listed


def test_v1_list_pages_ten_by_default(ses: Any, ses_client: Any) -> None:
    names = fill_store(ses, 25)
    first = ses_client.list_templates()
    assert v1_names(first) == names[:10]
    second = ses_client.list_templates(NextToken=first["NextToken"])
    third = ses_client.list_templates(NextToken=second["NextToken"])
    assert v1_names(second) + v1_names(third) == names[10:]
    assert "NextToken" not in third


def test_v1_max_items_sets_the_page_and_is_capped_at_100(ses: Any, ses_client: Any) -> None:
    names = fill_store(ses, 150)
    assert v1_names(ses_client.list_templates(MaxItems=3)) == names[:3]
    capped = ses_client.list_templates(MaxItems=1000)
    assert v1_names(capped) == names[:100]
    assert v1_names(ses_client.list_templates(MaxItems=1000, NextToken=capped["NextToken"])) == names[100:]


def test_v1_a_token_survives_deletions(ses: Any, ses_client: Any) -> None:
    names = fill_store(ses, 4)
    first = ses_client.list_templates(MaxItems=2)
    ses_client.delete_template(TemplateName=names[1])
    ses_client.delete_template(TemplateName=names[2])
    assert v1_names(ses_client.list_templates(MaxItems=2, NextToken=first["NextToken"])) == [names[3]]


def test_v1_bad_page_size_and_token(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.list_templates(MaxItems=0)
    assert_error(raised, "InvalidParameterValue", "MaxItems must be between 1 and 100, got <0>.")
    with pytest.raises(ClientError) as raised:
        ses_client.list_templates(NextToken="not-a-token")
    assert_error(raised, "InvalidParameterValue", "Invalid NextToken <not-a-token>.")


# --- v1 TestRenderTemplate ------------------------------------------------------------------------
def test_v1_render_returns_the_whole_mime_message(ses_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    with freeze_time("2026-04-05 06:07:08"):
        rendered = ses_client.test_render_template(TemplateName="MyTemplate", TemplateData=DATA)[
            "RenderedTemplate"
        ]
    message = mime(rendered)
    assert message["Subject"] == "Greetings, John!"
    assert message["Date"] == "Sun, 05 Apr 2026 06:07:08 +0000"
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert text.get_content().strip() == "Dear John, your favorite animal is Lion."
    assert html.get_content().strip() == "<h1>Hello John,</h1><p>Your favorite animal is Lion.</p>"


def test_v1_render_of_an_unknown_template(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.test_render_template(TemplateName="MyTemplate", TemplateData=DATA)
    assert_error(raised, "TemplateDoesNotExist", "Template MyTemplate does not exist.")


def test_v1_render_with_a_missing_attribute(ses_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    with pytest.raises(ClientError) as raised:
        ses_client.test_render_template(TemplateName="MyTemplate", TemplateData=json.dumps({"name": "John"}))
    assert_error(
        raised, "MissingRenderingAttribute", "Attribute 'favoriteanimal' is not present in the rendering data."
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("{not json", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)."),
        ('["a list"]', "it must be a JSON object."),
    ],
)
def test_v1_render_with_invalid_data(ses_client: Any, data: str, reason: str) -> None:
    ses_client.create_template(Template=GREETING)
    with pytest.raises(ClientError) as raised:
        ses_client.test_render_template(TemplateName="MyTemplate", TemplateData=data)
    assert_error(raised, "InvalidRenderingParameter", f"Template rendering data is invalid: {reason}")


def test_v1_render_of_a_stored_template_that_cannot_be_parsed(ses: Any, ses_client: Any) -> None:
    ses.store().templates["broken"] = Template(
        name="broken", subject="{{#if x}}", text=None, html=None, created=CREATED
    )
    with pytest.raises(ClientError) as raised:
        ses_client.test_render_template(TemplateName="broken", TemplateData="{}")
    assert_error(raised, "InvalidTemplate", "Template broken is invalid: Unclosed block {{#if x}}")


# --- v2 CreateEmailTemplate / GetEmailTemplate ----------------------------------------------------
def test_v2_create_then_get_with_tags(sesv2_client: Any) -> None:
    tags = [{"Key": "team", "Value": "growth"}]
    sesv2_client.create_email_template(TemplateName="MyTemplate", TemplateContent=GREETING_V2, Tags=tags)
    got = sesv2_client.get_email_template(TemplateName="MyTemplate")
    assert (got["TemplateName"], got["TemplateContent"], got["Tags"]) == ("MyTemplate", GREETING_V2, tags)


def test_v2_get_omits_absent_parts_and_tags_default_to_empty(sesv2_client: Any) -> None:
    sesv2_client.create_email_template(TemplateName="t", TemplateContent={"Subject": "S", "Text": "T"})
    got = sesv2_client.get_email_template(TemplateName="t")
    assert (got["TemplateContent"], got["Tags"]) == ({"Subject": "S", "Text": "T"}, [])


def test_v2_get_of_an_unknown_template(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.get_email_template(TemplateName="nope")
    assert_error(raised, "NotFoundException", "Template nope does not exist.", 404)


def test_v2_create_twice_is_already_exists(sesv2_client: Any) -> None:
    sesv2_client.create_email_template(TemplateName="t", TemplateContent=GREETING_V2)
    with pytest.raises(ClientError) as raised:
        sesv2_client.create_email_template(TemplateName="t", TemplateContent=GREETING_V2)
    assert_error(raised, "AlreadyExistsException", "Template t already exists.")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad name", GREETING_V2, INVALID_NAME.format("bad name")),
        ("t", {"Text": "no subject"}, "The subject must be specified."),
        (
            "t",
            {**GREETING_V2, "Text": "{{#each}}x{{/each}}"},
            "Template t is invalid: #each requires exactly one argument: {{#each}}",
        ),
    ],
)
def test_v2_create_is_validated(sesv2_client: Any, name: str, content: dict[str, str], message: str) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.create_email_template(TemplateName=name, TemplateContent=content)
    assert_error(raised, "BadRequestException", message)


def test_v2_tags_are_validated(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.create_email_template(
            TemplateName="t", TemplateContent=GREETING_V2, Tags=[{"Key": "aws:x", "Value": "v"}]
        )
    assert_error(
        raised, "BadRequestException", "The aws: prefix is reserved for use by AWS in tag keys and values."
    )
    with pytest.raises(ClientError):
        sesv2_client.get_email_template(TemplateName="t")


def test_v2_at_most_10000_templates(ses: Any) -> None:
    # botocore retries LimitExceededException as throttling (with back-off, as it would against AWS):
    # a client without retries keeps this test fast.
    client = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing").client(
        "sesv2", region_name=ses.region, config=Config(retries={"total_max_attempts": 1})
    )
    fill_store(ses, 10_000)
    with pytest.raises(ClientError) as raised:
        client.create_email_template(TemplateName="one-more", TemplateContent=GREETING_V2)
    assert_error(raised, "LimitExceededException", "You have reached the maximum of 10000 email templates.")


# --- v2 UpdateEmailTemplate / DeleteEmailTemplate -------------------------------------------------
def test_v2_update_replaces_the_content_and_keeps_tags(sesv2_client: Any) -> None:
    tags = [{"Key": "k", "Value": "v"}]
    sesv2_client.create_email_template(TemplateName="t", TemplateContent=GREETING_V2, Tags=tags)
    sesv2_client.update_email_template(TemplateName="t", TemplateContent={"Subject": "New", "Html": "<i/>"})
    got = sesv2_client.get_email_template(TemplateName="t")
    assert (got["TemplateContent"], got["Tags"]) == ({"Subject": "New", "Html": "<i/>"}, tags)


def test_v2_update_of_an_unknown_template(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.update_email_template(TemplateName="nope", TemplateContent=GREETING_V2)
    assert_error(raised, "NotFoundException", "Template nope does not exist.", 404)


def test_v2_update_is_validated(sesv2_client: Any) -> None:
    sesv2_client.create_email_template(TemplateName="t", TemplateContent=GREETING_V2)
    with pytest.raises(ClientError) as raised:
        sesv2_client.update_email_template(TemplateName="t", TemplateContent={"Subject": "{{a"})
    assert_error(raised, "BadRequestException", "Template t is invalid: Unclosed tag {{a")
    assert sesv2_client.get_email_template(TemplateName="t")["TemplateContent"] == GREETING_V2


def test_v2_delete_and_delete_of_an_unknown_template(sesv2_client: Any) -> None:
    sesv2_client.create_email_template(TemplateName="t", TemplateContent=GREETING_V2)
    sesv2_client.delete_email_template(TemplateName="t")
    with pytest.raises(ClientError) as raised:
        sesv2_client.delete_email_template(TemplateName="t")
    assert_error(raised, "NotFoundException", "Template t does not exist.", 404)


# --- v2 ListEmailTemplates ------------------------------------------------------------------------
def test_v2_list_gives_names_and_creation_times(sesv2_client: Any) -> None:
    with freeze_time("2026-05-06 07:08:09"):
        sesv2_client.create_email_template(TemplateName="b", TemplateContent=GREETING_V2)
        sesv2_client.create_email_template(TemplateName="a", TemplateContent=GREETING_V2)
    when = dt.datetime(2026, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
    listed = sesv2_client.list_email_templates()
    assert listed["TemplatesMetadata"] == [
        {"TemplateName": "a", "CreatedTimestamp": when},
        {"TemplateName": "b", "CreatedTimestamp": when},
    ]
    assert "NextToken" not in listed


def test_v2_list_pages(ses: Any, sesv2_client: Any) -> None:
    names = fill_store(ses, 12)
    first = sesv2_client.list_email_templates()
    assert v2_names(first) == names[:10]
    rest = sesv2_client.list_email_templates(NextToken=first["NextToken"], PageSize=100)
    assert v2_names(rest) == names[10:]
    assert v2_names(sesv2_client.list_email_templates(PageSize=1)) == names[:1]


@pytest.mark.parametrize("size", [0, 101])
def test_v2_page_size_is_1_to_100(sesv2_client: Any, size: int) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.list_email_templates(PageSize=size)
    assert_error(raised, "BadRequestException", f"PageSize must be between 1 and 100, got {size}.")


def test_v2_bad_token(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.list_email_templates(NextToken="junk")
    assert_error(raised, "BadRequestException", "Invalid NextToken <junk>.")


# --- v2 TestRenderEmailTemplate -------------------------------------------------------------------
def test_v2_render_returns_the_mime_message(sesv2_client: Any) -> None:
    sesv2_client.create_email_template(
        TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "Hey {{name}}"}
    )
    rendered = sesv2_client.test_render_email_template(TemplateName="t", TemplateData=DATA)["RenderedTemplate"]
    assert "\r\nSubject: Hi John\r\n" in rendered
    message = mime(rendered)
    assert (message.get_content_type(), message.get_content().strip()) == ("text/plain", "Hey John")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{}", "Attribute 'name' is not present in the rendering data."),
        ("nope", "Template rendering data is invalid: Expecting value: line 1 column 1 (char 0)."),
    ],
)
def test_v2_render_errors_are_bad_requests(sesv2_client: Any, data: str, message: str) -> None:
    sesv2_client.create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{name}}"})
    with pytest.raises(ClientError) as raised:
        sesv2_client.test_render_email_template(TemplateName="t", TemplateData=data)
    assert_error(raised, "BadRequestException", message)


def test_v2_render_of_an_unknown_template(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        sesv2_client.test_render_email_template(TemplateName="nope", TemplateData="{}")
    assert_error(raised, "NotFoundException", "Template nope does not exist.", 404)


# --- one store for both APIs ----------------------------------------------------------------------
def test_a_v1_template_is_a_v2_template(ses_client: Any, sesv2_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    assert sesv2_client.get_email_template(TemplateName="MyTemplate")["TemplateContent"] == GREETING_V2
    assert v2_names(sesv2_client.list_email_templates()) == ["MyTemplate"]
    rendered = sesv2_client.test_render_email_template(TemplateName="MyTemplate", TemplateData=DATA)
    assert "Subject: Greetings, John!" in rendered["RenderedTemplate"]
    sesv2_client.delete_email_template(TemplateName="MyTemplate")
    assert ses_client.list_templates()["TemplatesMetadata"] == []


def test_a_v2_template_is_a_v1_template(ses_client: Any, sesv2_client: Any) -> None:
    sesv2_client.create_email_template(TemplateName="MyTemplate", TemplateContent=GREETING_V2)
    assert ses_client.get_template(TemplateName="MyTemplate")["Template"] == GREETING
    ses_client.update_template(Template={**GREETING, "SubjectPart": "Changed"})
    assert sesv2_client.get_email_template(TemplateName="MyTemplate")["TemplateContent"]["Subject"] == "Changed"
    with pytest.raises(ClientError) as raised:
        ses_client.create_template(Template=GREETING)
    assert_error(raised, "AlreadyExists", "Template MyTemplate already exists.")


def test_templates_belong_to_one_region(ses: Any, ses_client: Any) -> None:
    ses_client.create_template(Template=GREETING)
    elsewhere = ses.client("ses", region="eu-west-1")
    assert elsewhere.list_templates()["TemplatesMetadata"] == []
    with pytest.raises(ClientError):
        elsewhere.get_template(TemplateName="MyTemplate")
