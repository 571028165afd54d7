"""core's sections of a forum folder: places, platforms, organizations and people.

Read by `core.forum_loader` (see its docstring for the folder's layout). A second load finds its
rows again by a natural key (a city's, venue's or room's English name, a platform's code, an
organization's short name, a person's Latin name) and brings them up to date.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from infoharbor.core.forum_loader import Loader, forum_section
from infoharbor.core.models import City, Forum, Organization, Person, Platform, Room, Venue
from infoharbor.core.services import set_travel_time
from infoharbor.core.translated import TranslatedText


def _english(loader: Loader, name: TranslatedText, path: list[str | int]) -> str:
    """The English name, which finds the row again on the next load."""
    english = name.data.get("en", "")
    if not english:
        raise loader.fail([*path, "name", "en"], _("Give the name in English too."))
    return english


@forum_section("places")
def load_places(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    cities = []
    for path, spec in loader.items(data, "city"):
        with loader.entry(*path):
            slug = loader.value(spec, "slug", path, str)
            name = loader.text(spec, "name", path)
            city = City.objects.filter(name__en=_english(loader, name, path)).first() or City()
            city.name = name
            city.country = loader.value(spec, "country", path, str)
            city.latitude = loader.value(spec, "latitude", path, float, default=0.0) or None
            city.longitude = loader.value(spec, "longitude", path, float, default=0.0) or None
            city.full_clean()
            city.save()
            loader.add("city", slug, city)
            cities.append(city)
    forum.cities.set(cities)
    for path, spec in loader.items(data, "travel"):
        with loader.entry(*path):
            a = loader.get("city", spec.get("from"), [*path, "from"])
            b = loader.get("city", spec.get("to"), [*path, "to"])
            set_travel_time(a, b, loader.value(spec, "minutes", path, int))
    rooms = 0
    venues = loader.items(data, "venue")
    for path, spec in venues:
        with loader.entry(*path):
            name = loader.text(spec, "name", path)
            city = loader.get("city", spec.get("city"), [*path, "city"])
            english = _english(loader, name, path)
            venue = Venue.objects.filter(forum=forum, name__en=english).first() or Venue(
                forum=forum
            )
            venue.name, venue.city = name, city
            venue.address = loader.value(spec, "address", path, str, default="")
            venue.synthetic = loader.value(spec, "synthetic", path, bool, default=False)
            venue.full_clean()
            venue.save()
            loader.add("venue", loader.value(spec, "slug", path, str), venue)
            for room_path, room_spec in loader.items(spec, "room", path):
                with loader.entry(*room_path):
                    room_slug = loader.value(room_spec, "slug", room_path, str)
                    if ("room", room_slug) in loader.all("room"):
                        raise loader.fail([*room_path, "slug"], _("This slug is used twice."))
                    room_name = loader.text(room_spec, "name", room_path)
                    room = Room.objects.filter(
                        venue=venue, name__en=_english(loader, room_name, room_path)
                    ).first() or Room(venue=venue)
                    room.name = room_name
                    room.capacity = loader.value(room_spec, "capacity", room_path, int, default=0)
                    room.capacity = room.capacity or None
                    room.synthetic = loader.value(
                        room_spec, "synthetic", room_path, bool, default=False
                    )
                    room.full_clean()
                    room.save()
                    loader.add("room", room_slug, room)
                    rooms += 1
    return f"{len(cities)} cities, {len(venues)} venues, {rooms} rooms"


@forum_section("platforms")
def load_platforms(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    platforms = loader.items(data, "platform")
    for path, spec in platforms:
        with loader.entry(*path):
            code = loader.value(spec, "code", path, str)
            platform = Platform.objects.filter(forum=forum, code=code).first() or Platform(
                forum=forum, code=code
            )
            platform.name = loader.text(spec, "name", path)
            platform.description = loader.text(spec, "description", path, required=False)
            platform.order = path[-1]
            platform.full_clean()
            platform.save()
            loader.add("platform", code, platform)
    return f"{len(platforms)} platforms"


@forum_section("organizations")
def load_organizations(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    organizations = loader.items(data, "organization")
    for path, spec in organizations:
        with loader.entry(*path):
            short_name = loader.value(spec, "short_name", path, str)
            org = Organization.objects.filter(forum=forum, short_name=short_name).first()
            org = org or Organization(forum=forum, short_name=short_name)
            org.name = loader.text(spec, "name", path)
            org.kind = loader.choice(spec, "kind", path, list(Organization.Kind.values))
            org.country = loader.value(spec, "country", path, str)
            org.website = loader.value(spec, "website", path, str, default="")
            org.synthetic = loader.value(spec, "synthetic", path, bool, default=False)
            org.full_clean()
            org.save()
            loader.add("organization", loader.value(spec, "slug", path, str), org)
    return f"{len(organizations)} organizations"


@forum_section("people", after=("organizations",))
def load_people(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    people = loader.items(data, "person")
    for path, spec in people:
        with loader.entry(*path):
            latin = loader.value(spec, "name_latin", path, str)
            person = Person.objects.filter(forum=forum, name_latin=latin).first()
            person = person or Person(forum=forum, name_latin=latin)
            person.name = loader.value(spec, "name", path, str)
            person.honorific = loader.text(spec, "honorific", path, required=False)
            person.position = loader.text(spec, "position", path, required=False)
            org = spec.get("organization")
            person.organization = (
                loader.get("organization", org, [*path, "organization"]) if org else None
            )
            person.country = loader.value(spec, "country", path, str, default="")
            person.synthetic = loader.value(spec, "synthetic", path, bool, default=False)
            person.full_clean(exclude=["public_id"])
            person.save()
            loader.add("person", loader.value(spec, "slug", path, str), person)
    return f"{len(people)} people"
