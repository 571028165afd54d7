"""The protocol office's data: ranks and precedence, signing run sheets, seating plans and
interpretation booths, for one forum."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Person, Room, country_code
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedField
from infoharbor.program.models import Session
from infoharbor.projects.models import Project
from infoharbor.protocol import precedence, stage


class ProtocolSettings(models.Model):
    """A forum's protocol choices: tie rules, the guests' side, the interpreters' day."""

    class TieBreak(models.TextChoices):
        ALPHABET_EN = precedence.ALPHABET_EN, _("country names in English alphabetical order")
        ALPHABET_FR = precedence.ALPHABET_FR, _("country names in French alphabetical order")
        ARRIVAL = precedence.ARRIVAL, _("date of arrival")

    class GuestSide(models.TextChoices):
        RIGHT = stage.RIGHT, _("at the host's right")
        LEFT = stage.LEFT, _("at the host's left")

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="protocol")
    host_country = models.CharField(
        _("host country"), max_length=2, blank=True, validators=[country_code]
    )
    host_last = models.BooleanField(_("host country last among equals"), default=True)
    tie_break = models.CharField(
        _("then, among equals"), max_length=20, choices=TieBreak.choices, default="alphabet_en"
    )
    guest_side = models.CharField(
        _("guests sit"), max_length=10, choices=GuestSide.choices, default=stage.RIGHT
    )
    interpreter_minutes_per_day = models.PositiveIntegerField(
        _("interpreting minutes per interpreter and day"),
        default=360,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("protocol settings")
        verbose_name_plural = _("protocol settings")

    def __str__(self) -> str:
        return str(self.forum)


class Rank(models.Model):
    """One rank of the forum's precedence list; a lower `order` goes first."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="ranks")
    code = models.SlugField(_("code"), max_length=50)
    name = TranslatedField(_("name"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rank")
        verbose_name_plural = _("ranks")
        ordering = ["forum_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "code"], name="rank_code_per_forum")
        ]

    def __str__(self) -> str:
        return str(self.name)


class Dignitary(models.Model):
    """A person with a rank in the forum's order of precedence."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="dignitaries")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="dignitary")
    rank = models.ForeignKey(Rank, verbose_name=_("rank"), on_delete=models.PROTECT)
    arrived_at = models.DateTimeField(_("arrival"), null=True, blank=True)

    class Meta:
        verbose_name = _("dignitary")
        verbose_name_plural = _("dignitaries")
        ordering = ["rank__order", "id"]

    def __str__(self) -> str:
        return f"{self.person} · {self.rank}"


class PrecedenceOverride(models.Model):
    """The protocol officer's decision to place one person right before another, and why."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="precedence_overrides")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    before = models.ForeignKey(
        Person, verbose_name=_("placed before"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("precedence override")
        verbose_name_plural = _("precedence overrides")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.person} → {self.before}: {self.reason}"


class RunSheet(models.Model):
    """A signing ceremony's run sheet: its signings in order, between an opening and a close."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="run_sheet")
    opening_minutes = models.PositiveSmallIntegerField(
        _("opening (minutes)"),
        default=10,
        help_text=_("Welcome and speeches before the first signing."),
    )
    closing_minutes = models.PositiveSmallIntegerField(
        _("closing (minutes)"),
        default=5,
        help_text=_("Group photo and close after the last signing."),
    )

    class Meta:
        verbose_name = _("run sheet")
        verbose_name_plural = _("run sheets")

    def __str__(self) -> str:
        return str(self.session)


class Signing(models.Model):
    """One project signed at a ceremony; a project is signed at one ceremony only."""

    run_sheet = models.ForeignKey(RunSheet, on_delete=models.CASCADE, related_name="signings")
    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="signing"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    minutes = models.PositiveSmallIntegerField(
        _("signing (minutes)"), default=2, validators=[MinValueValidator(1)]
    )
    exchange_minutes = models.PositiveSmallIntegerField(
        _("exchange of documents (minutes)"), default=1
    )
    announcement = TranslatedField(
        _("announcement"),
        blank=True,
        textarea=True,
        help_text=_("What the master of ceremonies says; empty gives the standard announcement."),
    )

    class Meta:
        verbose_name = _("signing")
        verbose_name_plural = _("signings")
        ordering = ["run_sheet_id", "order", "id"]

    def __str__(self) -> str:
        return str(self.project)


class Signatory(models.Model):
    """Someone who signs for a party, or witnesses the signing."""

    class Role(models.TextChoices):
        SIGNATORY = "signatory", _("signatory")
        WITNESS = "witness", _("witness")

    class Side(models.TextChoices):
        HOST = "host", _("host side")
        GUEST = "guest", _("guest side")

    signing = models.ForeignKey(Signing, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SIGNATORY)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, default=Side.HOST)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["signing_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["signing", "person"], name="one_part_per_signing")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class RoomLayout(models.Model):
    """How a room is furnished for seated events: its size and its tables. Every seating plan
    in the room starts from these tables."""

    room = models.OneToOneField(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="protocol_layout"
    )
    width = models.FloatField(_("room width (m)"), default=30, validators=[MinValueValidator(1)])
    depth = models.FloatField(_("room depth (m)"), default=20, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("room layout")
        verbose_name_plural = _("room layouts")
        ordering = ["room_id"]

    def __str__(self) -> str:
        return str(self.room)

    @property
    def seat_count(self) -> int:
        return sum(table.seats for table in self.tables.all())


class SeatingPlan(models.Model):
    """Who sits where in a room or at a banquet: the room's tables, with the plan's own tables
    added or put in place of the room's (same label)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="seating_plans")
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seating_plans",
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seating_plans",
        help_text=_("The plan starts from this room's layout."),
    )
    name = TranslatedField(_("name"))
    guests = models.ManyToManyField(Person, verbose_name=_("guests"), blank=True, related_name="+")
    width = models.FloatField(
        _("room width (m)"), default=30, help_text=_("Used when the room has no layout.")
    )
    depth = models.FloatField(
        _("room depth (m)"), default=20, help_text=_("Used when the room has no layout.")
    )

    class Meta:
        verbose_name = _("seating plan")
        verbose_name_plural = _("seating plans")
        ordering = ["forum_id", "id"]

    def __str__(self) -> str:
        return str(self.name)


class SeatingTable(models.Model):
    """A table of a room's layout, or one of a plan's own (an addition, or in place of the
    room's table with the same label)."""

    class Shape(models.TextChoices):
        HEAD = "head", _("head table")
        ROUND = "round", _("round table")
        LONG = "long", _("long table")

    layout = models.ForeignKey(
        RoomLayout, on_delete=models.CASCADE, null=True, blank=True, related_name="tables"
    )
    plan = models.ForeignKey(
        SeatingPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="own_tables"
    )
    label = models.CharField(_("label"), max_length=20)
    shape = models.CharField(_("shape"), max_length=10, choices=Shape.choices)
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    x = models.FloatField(_("x (m)"), validators=[MinValueValidator(0)])
    y = models.FloatField(
        _("y (m)"), help_text=_("Distance from the stage."), validators=[MinValueValidator(0)]
    )
    order = models.PositiveSmallIntegerField(
        _("importance"), default=0, help_text=_("0 is the most important table.")
    )

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["order", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="table_label_per_plan"),
            models.UniqueConstraint(fields=["layout", "label"], name="table_label_per_layout"),
            models.CheckConstraint(
                condition=models.Q(plan__isnull=True, layout__isnull=False)
                | models.Q(plan__isnull=False, layout__isnull=True),
                name="table_of_a_layout_or_a_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SeatAssignment(models.Model):
    """A person's seat; an interpreter's seat is the chair behind the person they serve."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="assignments")
    table = models.ForeignKey(SeatingTable, on_delete=models.CASCADE, related_name="assignments")
    number = models.PositiveSmallIntegerField(_("seat"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="seats")
    behind = models.BooleanField(_("behind the seat"), default=False)
    fixed = models.BooleanField(
        _("fixed"), default=False, help_text=_("Set by hand; re-computing keeps it.")
    )

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["plan_id", "table__order", "number", "behind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="one_seat_per_plan"),
            models.UniqueConstraint(
                fields=["plan", "table", "number", "behind"], name="one_person_per_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table.label}-{self.number} {self.person}"


class SeatingRule(models.Model):
    """A constraint on a plan: two people apart, or an interpreter behind a head of delegation."""

    class Kind(models.TextChoices):
        APART = "apart", _("must not sit together")
        INTERPRETER = "interpreter", _("interprets for")

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("seating rule")
        verbose_name_plural = _("seating rules")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.other}"


class Interpreter(models.Model):
    """A person who interprets, with the language pairs they work in (both ways)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="interpreters")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="interpreter")
    pairs = models.JSONField(
        _("language pairs"),
        default=list,
        help_text=_('Pairs of language codes: [["zh-hans", "en"]].'),
    )

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.person)


class Booth(models.Model):
    """An interpretation booth of one session: into one language, from the floor or by relay."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="booths")
    language = models.CharField(_("into"), max_length=10, choices=content_language_choices)
    relay_from = models.CharField(
        _("relay from"),
        max_length=10,
        choices=content_language_choices,
        blank=True,
        help_text=_("Empty: the booth listens to the floor."),
    )
    channel = models.PositiveSmallIntegerField(_("channel"))
    needed = models.PositiveSmallIntegerField(_("interpreters needed"), default=2)
    interpreters = models.ManyToManyField(Interpreter, blank=True, related_name="booths")

    class Meta:
        verbose_name = _("interpretation booth")
        verbose_name_plural = _("interpretation booths")
        ordering = ["session_id", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["session", "language"], name="one_booth_per_language"),
            models.UniqueConstraint(fields=["session", "channel"], name="one_booth_per_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.language}"

    @property
    def source(self) -> str:
        return self.relay_from or self.session.language
