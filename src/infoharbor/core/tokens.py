"""Unguessable identifiers for anything shown to the public (badge codes, private links)."""

import secrets

PUBLIC_TOKEN_BYTES = 16


def new_public_token() -> str:
    """A URL-safe random token of 128 bits; never derived from a row id."""
    return secrets.token_urlsafe(PUBLIC_TOKEN_BYTES)
