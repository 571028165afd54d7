from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "infoharbor.core"
    label = "core"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from infoharbor.core import languages  # registers language info Django lacks

        languages.register_language_info()

        # Receivers and search registrations need the models, loaded only now.
        from django.db.models.signals import post_delete

        from infoharbor.core import (
            collation,
            content_version,
            invitations,  # noqa: F401  (declares its task on import)
            photos,
            ratelimit,
            search,
        )
        from infoharbor.core.models import Organization, Person

        collation.connect()
        content_version.watch_core()
        ratelimit.connect()
        post_delete.connect(photos.discard_deleted_person_photo, sender=Person)
        search.register(
            search.Searchable(
                model=Organization,
                fields=("name", "short_name"),
                title=lambda org: org.name,
                public=search.published_organizations,
            )
        )
