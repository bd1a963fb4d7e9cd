"""What a person's browser sends with the feedback form: a token served a minute before they send it."""

import os
from datetime import UTC, datetime, timedelta

from chalicelib.domain.form_token import issue_form_token


def filled_in_form_token() -> str:
    served_at = datetime.now(UTC) - timedelta(minutes=1)
    return issue_form_token(os.environ["FORM_TOKEN_SECRET"].encode(), served_at)
