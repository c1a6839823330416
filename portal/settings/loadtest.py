"""`make loadtest`: production settings on loopback. Every simulated citizen comes from
127.0.0.1, so the per-address limits (which would answer 429 after the first minute's
searches) are off; everything else is as production runs it."""

from .production import *  # noqa: F403

RATE_LIMITS = {}
COMPLAINTS_RATE_LIMIT_ENABLED = False
