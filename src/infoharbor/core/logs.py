"""Log records with the private tokens taken out of the addresses they mention.

Django logs the path of every refused or failed request ("Not Found: /…/registration/<token>/"),
and the development server every request line: a private link's token is a password, so a log
line keeps the address's shape and loses the token.
"""

from __future__ import annotations

import logging
import re

# A participant's private link (`forums/<slug>/registration/<token>/…`) and a team invitation.
PRIVATE_SEGMENT = re.compile(r"(/forums/[^/\s]+/registration/|/invitations/)[^/?#\s\"]+")
HIDDEN = "[token]"


def redact(text: str) -> str:
    return PRIVATE_SEGMENT.sub(rf"\g<1>{HIDDEN}", text)


class RedactPrivateLinks(logging.Filter):
    """Rewrites a record whose message names a private link; the record is always kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
