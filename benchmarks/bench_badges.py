"""Batch badge printing: 2,000 mixed-script badges as one PDF, against a bare render of the same.

The figure is the organisers' batch job as it runs in the background (`batches.render_batch`):
read the participants, build each badge from the field registry (QR code with its signed token,
U+200B at ICU word boundaries, country names from CLDR), render with WeasyPrint in chunks while
counting progress, join one PDF and store it. Names cycle through Thai, Chinese, Khmer, Lao,
Burmese and Vietnamese.

The baseline, in the same run: WeasyPrint alone rendering the very same badges' HTML, produced
beforehand, in the same chunks, joined into one PDF (no database, no QR encoding, no word-break
marking, no templating, no progress writes). The ratio says what the per-badge work costs on top
of layout and PDF writing.

Both run in this one process, one thread, so their CPU seconds are printed too: on a shared
machine the wall-clock ratio moves with the others' load, the CPU one hardly.

Runs on a fresh SQLite file (the database is not what is measured).
Usage: .venv/bin/python benchmarks/bench_badges.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BADGES = 2000
NAMES = [
    ("ประยุทธ์ จันทร์โอชา", "Prayut Chan-o-cha", "TH"),
    ("王晓明", "Wang Xiaoming", "CN"),
    ("ហ៊ុន ម៉ាណែត", "Hun Manet", "KH"),
    ("ສົມພອນ ພົມວິຫານ", "Somphone Phomvihane", "LA"),
    ("အောင်ဆန်းစုကြည်", "Aung San Suu Kyi", "MM"),
    ("Nguyễn Thị Minh Khai", "Nguyen Thi Minh Khai", "VN"),
]


def set_up() -> None:
    folder = tempfile.mkdtemp(prefix="bench-badges-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["INFOHARBOR_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "infoharbor.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()


def build_data() -> int:
    """A forum with BADGES approved participants; returns the queued batch's id."""
    import datetime as dt

    from django.core.management import call_command

    from infoharbor.core.models import Forum, Organization, Person
    from infoharbor.core.translated import TranslatedText
    from infoharbor.registration.models import BadgeBatch, Category, Participant

    call_command("migrate", verbosity=0)
    forum = Forum.objects.create(
        slug="bench",
        name=TranslatedText({"en": "Bench forum"}),
        start_date=dt.date(2018, 9, 11),
        end_date=dt.date(2018, 9, 18),
        default_language="en",
    )
    category = Category.objects.create(
        forum=forum, code="delegate", name=TranslatedText({"en": "Official delegate"})
    )
    organizations = [
        Organization.objects.create(
            forum=forum,
            name=TranslatedText({"en": f"Ministry of Digital Economy {n}"}),
            kind=Organization.Kind.GOVERNMENT,
            country=country,
        )
        for n, (_name, _latin, country) in enumerate(NAMES)
    ]
    people = Person.objects.bulk_create(
        Person(
            forum=forum,
            name=NAMES[n % len(NAMES)][0],
            name_latin=NAMES[n % len(NAMES)][1],
            country=NAMES[n % len(NAMES)][2],
            organization=organizations[n % len(NAMES)],
            position=TranslatedText({"en": "Director-General"}),
        )
        for n in range(BADGES)
    )
    Participant.objects.bulk_create(
        Participant(
            forum=forum,
            person=person,
            category=category,
            status=Participant.Status.APPROVED,
            source=Participant.Source.SEED,
        )
        for person in people
    )
    # Queued directly, not through batches.start_batch, which would hand it to a worker thread:
    # here the benchmark itself is the worker, so that its run is what is timed.
    return BadgeBatch.objects.create(forum=forum, category=category, total=BADGES).pk


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line for line in out.splitlines() if line.startswith("Pages:")).split()[1])


def main() -> None:
    set_up()
    import weasyprint
    from django.conf import settings
    from weasyprint.text.fonts import FontConfiguration

    from infoharbor.registration.badges import rendering as badges
    from infoharbor.registration.badges import services as batches
    from infoharbor.registration.models import BadgeBatch

    batch_id = build_data()
    batch = BadgeBatch.objects.select_related("forum", "category").get(pk=batch_id)
    participants = list(batches.printable(batch.forum, batch.category, None))
    # Warm up both paths (fonts loaded and parsed once per process) before either is timed.
    badges.render_document(batch.forum, participants[: batches.CHUNK]).write_pdf()

    started, cpu = time.perf_counter(), time.process_time()
    batch = batches.render_batch(batch_id)
    ours, ours_cpu = time.perf_counter() - started, time.process_time() - cpu
    if batch.status != "done" or pages(Path(settings.MEDIA_ROOT) / batch.pdf.name) != BADGES:
        raise SystemExit(f"the batch did not print {BADGES} badges: {batch.status} {batch.error}")

    chunks = [
        badges.badge_html(batch.forum, participants[start : start + batches.CHUNK])
        for start in range(0, len(participants), batches.CHUNK)
    ]
    started, cpu = time.perf_counter(), time.process_time()
    documents = [
        weasyprint.HTML(string=html).render(font_config=FontConfiguration()) for html in chunks
    ]
    bare_pdf = badges.join_pdf(documents)
    bare, bare_cpu = time.perf_counter() - started, time.process_time() - cpu
    bare_path = Path(settings.MEDIA_ROOT) / "bare.pdf"
    bare_path.write_bytes(bare_pdf)
    if pages(bare_path) != BADGES:
        raise SystemExit("the baseline did not print every badge")

    print(
        f"badges: {BADGES} mixed-script badges (th, zh, km, lo, my, vi; A6) as one batch PDF: "
        f"{BADGES / ours:.1f} badges/s ({ours:.1f} s); baseline (WeasyPrint alone on the same "
        f"badges' HTML made beforehand, same chunks, one PDF: no database, QR codes, word breaks "
        f"or templating): {BADGES / bare:.1f} badges/s ({bare:.1f} s); "
        f"ratio {bare / ours:.2f} of baseline throughput; in CPU seconds, which other "
        f"processes on a shared machine do not change: {ours_cpu:.1f} s against "
        f"{bare_cpu:.1f} s, ratio {bare_cpu / ours_cpu:.2f}"
    )


if __name__ == "__main__":
    main()
