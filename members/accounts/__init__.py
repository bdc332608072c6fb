"""Member accounts: log in by e-mail, password reset, invitations sent from the admin.

A person's account (Django's user) is linked to the structures it may act for by a
`directory.models.Membership`. Repeated failed logins are slowed down by django-axes:
after `AXES_FAILURE_LIMIT` failures for one address from one connection, logging in is
paused for `AXES_COOLOFF_TIME` (a cool-off, never a permanent lock-out).
"""
