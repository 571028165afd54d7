"""What the audit log keeps of API tokens (see core/audit.py): never the token's digest."""

from infoharbor.api.models import ApiToken
from infoharbor.core import audit

audit.register(ApiToken, fields=["user", "name"], secret=["digest"])
