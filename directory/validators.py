"""Validation of French company identifiers and Mayenne addresses."""

from stdnum import luhn
from stdnum.fr import siren
from stdnum.fr import siret as stdnum_siret

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_siret(value: str) -> str:
    """"123 456 789 00012" → "12345678900012" (spaces, dots and dashes are common in print).

    Home-made because stdnum's compact() keeps dashes and turns full-width digits into ASCII
    ones, which the site refuses.
    """
    return "".join(char for char in value if char not in " .-\u00a0\u202f")


def siret_check_digits_valid(siret: str) -> bool:
    """The check rule of a 14-digit SIRET, La Poste's own rule included (python-stdnum).

    stdnum also requires the SIREN's own Luhn key, which the site has never required: a number
    whose SIREN fails it keeps the ordinary rule (its SIREN cannot be La Poste's, which is valid).
    """
    if siren.is_valid(siret[:9]):
        return stdnum_siret.is_valid(siret)
    return luhn.is_valid(siret)


def validate_siret(value: str) -> None:
    siret = normalize_siret(value)
    if len(siret) != 14 or not siret.isascii() or not siret.isdigit():
        raise ValidationError(
            _("A SIRET number has exactly 14 digits (you entered %(count)s characters)."),
            code="siret_length",
            params={"count": len(siret)},
        )
    if not siret_check_digits_valid(siret):
        raise ValidationError(
            _("This SIRET number is not valid: its check digit is wrong. Check it on your "
              "Kbis extract or on annuaire-entreprises.data.gouv.fr."),
            code="siret_checksum",
        )


def validate_postcode(value: str) -> None:
    if len(value) != 5 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A French postcode has 5 digits, e.g. 53000."), code="postcode")
