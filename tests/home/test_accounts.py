import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse


@pytest.mark.django_db
def test_signup_sends_verification_then_link_verifies_and_signs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.delegate@example.org",
                "password1": "a-long-Passphrase-9",
                "password2": "a-long-Passphrase-9",
            },
        )
    assert len(callbacks) == 1  # the email is queued after commit, not sent inside the transaction
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="new.delegate@example.org")
    assert user.emailaddress_set.get().verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.delegate@example.org"]
    assert mail.outbox[0].subject == "Please Confirm Your Email Address"

    # Not verified: signing in is refused and points to verification.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "new.delegate@example.org", "password": "a-long-Passphrase-9"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified is True
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_error_and_does_not_sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "not-the-password"})
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in(client, user, password):
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
