import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from infoharbor.core.forum_loader import SEED_FORUM_SLUG
from infoharbor.core.models import Forum, ForumRole
from infoharbor.core.services import grant_role


class Command(BaseCommand):
    help = "Create (or reset) the demo organiser, owner of the seed forum, and print its login."

    def handle(self, *args: Any, **options: Any) -> None:
        forum = Forum.objects.get(slug=SEED_FORUM_SLUG)
        user, _created = get_user_model().objects.get_or_create(
            username="organiser", defaults={"email": "organiser@infoharbor.example"}
        )
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        grant_role(None, forum, user, ForumRole.Role.OWNER)
        self.stdout.write(
            self.style.SUCCESS(
                "Organiser login (owner of the seed forum): "
                f"username 'organiser', password '{password}' — sign in at "
                f"http://127.0.0.1:8000/en/admin/login/?next=/en/forums/{forum.slug}/orga/"
            )
        )
