"""SES v2 dedicated IP pools and dedicated IPs, through a real boto3 ``sesv2`` client."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support import error_of

DEFAULT_POOL = "ses-default-dedicated-pool"
SHARED_POOL = "ses-shared-pool"
IP_A, IP_B, IP_C = "198.51.100.10", "198.51.100.11", "198.51.100.12"


def pool_of(client: Any, ip: str) -> str:
    return str(client.get_dedicated_ip(Ip=ip)["DedicatedIp"]["PoolName"])


@pytest.fixture(scope="module")
def no_retry_client(pytestconfig: pytest.Config) -> Any:
    """botocore retries ``LimitExceededException`` as throttling (about 1.5 s of back-off): not this client."""
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    return session.client(
        "sesv2", region_name=pytestconfig.getini("ses_region"), config=Config(retries={"total_max_attempts": 1})
    )


# --- the account's IPs -------------------------------------------------------------------------------
def test_a_new_account_has_the_fixture_ips_warmed_up_in_the_default_pool(sesv2_client: Any) -> None:
    ips = sesv2_client.get_dedicated_ips()

    assert ips["DedicatedIps"] == [
        {"Ip": ip, "WarmupStatus": "DONE", "WarmupPercentage": 100, "PoolName": DEFAULT_POOL}
        for ip in (IP_A, IP_B, IP_C)
    ]
    assert "NextToken" not in ips


@pytest.mark.ses(dedicated_ips=["203.0.113.9", "203.0.113.10"])
def test_the_marker_chooses_the_account_ips_in_numeric_order(sesv2_client: Any) -> None:
    ips = sesv2_client.get_dedicated_ips()["DedicatedIps"]

    assert [ip["Ip"] for ip in ips] == ["203.0.113.9", "203.0.113.10"]


@pytest.mark.ses(dedicated_ips=[])
def test_an_account_without_dedicated_ips_lists_none(sesv2_client: Any) -> None:
    assert sesv2_client.get_dedicated_ips()["DedicatedIps"] == []


def test_get_dedicated_ip(sesv2_client: Any) -> None:
    assert sesv2_client.get_dedicated_ip(Ip=IP_B)["DedicatedIp"] == {
        "Ip": IP_B,
        "WarmupStatus": "DONE",
        "WarmupPercentage": 100,
        "PoolName": DEFAULT_POOL,
    }


def test_get_dedicated_ip_of_an_address_the_account_does_not_have(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_dedicated_ip(Ip="192.0.2.1")

    assert error_of(excinfo) == ("NotFoundException", "Dedicated IP <192.0.2.1> does not exist.", 404)


def test_get_dedicated_ips_pages(sesv2_client: Any) -> None:
    first = sesv2_client.get_dedicated_ips(PageSize=2)
    second = sesv2_client.get_dedicated_ips(PageSize=2, NextToken=first["NextToken"])

    assert [ip["Ip"] for ip in first["DedicatedIps"]] == [IP_A, IP_B]
    assert [ip["Ip"] for ip in second["DedicatedIps"]] == [IP_C]
    assert "NextToken" not in second


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"NextToken": "not-a-token"}, "Invalid NextToken: not-a-token"),
        ({"PageSize": 0}, "PageSize must be between 1 and 1000, got 0."),
        ({"PageSize": 1001}, "PageSize must be between 1 and 1000, got 1001."),
    ],
)
def test_get_dedicated_ips_rejects_bad_paging(sesv2_client: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_dedicated_ips(**kwargs)

    assert error_of(excinfo) == ("BadRequestException", message, 400)


def test_get_dedicated_ips_filters_by_pool(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="marketing")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_B, DestinationPoolName="marketing")

    in_pool = sesv2_client.get_dedicated_ips(PoolName="marketing")["DedicatedIps"]
    in_default = sesv2_client.get_dedicated_ips(PoolName=DEFAULT_POOL)["DedicatedIps"]
    in_shared = sesv2_client.get_dedicated_ips(PoolName=SHARED_POOL)["DedicatedIps"]

    assert [ip["Ip"] for ip in in_pool] == [IP_B]
    assert [ip["Ip"] for ip in in_default] == [IP_A, IP_C]
    assert in_shared == []


def test_get_dedicated_ips_of_an_unknown_pool(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_dedicated_ips(PoolName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Pool <nope> does not exist.", 404)


# --- pools -------------------------------------------------------------------------------------------
def test_a_new_account_lists_no_pools_the_reserved_ones_are_not_listed(sesv2_client: Any) -> None:
    assert sesv2_client.list_dedicated_ip_pools()["DedicatedIpPools"] == []


def test_create_a_pool_standard_by_default(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="transactional")

    assert sesv2_client.get_dedicated_ip_pool(PoolName="transactional")["DedicatedIpPool"] == {
        "PoolName": "transactional",
        "ScalingMode": "STANDARD",
    }
    assert sesv2_client.list_dedicated_ip_pools()["DedicatedIpPools"] == ["transactional"]
    assert ses.store().pools["transactional"].scaling_mode == "STANDARD"


def test_create_a_managed_pool_which_lists_no_ips(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")

    assert sesv2_client.get_dedicated_ip_pool(PoolName="auto")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"
    assert sesv2_client.get_dedicated_ips(PoolName="auto")["DedicatedIps"] == []


def test_pool_tags_are_visible_through_the_tagging_api(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="tagged", Tags=[{"Key": "team", "Value": "mail"}])
    arn = f"arn:aws:ses:{ses.region}:{ses.account_id}:dedicated-ip-pool/tagged"

    assert sesv2_client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "mail"}]
    assert ses.store().pools["tagged"].tags == {"team": "mail"}


def test_create_a_pool_that_exists(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="dup", ScalingMode="MANAGED")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_dedicated_ip_pool(PoolName="dup")

    assert error_of(excinfo) == ("AlreadyExistsException", "Pool <dup> already exists.", 400)
    assert sesv2_client.get_dedicated_ip_pool(PoolName="dup")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"


@pytest.mark.parametrize("name", [DEFAULT_POOL, SHARED_POOL])
def test_reserved_pool_names_cannot_be_created(sesv2_client: Any, name: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_dedicated_ip_pool(PoolName=name)

    assert error_of(excinfo) == (
        "BadRequestException",
        f"Pool name <{name}> is reserved by Amazon SES and cannot be modified.",
        400,
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"PoolName": "bad name!"},
            "Invalid pool name <bad name!>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
            "up to 64 characters.",
        ),
        (
            {"PoolName": "p" * 65},
            f"Invalid pool name <{'p' * 65}>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
            "up to 64 characters.",
        ),
        ({"PoolName": "ok", "ScalingMode": "AUTO"}, "Invalid ScalingMode <AUTO>: must be STANDARD or MANAGED."),
        (
            {"PoolName": "ok", "Tags": [{"Key": f"k{i}", "Value": ""} for i in range(51)]},
            "A resource can have at most 50 tags.",
        ),
        ({"PoolName": "ok", "Tags": [{"Key": "", "Value": "v"}]}, "Tag keys must be 1 to 128 characters long."),
        (
            {"PoolName": "ok", "Tags": [{"Key": "k", "Value": "v" * 257}]},
            "Tag values must be at most 256 characters long.",
        ),
    ],
)
def test_create_a_pool_with_invalid_input(sesv2_client: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_dedicated_ip_pool(**kwargs)

    assert error_of(excinfo) == ("BadRequestException", message, 400)
    assert sesv2_client.list_dedicated_ip_pools()["DedicatedIpPools"] == []


def test_at_most_five_managed_pools_but_standard_pools_are_not_limited(
    sesv2_client: Any, no_retry_client: Any
) -> None:
    for index in range(5):
        sesv2_client.create_dedicated_ip_pool(PoolName=f"managed-{index}", ScalingMode="MANAGED")

    with pytest.raises(ClientError) as excinfo:
        no_retry_client.create_dedicated_ip_pool(PoolName="managed-5", ScalingMode="MANAGED")
    sesv2_client.create_dedicated_ip_pool(PoolName="standard-5")

    assert error_of(excinfo) == (
        "LimitExceededException",
        "You can have at most 5 managed dedicated IP pools per Region.",
        400,
    )
    assert len(sesv2_client.list_dedicated_ip_pools()["DedicatedIpPools"]) == 6


@pytest.mark.parametrize("name", ["nope", DEFAULT_POOL, SHARED_POOL])
def test_get_a_pool_that_is_not_a_resource_of_the_account(sesv2_client: Any, name: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_dedicated_ip_pool(PoolName=name)

    assert error_of(excinfo) == ("NotFoundException", f"Pool <{name}> does not exist.", 404)


def test_list_pools_pages_in_name_order(sesv2_client: Any) -> None:
    for name in ("c", "a", "b"):
        sesv2_client.create_dedicated_ip_pool(PoolName=name)

    first = sesv2_client.list_dedicated_ip_pools(PageSize=2)
    second = sesv2_client.list_dedicated_ip_pools(PageSize=2, NextToken=first["NextToken"])

    assert first["DedicatedIpPools"] == ["a", "b"]
    assert second["DedicatedIpPools"] == ["c"]
    assert "NextToken" not in second


def test_list_pools_rejects_a_foreign_token(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_dedicated_ip_pools(NextToken="bogus")

    assert error_of(excinfo) == ("BadRequestException", "Invalid NextToken: bogus", 400)


def test_deleting_a_standard_pool_returns_its_ips_to_the_default_pool(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="gone", Tags=[{"Key": "k", "Value": "v"}])
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="gone")

    sesv2_client.delete_dedicated_ip_pool(PoolName="gone")

    assert pool_of(sesv2_client, IP_A) == DEFAULT_POOL
    assert sesv2_client.list_dedicated_ip_pools()["DedicatedIpPools"] == []
    sesv2_client.create_dedicated_ip_pool(PoolName="gone", ScalingMode="MANAGED")
    assert sesv2_client.get_dedicated_ip_pool(PoolName="gone")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"


def test_deleting_a_managed_pool_relinquishes_its_ips(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="converted")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_C, DestinationPoolName="converted")
    sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName="converted", ScalingMode="MANAGED")

    sesv2_client.delete_dedicated_ip_pool(PoolName="converted")

    assert [ip["Ip"] for ip in sesv2_client.get_dedicated_ips()["DedicatedIps"]] == [IP_A, IP_B]


def test_delete_an_unknown_pool(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.delete_dedicated_ip_pool(PoolName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Pool <nope> does not exist.", 404)


@pytest.mark.parametrize("name", [DEFAULT_POOL, SHARED_POOL])
def test_reserved_pools_cannot_be_deleted(sesv2_client: Any, name: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.delete_dedicated_ip_pool(PoolName=name)

    assert error_of(excinfo) == (
        "BadRequestException",
        f"Pool name <{name}> is reserved by Amazon SES and cannot be modified.",
        400,
    )
    assert pool_of(sesv2_client, IP_A) == DEFAULT_POOL


def test_pools_belong_to_one_region(ses: Any, sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="east-only")

    other = ses.client("sesv2", region="eu-west-1")

    assert other.list_dedicated_ip_pools()["DedicatedIpPools"] == []
    assert "east-only" not in ses.store("eu-west-1").pools


# --- moving IPs --------------------------------------------------------------------------------------
def test_moving_an_ip_takes_it_out_of_its_previous_pool(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="first")
    sesv2_client.create_dedicated_ip_pool(PoolName="second")

    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="first")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="second")

    assert sesv2_client.get_dedicated_ips(PoolName="first")["DedicatedIps"] == []
    assert [ip["Ip"] for ip in sesv2_client.get_dedicated_ips(PoolName="second")["DedicatedIps"]] == [IP_A]
    assert ses.store().ips[IP_A].pool_name == "second"


def test_an_ip_can_be_moved_back_to_the_default_pool(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="first")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="first")

    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName=DEFAULT_POOL)

    assert pool_of(sesv2_client, IP_A) == DEFAULT_POOL


def test_moving_an_ip_the_account_does_not_have(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="first")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_in_pool(Ip="192.0.2.1", DestinationPoolName="first")

    assert error_of(excinfo) == ("NotFoundException", "Dedicated IP <192.0.2.1> does not exist.", 404)


def test_moving_an_ip_into_a_pool_that_does_not_exist(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Pool <nope> does not exist.", 404)
    assert pool_of(sesv2_client, IP_A) == DEFAULT_POOL


def test_a_dedicated_ip_cannot_join_the_shared_pool(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName=SHARED_POOL)

    assert error_of(excinfo) == (
        "BadRequestException",
        "Dedicated IPs cannot be moved into <ses-shared-pool>.",
        400,
    )


def test_ips_cannot_be_moved_into_or_out_of_a_managed_pool(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")
    sesv2_client.create_dedicated_ip_pool(PoolName="converted")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_B, DestinationPoolName="converted")
    sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName="converted", ScalingMode="MANAGED")

    with pytest.raises(ClientError) as into:
        sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="auto")
    with pytest.raises(ClientError) as out_of:
        sesv2_client.put_dedicated_ip_in_pool(Ip=IP_B, DestinationPoolName=DEFAULT_POOL)

    assert error_of(into) == (
        "BadRequestException",
        "Pool <auto> is MANAGED: Amazon SES decides which IPs it contains.",
        400,
    )
    assert error_of(out_of) == (
        "BadRequestException",
        "Pool <converted> is MANAGED: Amazon SES decides which IPs it contains.",
        400,
    )
    assert pool_of(sesv2_client, IP_A) == DEFAULT_POOL
    assert pool_of(sesv2_client, IP_B) == "converted"


# --- warm-up -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("percentage", "status"), [(0, "IN_PROGRESS"), (40, "IN_PROGRESS"), (100, "DONE")])
def test_warmup_percentage_sets_the_status(sesv2_client: Any, percentage: int, status: str) -> None:
    sesv2_client.put_dedicated_ip_warmup_attributes(Ip=IP_A, WarmupPercentage=percentage)

    ip = sesv2_client.get_dedicated_ip(Ip=IP_A)["DedicatedIp"]

    assert (ip["WarmupPercentage"], ip["WarmupStatus"]) == (percentage, status)


@pytest.mark.parametrize("percentage", [-1, 101])
def test_warmup_percentage_must_be_0_to_100(sesv2_client: Any, percentage: int) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_warmup_attributes(Ip=IP_A, WarmupPercentage=percentage)

    assert error_of(excinfo) == (
        "BadRequestException",
        f"WarmupPercentage must be between 0 and 100, got {percentage}.",
        400,
    )
    assert sesv2_client.get_dedicated_ip(Ip=IP_A)["DedicatedIp"]["WarmupPercentage"] == 100


def test_warmup_of_an_ip_the_account_does_not_have(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_warmup_attributes(Ip="192.0.2.1", WarmupPercentage=10)

    assert error_of(excinfo) == ("NotFoundException", "Dedicated IP <192.0.2.1> does not exist.", 404)


# --- scaling mode ------------------------------------------------------------------------------------
def test_a_standard_pool_converted_to_managed_shows_its_ips_as_managed(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="grow")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="grow")
    sesv2_client.put_dedicated_ip_warmup_attributes(Ip=IP_A, WarmupPercentage=30)

    sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName="grow", ScalingMode="MANAGED")

    assert sesv2_client.get_dedicated_ip_pool(PoolName="grow")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"
    assert sesv2_client.get_dedicated_ip(Ip=IP_A)["DedicatedIp"] == {
        "Ip": IP_A,
        "WarmupStatus": "NOT_APPLICABLE",
        "WarmupPercentage": -1,
        "PoolName": "grow",
    }


def test_the_warmup_of_a_managed_ip_belongs_to_ses(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="grow")
    sesv2_client.put_dedicated_ip_in_pool(Ip=IP_A, DestinationPoolName="grow")
    sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName="grow", ScalingMode="MANAGED")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_warmup_attributes(Ip=IP_A, WarmupPercentage=50)

    assert error_of(excinfo) == (
        "BadRequestException",
        f"Dedicated IP <{IP_A}> is in a MANAGED pool: Amazon SES manages its warm-up.",
        400,
    )


def test_a_managed_pool_cannot_become_standard(sesv2_client: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName="auto", ScalingMode="STANDARD")

    assert error_of(excinfo) == (
        "BadRequestException",
        "Pool <auto> is MANAGED: MANAGED pools cannot be converted to STANDARD.",
        400,
    )
    assert sesv2_client.get_dedicated_ip_pool(PoolName="auto")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"


@pytest.mark.parametrize("mode", ["STANDARD", "MANAGED"])
def test_setting_the_current_scaling_mode_again_is_accepted(sesv2_client: Any, mode: str) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="same", ScalingMode=mode)

    sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName="same", ScalingMode=mode)

    assert sesv2_client.get_dedicated_ip_pool(PoolName="same")["DedicatedIpPool"]["ScalingMode"] == mode


def test_converting_to_managed_counts_against_the_managed_quota(sesv2_client: Any, no_retry_client: Any) -> None:
    for index in range(5):
        sesv2_client.create_dedicated_ip_pool(PoolName=f"managed-{index}", ScalingMode="MANAGED")
    sesv2_client.create_dedicated_ip_pool(PoolName="standard")

    with pytest.raises(ClientError) as excinfo:
        no_retry_client.put_dedicated_ip_pool_scaling_attributes(PoolName="standard", ScalingMode="MANAGED")

    assert error_of(excinfo) == (
        "LimitExceededException",
        "You can have at most 5 managed dedicated IP pools per Region.",
        400,
    )
    assert sesv2_client.get_dedicated_ip_pool(PoolName="standard")["DedicatedIpPool"]["ScalingMode"] == "STANDARD"


@pytest.mark.parametrize(
    ("name", "mode", "expected"),
    [
        ("nope", "MANAGED", ("NotFoundException", "Pool <nope> does not exist.", 404)),
        (
            DEFAULT_POOL,
            "MANAGED",
            (
                "BadRequestException",
                f"Pool name <{DEFAULT_POOL}> is reserved by Amazon SES and cannot be modified.",
                400,
            ),
        ),
        (
            "exists",
            "AUTO",
            ("BadRequestException", "Invalid ScalingMode <AUTO>: must be STANDARD or MANAGED.", 400),
        ),
    ],
)
def test_scaling_attributes_errors(
    sesv2_client: Any, name: str, mode: str, expected: tuple[str, str, int]
) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="exists")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_dedicated_ip_pool_scaling_attributes(PoolName=name, ScalingMode=mode)

    assert error_of(excinfo) == expected
