"""Rate limits kept in the shared cache (Redis in production), counted in
fixed windows: enough to stop guessing (invitation codes, forged badges)
and floods of submissions, cheap enough for the scan path (one cache call).

    limit = RateLimit("invitation-code", limit=10, window=600)
    if limit.exceeded(key):             # look, without counting
        ...answer 429...
    limit.count(key)                    # count one attempt (a failed one, say)
    if not limit.allow(key):            # count, then say whether it was within the limit
        ...answer 429...
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

# The clock the windows are counted on (tests pin it: a run of attempts must
# not straddle two windows by chance).
clock = time.time


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    window: int  # seconds

    def _bucket(self, key: str) -> str:
        return f"ratelimit:{self.name}:{key}:{int(clock() // self.window)}"

    def count(self, key: str) -> int:
        """Count one attempt for ``key``; the attempts in this window so far."""
        bucket = self._bucket(key)
        if cache.add(bucket, 1, timeout=self.window):
            return 1
        try:
            return cache.incr(bucket)
        except ValueError:  # expired between add and incr
            cache.add(bucket, 1, timeout=self.window)
            return 1

    def exceeded(self, key: str) -> bool:
        """Whether ``key`` has used up this window's attempts (counts nothing)."""
        return (cache.get(self._bucket(key)) or 0) >= self.limit

    def allow(self, key: str) -> bool:
        """Count one attempt; True while it is within the limit."""
        return self.count(key) <= self.limit

    def retry_after(self) -> int:
        """Seconds until the window ends (for a Retry-After header)."""
        return self.window - int(clock()) % self.window


def client_key(request) -> str:
    """Who is asking: the signed-in user, else the client address (the
    proxy's X-Forwarded-For is not trusted: it is the caller's to set)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"
