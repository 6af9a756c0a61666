"""The SES SMTP interface of the fake: SMTP envelopes in, the same send pipeline as the API, SES's replies out.

``replies``, ``policy`` and ``submission`` are plain Python (no sockets); ``server`` runs them on aiosmtpd and
``certificate`` makes the throwaway TLS certificate that STARTTLS needs.
"""
