"""How registration reacts to signals of the site shell."""

from home.signals import render_legacy_email


def render_legacy_registration_email(sender, *, email, **kwargs):
    from registration.emails import build_legacy_message

    return build_legacy_message(email)


def connect() -> None:
    render_legacy_email.connect(render_legacy_registration_email, dispatch_uid="registration.legacy_email")
