"""Recordings staff post of an event's sessions, for anyone who could not attend."""

from datetime import datetime

from pydantic import ConfigDict

from chalicelib.domain.events import HttpsLink
from chalicelib.domain.model import Model
from chalicelib.domain.text import Title


class RecordingForm(Model):
    """The body of posting a recording: its title and where to watch it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: Title
    url: HttpsLink


class Recording(Model):
    id: str
    event_id: str
    session_id: str
    title: str
    url: str
    posted_at: datetime


class RecordingList(Model):
    items: list[Recording]
