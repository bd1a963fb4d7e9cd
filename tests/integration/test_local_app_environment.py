"""The local stack gives the app (`chalice local` and the pump's in-process app) every setting it reads in
AWS: the sender address, and a form-token secret that stays the same across restarts."""

import stat

from infra.local.config import LocalConfig
from infra.local.form_token_secret import FORM_TOKEN_SECRET_FILE, form_token_secret
from infra.local.resources import LocalResources, Table
from infra.local.stack import LocalStack

RESOURCES = LocalResources(
    region="eu-west-3",
    tables={"ReviewTable": Table("ReviewTable", "public-review", "arn:table", "arn:stream")},
    queues={},
    user_pool_id="eu-west-3_pool",
    user_pool_name="public-review-users",
    user_pool_client_id="client",
    groups=("admin", "staff"),
    email_identities=("example.org", "no-reply@example.org"),
)


def local_stack(tmp_path) -> LocalStack:
    return LocalStack(LocalConfig(port=8000, moto_port=5001, data_dir=tmp_path / "data", region="eu-west-3"))


def test_the_form_token_secret_is_generated_once_and_kept_private_in_the_data_dir(tmp_path):
    # WHEN the secret is asked for twice, as two runs of `make run` do
    first = form_token_secret(tmp_path)
    again = form_token_secret(tmp_path)

    # THEN it is the same long random key, in a file only its owner can read
    path = tmp_path / FORM_TOKEN_SECRET_FILE
    assert first == again
    assert len(first) >= 32
    assert path.read_text(encoding="utf-8").strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_each_data_dir_has_its_own_form_token_secret(tmp_path):
    assert form_token_secret(tmp_path / "one") != form_token_secret(tmp_path / "two")


def test_the_app_gets_the_sender_address_and_the_kept_form_token_secret(tmp_path):
    # GIVEN a local stack whose data dir already holds a secret from an earlier run
    stack = local_stack(tmp_path)
    earlier = form_token_secret(stack.config.data_dir)

    # WHEN the app's environment is built
    environment = stack.app_environment(RESOURCES)

    # THEN it sends from the verified address (not the domain) and signs forms with the earlier secret
    assert environment["SENDER_EMAIL"] == "no-reply@example.org"
    assert environment["FORM_TOKEN_SECRET"] == earlier
    assert environment["TABLE_NAME"] == "public-review"


def test_without_an_email_address_identity_the_app_keeps_its_own_default_sender():
    assert (
        "SENDER_EMAIL"
        not in LocalResources(**{**RESOURCES.__dict__, "email_identities": ()}).app_environment()
    )
