"""Validation of French company identifiers and Mayenne addresses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN and follow their own check rule (digits adding
# up to a multiple of 5); its head office keeps the ordinary Luhn key.
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_siret(value: str) -> str:
    """"123 456 789 00012" → "12345678900012" (spaces, dots and dashes are common in print)."""
    return "".join(char for char in value if char not in " .-\u00a0\u202f")


def validate_siret(value: str) -> None:
    siret = normalize_siret(value)
    if len(siret) != 14 or not siret.isascii() or not siret.isdigit():
        raise ValidationError(
            _("A SIRET number has exactly 14 digits (you entered %(count)s characters)."),
            code="siret_length",
            params={"count": len(siret)},
        )
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE:
        valid = sum(int(char) for char in siret) % 5 == 0
    else:
        valid = luhn_valid(siret)
    if not valid:
        raise ValidationError(
            _("This SIRET number is not valid: its check digit is wrong. Check it on your "
              "Kbis extract or on annuaire-entreprises.data.gouv.fr."),
            code="siret_checksum",
        )


def validate_postcode(value: str) -> None:
    if len(value) != 5 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A French postcode has 5 digits, e.g. 53000."), code="postcode")
