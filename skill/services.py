"""The typed dependency container: every repository and Alexa service client, built once per process.

The composition root (``skill.builder.build_runtime``, called by ``create_app`` and the Lambda entry)
builds one ``Services``; every handler and interceptor receives it and none constructs its own.
A new repository or service client is one field here and one line in ``build_services``.
"""

from __future__ import annotations

from dataclasses import dataclass

from content.loader import load_catalogue
from content.schema import Catalogue
from skill.alexa.device_settings import DeviceSettings
from skill.alexa.reminders import Reminders
from skill.core.settings import Settings
from skill.store.answers import Answers
from skill.store.couples import CoupleStore
from skill.store.gratitude import GratitudeLog
from skill.store.partners import Partners
from skill.store.reminders import ReminderStore
from skill.store.replies import Replies


@dataclass(frozen=True)
class Services:
    settings: Settings
    content: Catalogue
    couples: CoupleStore  # the profile, the couple's history and deletion
    gratitudes: GratitudeLog
    partners: Partners  # join codes and linking
    reminders: ReminderStore  # which Alexa reminder is the couple's
    answers: Answers  # tonight's question
    replies: Replies  # the words a redelivered request gets again
    device_settings: DeviceSettings  # Alexa Settings API: the device's time zone
    reminders_api: Reminders  # Alexa Reminders API


def build_services(
    settings: Settings, catalogue: Catalogue | None = None, store: CoupleStore | None = None
) -> Services:
    """The one place repositories and clients are made. No DynamoDB client yet (``LazyClient``)."""
    couples = store or CoupleStore(settings)
    allow_http = not settings.verify_requests  # local stand-ins of Alexa's APIs speak plain HTTP
    return Services(
        settings=settings,
        content=catalogue or load_catalogue(),
        couples=couples,
        gratitudes=GratitudeLog(couples, settings.gratitude_retention_days),
        partners=Partners(couples),
        reminders=ReminderStore(couples),
        answers=Answers(couples),
        replies=Replies(couples),
        device_settings=DeviceSettings(timeout=settings.time_zone_timeout_seconds, allow_http=allow_http),
        reminders_api=Reminders(timeout=settings.reminders_timeout_seconds, allow_http=allow_http),
    )
