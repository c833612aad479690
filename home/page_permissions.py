"""A translation of a page is managed by the teams that manage its source.

Wagtail grants page permissions on a place in the tree, and a translation
lives in another tree (under the home page of its language). So that an
event's organisers can edit and publish their event's French page, and no
one else can, each group's permission granted on a page is granted on its
translations too (when a translation is made, and when a permission is
granted or taken away later). Only a permission on the original page (the
first of its translations) spreads: a group given the French home page
(French translators) gets the French tree, not the English site. Deleting
a page (a translation) takes away its own permissions only."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from wagtail.models import GroupPagePermission, Page


def _translations(page: Page):
    return Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)


def _is_original(page: Page) -> bool:
    return not Page.objects.filter(translation_key=page.translation_key, pk__lt=page.pk).exists()


def copy_permissions_to_new_translation(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not isinstance(instance, Page):
        return
    others = _translations(instance).values("pk")
    granted = GroupPagePermission.objects.filter(page__in=others).values_list("group_id", "permission_id").distinct()
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group_id=g, permission_id=p, page=instance) for g, p in granted],
        ignore_conflicts=True,
    )


def grant_on_translations(sender, instance: GroupPagePermission, created, raw=False, **kwargs):
    if not created or raw or not _is_original(instance.page):
        return
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group_id=instance.group_id, permission_id=instance.permission_id, page_id=pk)
            for pk in _translations(instance.page).values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )


def revoke_on_translations(sender, instance: GroupPagePermission, origin=None, **kwargs):
    deleting_pages = isinstance(origin, Page) or (isinstance(origin, QuerySet) and issubclass(origin.model, Page))
    if deleting_pages:
        return  # a page's own permissions go with it; its translations keep theirs
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None or not _is_original(page):
        return
    GroupPagePermission.objects.filter(
        group_id=instance.group_id, permission_id=instance.permission_id, page__in=_translations(page).values("pk")
    ).delete()


def connect_signals() -> None:
    post_save.connect(copy_permissions_to_new_translation, dispatch_uid="home.page_permissions.new_translation")
    post_save.connect(grant_on_translations, sender=GroupPagePermission, dispatch_uid="home.page_permissions.grant")
    post_delete.connect(revoke_on_translations, sender=GroupPagePermission, dispatch_uid="home.page_permissions.revoke")
