"""Who may scan badges, asked on every check-in API request.

``user.has_perm("registration.scan_badges")`` costs two queries that
PostgreSQL must plan each time (user and group permissions); at the door
that is a fifth of a scan. The answer is kept in the shared cache for
``CHECKIN_PERMISSION_CACHE_SECONDS`` (on when the cache is Redis, see
settings) under a generation that any change to groups or permissions
replaces, so a withdrawn permission takes effect at the next scan.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete

GENERATION_KEY = "checkin:scan-permission:generation"


def _allowed_in_database(user: AbstractBaseUser) -> bool:
    return (
        Permission.objects.filter(content_type__app_label="registration", codename="scan_badges")
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )


def user_can_scan(user: AbstractBaseUser) -> bool:
    """``user.has_perm("registration.scan_badges")`` for the model backend:
    active, and a superuser or given the permission directly or by a group."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    seconds = settings.CHECKIN_PERMISSION_CACHE_SECONDS
    if not seconds:
        return _allowed_in_database(user)
    user_key = f"checkin:scan-permission:user:{user.pk}"
    cached = cache.get_many([GENERATION_KEY, user_key])
    generation = cached.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    known = cached.get(user_key)
    if known is not None and known[0] == generation:
        return known[1]
    allowed = _allowed_in_database(user)
    cache.set(user_key, (generation, allowed), timeout=seconds)
    return allowed


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def forget_scan_permissions(**kwargs) -> None:
    """Every cached answer is stale: a group or permission changed. Again
    at commit, so that no scan caches what was read before it."""
    _new_generation()
    transaction.on_commit(_new_generation)


def connect_signals() -> None:
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            forget_scan_permissions, sender=through, dispatch_uid=f"scan-permission-{through._meta.label}"
        )
    for model in (Group, Permission):
        post_delete.connect(forget_scan_permissions, sender=model, dispatch_uid=f"scan-permission-{model._meta.label}")
