import pytest
from django.core import mail

from home.tasks import send_test_email


def test_task_runs_eagerly_without_broker(db):
    result = send_test_email.delay(to="ops@example.org")
    assert result.get(timeout=5) == "ops@example.org"
    assert [m.to for m in mail.outbox] == [["ops@example.org"]]
    assert mail.outbox[0].subject == "Forum site: test email"


@pytest.mark.celery_worker
def test_real_worker_on_redis_sends_email(celery_worker):
    result = send_test_email.delay(to="ops@example.org")
    assert result.get(timeout=30) == "ops@example.org"
    messages = celery_worker.sent_messages()
    assert len(messages) == 1
    assert "To: ops@example.org" in messages[0]
    assert "Subject: Forum site: test email" in messages[0]
