"""One Django project for the integration tests: settings (configured once per process) and URLs.

Imported only after ``pytest.importorskip("django")``; the module is its own ``ROOT_URLCONF``.
"""

from __future__ import annotations

import django
from django.conf import settings

WEBHOOK_HOST = "app.example"
SES_WEBHOOK_URL = f"https://{WEBHOOK_HOST}/ses/event-webhook/"
ANYMAIL_SECRET = "anymail:s3cret"
ANYMAIL_WEBHOOK_URL = f"https://{ANYMAIL_SECRET}@{WEBHOOK_HOST}/anymail/amazon_ses/tracking/"

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="pytest-ses-integration",
        ALLOWED_HOSTS=[WEBHOOK_HOST],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django_ses", "anymail"],
        MIDDLEWARE=[],
        DATABASES={},
        USE_TZ=True,
        EMAIL_BACKEND="django_ses.SESBackend",
        AWS_SES_REGION_NAME="us-east-1",
        AWS_SES_REGION_ENDPOINT="email.us-east-1.amazonaws.com",
        AWS_SES_CONFIGURATION_SET="tx",
        AWS_SES_AUTO_THROTTLE=None,  # its rate limiting sleeps between sends
        AWS_SES_VERIFY_EVENT_SIGNATURES=True,
        ANYMAIL={"WEBHOOK_SECRET": ANYMAIL_SECRET, "AMAZON_SES_CONFIGURATION_SET_NAME": "tx"},
        LOGGING_CONFIG=None,
    )
    django.setup()

from anymail.webhooks.amazon_ses import AmazonSESTrackingWebhookView  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django_ses.views import SESEventWebhookView  # noqa: E402

urlpatterns = [
    path("ses/event-webhook/", csrf_exempt(SESEventWebhookView.as_view())),
    path("anymail/amazon_ses/tracking/", AmazonSESTrackingWebhookView.as_view()),
]
