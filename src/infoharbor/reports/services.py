"""Press releases: the generated text, editors' drafts, publishing, and what changed since.

Every version keeps the figures as they stood when it was saved; publishing takes the figures
as they stand then and freezes them with the text. The public sees only the latest published
version in its language (none before the organisers publish one); organisers see the draft, or
the text generated from the data as it stands, in the console.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.core import audit
from infoharbor.core.audit import Actor
from infoharbor.core.figures import Figure
from infoharbor.core.formatting import choose_era
from infoharbor.core.models import Forum
from infoharbor.reports import queries, writing
from infoharbor.reports.models import PressRelease, ReportSettings


class ReleaseError(Exception):
    """A change to a press release that cannot be made; the message says why, to the editor."""


def frozen(sections: list[queries.Section]) -> list[dict[str, Any]]:
    return [
        {"key": s.key, "title": s.title, "figures": [f.as_data() for f in s.figures]}
        for s in sections
    ]


def thawed_sections(release: PressRelease) -> list[queries.Section]:
    return [
        queries.Section(s["key"], s["title"], [Figure.from_data(f) for f in s["figures"]])
        for s in release.figures
    ]


def by_key(sections: list[queries.Section]) -> dict[str, Figure]:
    return {f.key: f for s in sections for f in s.figures}


def thawed(release: PressRelease) -> dict[str, Figure]:
    return by_key(thawed_sections(release))


def draft_of(forum: Forum, language: str) -> PressRelease | None:
    return PressRelease.objects.filter(
        forum=forum, language=language, published_at__isnull=True
    ).first()


def published_of(forum: Forum, language: str) -> PressRelease | None:
    """The latest published release in `language`."""
    return (
        PressRelease.objects.filter(forum=forum, language=language, published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Release:
    """What a page shows: a headline and body with tokens, the figures they stand for, and the
    stored version they come from (None: generated from the data as it stands)."""

    headline: str
    body: str
    sections: list[queries.Section]
    stored: PressRelease | None

    @property
    def figures(self) -> dict[str, Figure]:
        return by_key(self.sections)


def generated(forum: Forum, language: str, era: str) -> Release:
    sections = queries.sections(forum, language)
    draft = writing.generate(by_key(sections), language, era)
    return Release(draft.headline, draft.body, sections, None)


def published_for(forum: Forum, reader_language: str | None) -> PressRelease | None:
    """The release a reader of `reader_language` is shown, in the report language they get
    (queries.report_language); None while none is published in it. Pages link to the release
    and the report only when there is one."""
    return published_of(forum, queries.report_language(forum, reader_language))


def report_url(forum: Forum, reader_language: str | None) -> str:
    """The address of `forum`'s report for a reader of `reader_language`; "" while none is
    published for them, since the page answers 404 until then."""
    if published_for(forum, reader_language) is None:
        return ""
    return reverse("reports:report", args=[forum.slug])


def public_release(forum: Forum, language: str) -> Release | None:
    """The latest published release in `language`, with its frozen figures; None while the
    organisers have published none in it."""
    published = published_of(forum, language)
    if published is None:
        return None
    return Release(published.headline, published.body, thawed_sections(published), published)


def editing(forum: Forum, language: str, era: str) -> Release:
    """What the editor starts from: their draft (with today's figures), else the generated text."""
    draft = draft_of(forum, language)
    if draft is None:
        return generated(forum, language, era)
    return Release(draft.headline, draft.body, queries.sections(forum, language), draft)


def _clean(headline: str, body: str) -> tuple[str, str]:
    headline, body = headline.strip(), body.strip().replace("\r\n", "\n")
    if not headline:
        raise ReleaseError(_("The headline is empty: write one."))
    if not body:
        raise ReleaseError(
            _("The text is empty: write the release, or start again from the generated text.")
        )
    return headline, body


@transaction.atomic
def save_draft(actor: Actor, forum: Forum, language: str, headline: str, body: str) -> PressRelease:
    """Keep the editor's text as the draft in `language`, with the figures as they stand."""
    headline, body = _clean(headline, body)
    if language not in forum.content_languages():
        raise ReleaseError(_("The forum does not publish in this language."))
    draft = (
        PressRelease.objects.select_for_update()
        .filter(forum=forum, language=language, published_at__isnull=True)
        .first()
    )
    before = audit.snapshot(draft) if draft else {}
    if draft is None:
        draft = PressRelease(forum=forum, language=language)
    draft.headline, draft.body = headline, body
    draft.figures = frozen(queries.sections(forum, language))
    draft.edited_by = actor if isinstance(actor, User) else None
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError as exc:  # another editor's first draft won the race
        raise ReleaseError(
            _("Someone else saved a draft at the same moment: reload and try again.")
        ) from exc
    audit.record(
        actor,
        "press_release.created" if not before else "press_release.changed",
        draft,
        forum=forum,
        before=before,
        after=audit.snapshot(draft),
    )
    return draft


@transaction.atomic
def publish(actor: Actor, forum: Forum, language: str, headline: str, body: str) -> PressRelease:
    """Publish the text in `language` with the figures as they stand now, frozen from then on."""
    draft = save_draft(actor, forum, language, headline, body)
    before = audit.snapshot(draft)
    draft.published_at = timezone.now()
    draft.published_by = draft.edited_by
    draft.save(update_fields=["published_at", "published_by"])
    audit.record(
        actor,
        "press_release.published",
        draft,
        forum=forum,
        before=before,
        after=audit.snapshot(draft),
    )
    return draft


@transaction.atomic
def publish_generated(
    forum: Forum, language: str, *, actor: Actor = None, era: str | None = None
) -> PressRelease:
    """Publish the text generated from the data as it stands, in `language`, in one step (the
    forum loader's `published = true`). When the latest published release already states this
    text with these figures it stands, so loading the same data again publishes nothing new.
    An editor's open draft in `language` is never overwritten: it is refused."""
    if draft_of(forum, language) is not None:
        raise ReleaseError(
            _("An editor's draft is open in this language: publish or discard it first.")
        )
    release = generated(forum, language, choose_era(era, forum.buddhist_era))
    latest = published_of(forum, language)
    figures = json.loads(json.dumps(frozen(release.sections)))  # as the JSON field gives it back
    if latest is not None and (latest.headline, latest.body, latest.figures) == (
        release.headline,
        release.body,
        figures,
    ):
        return latest
    return publish(actor, forum, language, release.headline, release.body)


@transaction.atomic
def discard_draft(actor: Actor, forum: Forum, language: str) -> None:
    """Drop the draft: the editor starts again from the generated text."""
    draft = draft_of(forum, language)
    if draft is None:
        return
    before = audit.snapshot(draft)
    audit.record(actor, "press_release.discarded", draft, forum=forum, before=before, after={})
    draft.delete()


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    was: str  # as the published release states it ("" when it had no such figure)
    now: str  # as the data gives it now ("" when the figure is gone)


def changes_since(
    published: dict[str, Figure], current: dict[str, Figure], language: str, era: str
) -> list[Change]:
    """Figures whose value differs between a published release and the data as it stands."""
    w = writing.writer(language, era)
    found = []
    for key in dict.fromkeys([*published, *current]):
        old, new = published.get(key), current.get(key)
        was = w.value(old) if old else ""
        now = w.value(new) if new else ""
        exact_old = old.as_data()["value"] if old else None
        exact_new = new.as_data()["value"] if new else None
        if exact_old != exact_new:
            found.append(Change(key, (new or old).label, was, now))  # type: ignore[union-attr]
    return found


@transaction.atomic
def save_settings(actor: Actor, settings: ReportSettings) -> ReportSettings:
    """Keep a forum's report settings (currency, stall period, series, reported attendance)."""
    before = audit.snapshot(ReportSettings.objects.get(pk=settings.pk)) if settings.pk else {}
    settings.full_clean()
    settings.save()
    audit.record(
        actor,
        "report_settings.changed" if before else "report_settings.created",
        settings,
        forum=settings.forum,
        before=before,
        after=audit.snapshot(settings),
    )
    return settings
