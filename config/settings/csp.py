"""The Content-Security-Policy source of a configured URL (base.py builds the policies)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def csp_source(url: str) -> str | None:
    """The Content-Security-Policy source of the server of an absolute URL, None for one on
    the site itself: "https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org".
    """
    parts = urlsplit(url)
    if not parts.netloc:
        return None
    labels = parts.netloc.rsplit("@", 1)[-1].split(".")
    if "{" in labels[0]:  # Leaflet's {s} subdomains
        labels[0] = "*"
    host = ".".join(labels)
    if "{" in host:
        raise ImproperlyConfigured(f"Placeholder in a host name other than its first label: {url}")
    return f"{parts.scheme}://{host}" if parts.scheme else host
