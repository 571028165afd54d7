"""The organiser console's registry: the pages each app offers organisers, and what needs attention.

core cannot import the apps built on it, so each app declares its console entries in its own leaf
`console.py`, discovered on first use. An entry names its page (a URL name taking the forum's
slug), the permission that shows it, and the menu section it sits in; an attention check counts
what an organiser should act on (pending approvals, failed emails …) and links to where to do it.
The console page (web) shows a user only the entries and checks their roles allow.

    from infoharbor.core.console import attention, console_entry

    console_entry("desk", _("Registration desk"), "registration:desk",
                  "registration.view_participants", section=Section.REGISTRATION, order=10)

    @attention("pending", "registration.review_participants", url_name="registration:desk")
    def pending(forum: Forum) -> tuple[str, int]: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import Forum


class Section(models.TextChoices):
    """The console menu's sections, in the order they are shown."""

    PROGRAM = "program", _("Program")
    REGISTRATION = "registration", _("Registration")
    DOOR = "door", _("Badges and the door")
    PROJECTS = "projects", _("Signed projects")
    PROTOCOL = "protocol", _("Protocol")
    OUTCOMES = "outcomes", _("Outcomes")
    FORUM = "forum", _("Forum and team")


@dataclass(frozen=True)
class ConsoleEntry:
    key: str
    label: str | Promise
    url_name: str
    permission: str
    section: str
    order: int


@dataclass(frozen=True)
class AttentionCheck:
    key: str
    permission: str
    url_name: str
    count: Callable[[Forum], tuple[str | Promise, int]]  # (what, how many) at this forum


@dataclass(frozen=True)
class MenuLink:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class MenuSection:
    label: str
    links: list[MenuLink]


@dataclass(frozen=True)
class AttentionItem:
    key: str
    label: str
    count: int
    url: str


_entries: dict[str, ConsoleEntry] = {}
_checks: dict[str, AttentionCheck] = {}


def console_entry(
    key: str,
    label: str | Promise,
    url_name: str,
    permission: str,
    *,
    section: str,
    order: int,
) -> None:
    """Offer the page `url_name` (reversed with the forum's slug) to users with `permission`."""
    _entries[key] = ConsoleEntry(key, label, url_name, permission, section, order)


def attention(
    key: str, permission: str, *, url_name: str
) -> Callable[[Callable[[Forum], tuple[str | Promise, int]]], Callable[..., Any]]:
    """Declare a check whose count, when above zero, the console shows with a link."""

    def register(
        func: Callable[[Forum], tuple[str | Promise, int]],
    ) -> Callable[[Forum], tuple[str | Promise, int]]:
        _checks[key] = AttentionCheck(key, permission, url_name, func)
        return func

    return register


def _discover() -> None:
    autodiscover_modules("console")


def menu(user: Any, forum: Forum) -> list[MenuSection]:
    """The console menu for `user` at `forum`: sections in order, with the pages they may use."""
    _discover()
    allowed = sorted(
        (e for e in _entries.values() if user.has_perm(e.permission, forum)),
        key=lambda e: (list(Section.values).index(e.section), e.order, e.key),
    )
    sections: list[MenuSection] = []
    for entry in allowed:
        link = MenuLink(entry.key, str(entry.label), reverse(entry.url_name, args=[forum.slug]))
        if not sections or sections[-1].label != str(Section(entry.section).label):
            sections.append(MenuSection(str(Section(entry.section).label), []))
        sections[-1].links.append(link)
    return sections


def needs_attention(user: Any, forum: Forum) -> list[AttentionItem]:
    """What `user` should act on at `forum`: every allowed check whose count is above zero."""
    _discover()
    items = []
    for check in sorted(_checks.values(), key=lambda c: c.key):
        if not user.has_perm(check.permission, forum):
            continue
        label, count = check.count(forum)
        if count:
            url = reverse(check.url_name, args=[forum.slug])
            items.append(AttentionItem(check.key, str(label), count, url))
    return items


console_entry(
    "settings",
    _("Forum settings"),
    "core:settings",
    "core.change_forum",
    section=Section.FORUM,
    order=5,
)
console_entry("team", _("Team"), "core:team", "core.manage_roles", section=Section.FORUM, order=10)
console_entry(
    "audit", _("Audit log"), "core:audit", "core.view_audit", section=Section.FORUM, order=20
)
