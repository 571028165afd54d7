"""Public program page: requests per second with 500 sessions titled in 10 languages, as a
schedule release made them public.

Baseline: a static file (the site's stylesheet) served by the same gunicorn in the same run,
both asked for as a browser asks (accepting gzip), in turns (harness.interleaved_rates). A
second line: the page when its kept
rendering is gone (an edit just replaced the forum's content version), in milliseconds, with
the 40 ms goal; its baseline is the kept page asked for the same way in the same run (one
request at a time on one connection), so the ratio says what a miss costs over a hit.
"""

from __future__ import annotations

import datetime as dt
import random

from harness import (
    BROWSER_HEADERS,
    interleaved_rates,
    median_ms,
    requests_per_second,
    served,
    setup_django,
)

LANGUAGES = ["zh-hans", "en", "th", "vi", "id", "ms", "km", "lo", "my", "fil"]
WORDS = {
    "zh-hans": "数字经济合作论坛",
    "en": "Digital economy cooperation forum",
    "th": "เวทีความร่วมมือเศรษฐกิจดิจิทัล",
    "vi": "Diễn đàn hợp tác kinh tế số",
    "id": "Forum kerja sama ekonomi digital",
    "ms": "Forum kerjasama ekonomi digital",
    "km": "វេទិកាសហប្រតិបត្តិការសេដ្ឋកិច្ចឌីជីថល",
    "lo": "ເວທີການຮ່ວມມືເສດຖະກິດດິຈິຕອນ",
    "my": "ဒစ်ဂျစ်တယ်စီးပွားရေးပူးပေါင်းဆောင်ရွက်မှုဖိုရမ်",
    "fil": "Porum ng kooperasyon sa digital na ekonomiya",
}
SESSIONS = 500
MISS_GOAL_MS = 40.0
PATH = "/th/forums/bench/program/"


def build() -> str:
    from infoharbor.core.models import City, Forum, Person, Platform, Room, Venue
    from infoharbor.core.translated import TranslatedText
    from infoharbor.program import releases
    from infoharbor.program.models import Session, SessionSpeaker

    rng = random.Random(2018)
    forum = Forum.objects.create(
        slug="bench",
        name=TranslatedText({code: f"{WORDS[code]} 2018" for code in LANGUAGES}),
        start_date=dt.date(2018, 9, 11),
        end_date=dt.date(2018, 9, 18),
        languages=LANGUAGES,
        default_language="zh-hans",
        is_published=True,
    )
    cities = [
        City.objects.create(name=TranslatedText({"en": f"City {i}"}), country="CN")
        for i in range(3)
    ]
    forum.cities.set(cities)
    rooms = []
    for city in cities:
        venue = Venue.objects.create(forum=forum, city=city, name=TranslatedText({"en": "Venue"}))
        rooms += [
            Room.objects.create(venue=venue, name=TranslatedText({"en": f"Room {i}"}))
            for i in range(6)
        ]
    platforms = [
        Platform.objects.create(forum=forum, code=f"p{i}", name=TranslatedText({"en": f"P{i}"}))
        for i in range(5)
    ]
    people = Person.objects.bulk_create(
        Person(forum=forum, name=f"讲者{i}", name_latin=f"Speaker {i}") for i in range(200)
    )
    sessions = []
    for i in range(SESSIONS):
        room = rooms[i % len(rooms)]
        start = dt.datetime(2018, 9, 11 + i % 8, 8 + (i // 18) % 12, tzinfo=dt.UTC)
        sessions.append(
            Session(
                forum=forum,
                slug=f"session-{i:04d}",
                kind=rng.choice(["sub_forum", "dialogue", "promotion", "negotiation"]),
                title=TranslatedText({code: f"{WORDS[code]} {i}" for code in LANGUAGES}),
                start=start,
                end=start + dt.timedelta(minutes=50),
                city=room.venue.city,
                room=room,
            )
        )
    Session.objects.bulk_create(sessions)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=s, person=rng.choice(people)) for s in sessions
    )
    for s in sessions:
        s.platforms.add(rng.choice(platforms))
    # The public side shows the released schedule, as a forum's readers see it once it is out.
    releases.release_schedule(None, forum, "1")
    return PATH


def edit() -> None:
    """What any edit does to the forum: a new content version, so the next request renders."""
    from django.db.models import Q

    from infoharbor.core.content_version import bump

    bump(Q(slug="bench"))


def main() -> None:
    setup_django("infoharbor_bench_program")
    path = build()
    with served() as port:
        requests_per_second(port, path, seconds=1)  # warm up both workers
        rates = interleaved_rates(
            port,
            {
                "program": (path, BROWSER_HEADERS),
                "uncompressed": (path, None),
                "static": ("/static/web/site.css", BROWSER_HEADERS),
            },
        )
        program, uncompressed, static = rates["program"], rates["uncompressed"], rates["static"]
        miss = median_ms(port, path, before=edit)
        kept = median_ms(port, path)
    print(
        f"bench_program_page: program page ({SESSIONS} sessions, 10 languages) "
        f"{program:.1f} req/s ({uncompressed:.1f} req/s to clients that take no gzip); "
        f"baseline static file {static:.1f} req/s; ratio {program / static:.3f}"
    )
    verdict = "within" if miss <= MISS_GOAL_MS else "OVER"
    print(
        f"bench_program_page: program page after an edit (nothing kept) {miss:.1f} ms "
        f"({verdict} the {MISS_GOAL_MS:.0f} ms goal); baseline the kept page {kept:.1f} ms; "
        f"ratio {miss / kept:.1f}"
    )


if __name__ == "__main__":
    main()
