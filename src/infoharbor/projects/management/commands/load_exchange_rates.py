"""Store the HMRC monthly exchange rates shipped in hmrc-rates for a range of months."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from infoharbor.projects import services


class Command(BaseCommand):
    help = "Load HMRC monthly rates (CNY, USD and the ASEAN currencies, against GBP) offline."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="first", default="2014-02", help="first month, YYYY-MM")
        parser.add_argument(
            "--to", dest="last", default=f"{dt.date.today():%Y-%m}", help="last month, YYYY-MM"
        )

    def handle(self, *args: Any, first: str, last: str, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(f"{first}-01")
            end = dt.date.fromisoformat(f"{last}-01")
        except ValueError as exc:
            raise CommandError("Give months as YYYY-MM.") from exc
        created = services.load_hmrc_rates(None, services.hmrc_months(start, end))
        self.stdout.write(f"{created} new rates stored.")
