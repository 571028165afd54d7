"""What the audit log keeps of the registry's models (see core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit
from infoharbor.projects.models import ExchangeRate, IatiPublisher, Project, Sector

audit.register(
    Project,
    fields=[
        "forum",
        "public_id",
        "reference",
        "title",
        "description",
        "kind",
        "platforms",
        "sector",
        "city",
        "country",
        "signing_session",
        "signed_on",
        "signing_city",
        "amount",
        "currency",
        "amount_kind",
        "synthetic",
        "provenance",
    ],
    # A status change and an attached document are rows of their own, recorded on the project.
    extra={"status": _("status"), "date": _("date"), "document": _("document")},
)
audit.register(Sector, fields=["forum", "vocabulary", "code", "name"])
audit.register(ExchangeRate, fields=["forum", "base", "currency", "date", "rate", "source"])
audit.register(IatiPublisher, fields=["forum", "identifier", "name", "organisation_type"])
