"""System checks of the project's own settings (`manage.py check`, also run by `migrate`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def trusted_proxy_count_is_explicit(app_configs=None, **kwargs) -> list[Error]:
    """Production says how many reverse proxies stand in front of the site, even none.

    A wrong guess is silent and serious: behind a proxy that is not counted, every visitor
    comes from the proxy's address, so five failed logins or contact messages anywhere pause
    the whole site (django-axes, rate limits); a proxy counted that is not there lets anyone
    choose their address through X-Forwarded-For.
    """
    if settings.TRUSTED_PROXY_COUNT_CONFIGURED:
        return []
    return [
        Error(
            "TRUSTED_PROXY_COUNT n'est pas défini (TRUSTED_PROXY_COUNT is not set).",
            hint=(
                "Donnez le nombre de proxys inverses devant le site, 0 s'il n'y en a aucun "
                "(set the number of reverse proxies in front of the site, 0 if none): "
                "TRUSTED_PROXY_COUNT=1 behind one nginx."
            ),
            id="config.E001",
        )
    ]
