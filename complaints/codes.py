"""Tracking codes and secrets: what a complainant keeps instead of an account."""

import secrets

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

# No 0/O, 1/I/L: codes are read off phones and typed back in, sometimes dictated.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_RANDOM_LENGTH = 6
SECRET_LENGTH = 10  # 31**10 ≈ 2**49: not guessable behind the lookup rate limit


def new_code(prefix="TS"):
    stamp = timezone.localdate().strftime("%y%m%d")
    return prefix + stamp + "".join(secrets.choice(ALPHABET) for _ in range(CODE_RANDOM_LENGTH))


def new_secret():
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def normalise(value):
    """What a person typed, as stored: upper case, spaces and dashes dropped."""
    return "".join(c for c in str(value or "").upper() if c.isalnum())[:40]


def hash_secret(secret):
    # The secret is random and long, so a keyed fast hash is enough (a password hash would
    # only slow down every lookup); without the site key a leaked table reveals nothing.
    return salted_hmac("complaints.secret", normalise(secret), algorithm="sha256").hexdigest()


def secret_matches(secret, stored_hash):
    return bool(stored_hash) and constant_time_compare(hash_secret(secret), stored_hash)


def display_secret(secret):
    return f"{secret[:5]}-{secret[5:]}"


def visitor_hash(token):
    return salted_hmac("complaints.visitor", token, algorithm="sha256").hexdigest()
