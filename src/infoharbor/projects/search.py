"""What the registry makes searchable: every signed project, with its parties' names."""

from __future__ import annotations

from django.urls import reverse

from infoharbor.core import search
from infoharbor.projects.models import Project


def register_types() -> None:
    search.register(
        search.Searchable(
            model=Project,
            # search_text already holds the reference, every title and description language and
            # the parties' names, gathered by the service when the project is saved.
            fields=("title", "search_text"),
            title=lambda project: project.title,
            url=lambda project: reverse(
                "projects:project", args=[project.forum.slug, project.public_id]
            ),
            key=lambda project: project.public_id,
            public=lambda: Project.objects.filter(forum__is_published=True).select_related("forum"),
        )
    )
