"""The typed dependency container: every repository and Alexa service client, built once per process.

The composition root (``skill.builder.build_runtime``, called by ``create_app`` and the Lambda entry)
builds one ``Services``; every handler and interceptor receives it and none constructs its own.
A new repository or service client is one field here and one line in ``build_services``.
"""

from __future__ import annotations

from dataclasses import dataclass

from content.languages import load_languages
from content.schema import Catalogue, Languages
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
    languages: Languages  # each locale's words (content/languages.toml); a request's locale picks them
    couples: CoupleStore  # the profile, the couple's history and deletion
    gratitudes: GratitudeLog
    partners: Partners  # join codes and linking
    reminders: ReminderStore  # which Alexa reminder is the couple's
    answers: Answers  # tonight's question
    replies: Replies  # the words a redelivered request gets again
    device_settings: DeviceSettings  # Alexa Settings API: the device's time zone
    reminders_api: Reminders  # Alexa Reminders API

    @property
    def content(self) -> Catalogue:
        """English (en-US): the reference every language mirrors, for what no request's locale picks."""
        return self.languages.default


def build_services(
    settings: Settings, catalogue: Catalogue | Languages | None = None, store: CoupleStore | None = None
) -> Services:
    """The one place repositories and clients are made. No DynamoDB client yet (``LazyClient``).
    A single ``catalogue`` is spoken to every locale (tests with their own content)."""
    couples = store or CoupleStore(settings)
    allow_http = not settings.verify_requests  # local stand-ins of Alexa's APIs speak plain HTTP
    return Services(
        settings=settings,
        languages=Languages.only(catalogue) if isinstance(catalogue, Catalogue) else catalogue or load_languages(),
        couples=couples,
        gratitudes=GratitudeLog(couples, settings.gratitude_retention_days),
        partners=Partners(couples),
        reminders=ReminderStore(couples),
        answers=Answers(couples),
        replies=Replies(couples),
        device_settings=DeviceSettings(timeout=settings.time_zone_timeout_seconds, allow_http=allow_http),
        reminders_api=Reminders(timeout=settings.reminders_timeout_seconds, allow_http=allow_http),
    )
