"""What the registry makes searchable: every signed project, with its parties' names; and the
parties themselves become public organizations."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from infoharbor.core import search
from infoharbor.projects.models import Project, ProjectParty


def party_to_a_project() -> Q:
    parties = ProjectParty.objects.filter(
        organization=OuterRef("pk"), project__forum__is_published=True
    )
    return Q(Exists(parties))


def register_types() -> None:
    search.publish_organizations("projects", party_to_a_project)
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
