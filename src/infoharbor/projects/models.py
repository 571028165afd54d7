"""Signed cooperation projects: parties, money, exchange rates and the status history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import City, Forum, Organization, Platform, country_code
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedField
from infoharbor.program.models import Session

currency_code = RegexValidator(r"^[A-Z]{3}$", _("Use an ISO 4217 code, e.g. CNY or THB."))

# ISO 3166-1 codes of the ten ASEAN member states.
ASEAN_COUNTRIES = frozenset({"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"})
CHINA = "CN"


class Sector(models.Model):
    """A sector code: the OECD DAC purpose codes IATI uses, or the forum's own vocabulary."""

    class Vocabulary(models.TextChoices):
        # The values are IATI SectorVocabulary codes.
        DAC = "1", _("OECD DAC purpose code (5 digits)")
        FORUM = "99", _("the forum's own sector")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = models.CharField(_("vocabulary"), max_length=2, choices=Vocabulary.choices)
    code = models.CharField(_("code"), max_length=30)
    name = TranslatedField(_("name"))

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["vocabulary", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "vocabulary", "code"], name="sector_code_per_forum"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Project(models.Model):
    """A cooperation project or agreement signed at (or reported to) a forum."""

    class Kind(models.TextChoices):
        MOU = "mou", _("memorandum of understanding")
        FRAMEWORK = "framework", _("framework agreement")
        CONTRACT = "contract", _("contract")
        INVESTMENT = "investment", _("investment agreement")
        OTHER = "other", _("other agreement or pledge")

    class AmountKind(models.TextChoices):
        TOTAL_INVESTMENT = "total_investment", _("total investment")
        LOAN = "loan", _("loan")
        GRANT = "grant", _("grant")
        IN_KIND = "in_kind", _("in kind")
        UNDISCLOSED = "undisclosed", _("undisclosed")

    # Transparency datasets count memoranda and pledges apart from agreements that bind.
    BINDING_KINDS = frozenset({Kind.CONTRACT, Kind.INVESTMENT})

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="projects")
    public_id = models.CharField(
        _("public ID"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    reference = models.SlugField(
        _("reference"),
        max_length=60,
        help_text=_("The organiser's own reference; it ends the project's IATI identifier."),
    )
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True, textarea=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    platforms = models.ManyToManyField(
        Platform, verbose_name=_("cooperation platforms"), blank=True, related_name="projects"
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.CharField(
        _("country of the location"), max_length=2, blank=True, validators=[country_code]
    )
    signing_session = models.ForeignKey(
        Session,
        verbose_name=_("signing session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_projects",
    )
    signed_on = models.DateField(_("signing date"))
    signing_city = models.ForeignKey(
        City,
        verbose_name=_("signing city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[currency_code])
    amount_kind = models.CharField(
        _("what the amount is"),
        max_length=20,
        choices=AmountKind.choices,
        default=AmountKind.TOTAL_INVESTMENT,
    )
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Invented demo data, not from a source.")
    )
    # Where the record comes from, for the public to read: translated as the rest of the page is.
    provenance = TranslatedField(_("provenance"), blank=True)
    # Casefolded titles, descriptions and party names: what the simple text filter searches.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("signed project")
        verbose_name_plural = _("signed projects")
        ordering = ["signed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "reference"], name="project_reference_per_forum"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="project_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(amount_kind="undisclosed", amount__isnull=True)
                    | (
                        ~models.Q(amount_kind="undisclosed")
                        & models.Q(amount__isnull=False)
                        & ~models.Q(currency="")
                    )
                ),
                name="project_amount_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["forum", "signed_on"])]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def binding(self) -> bool:
        return self.kind in self.BINDING_KINDS

    @property
    def china_asean(self) -> bool:
        """True when China and at least one ASEAN member state are among the parties."""
        countries = {party.organization.country for party in self.parties.all()}
        return CHINA in countries and bool(countries & ASEAN_COUNTRIES)


class ProjectParty(models.Model):
    """An organization's part in a project."""

    class Role(models.TextChoices):
        FUNDER = "funder", _("investor or funder")
        IMPLEMENTER = "implementer", _("implementer")
        HOST = "host", _("host or recipient")
        PARTNER = "partner", _("partner")

    # IATI OrganisationRole codes: 1 funding, 2 accountable, 4 implementing. A host answers for the
    # project where it happens; a partner takes part in the work.
    IATI_ROLE = {Role.FUNDER: "1", Role.IMPLEMENTER: "4", Role.HOST: "2", Role.PARTNER: "4"}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="project_parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization", "role"], name="one_party_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_role_display()}"


def document_path(document: ProjectDocument, filename: str) -> str:
    return f"projects/{document.project.public_id}/{new_public_token()}/{filename}"


class ProjectDocument(models.Model):
    """A signed agreement, a press release or any other file about a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class StatusChange(models.Model):
    """One dated step in a project's life; the latest step is the project's current status."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("signed")
        PREPARATION = "preparation", _("in preparation")
        IMPLEMENTATION = "implementation", _("in implementation")
        COMPLETED = "completed", _("completed")
        SUSPENDED = "suspended", _("suspended")
        CANCELLED = "cancelled", _("cancelled")

    # IATI ActivityStatus codes.
    IATI_STATUS = {
        Status.SIGNED: "1",
        Status.PREPARATION: "1",
        Status.IMPLEMENTATION: "2",
        Status.COMPLETED: "3",
        Status.CANCELLED: "5",
        Status.SUSPENDED: "6",
    }

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    date = models.DateField(_("date"))
    source_url = models.URLField(_("source link"), blank=True)
    document = models.ForeignKey(
        ProjectDocument,
        verbose_name=_("source document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["project", "date", "id"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_status_display()}"


class ExchangeRate(models.Model):
    """`rate` units of `currency` buy one unit of `base`, as published on `date` by `source`.

    Rates without a forum are shipped with InfoHarbor (HMRC monthly rates against GBP); a forum's
    organisers add their own.
    """

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, null=True, blank=True, related_name="exchange_rates"
    )
    base = models.CharField(_("base currency"), max_length=3, validators=[currency_code])
    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code])
    date = models.DateField(_("valid from"))
    rate = models.DecimalField(
        _("rate"), max_digits=24, decimal_places=10, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("source"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["base", "currency", "date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]
        indexes = [models.Index(fields=["currency", "date"])]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate} {self.currency} ({self.date}, {self.source})"


class IatiPublisher(models.Model):
    """Who reports a forum's projects to IATI: the identifier starts every iati-identifier."""

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="iati_publisher")
    identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        help_text=_(
            "Agency prefix and number, e.g. CN-USCI-…; every project identifier starts with it."
        ),
    )
    name = TranslatedField(_("name"))
    organisation_type = models.CharField(
        _("IATI organisation type code"), max_length=3, default="10"
    )

    class Meta:
        verbose_name = _("IATI publisher")
        verbose_name_plural = _("IATI publishers")

    def __str__(self) -> str:
        return self.identifier
