"""Scale content of the marketplace: thousands of French offers and requests (home/scale.py).

Each listing is posted by a French structure (demo or scale), in a resource category of the
demo, with one or two terms. Nine in ten are open and live, expiring within six months;
the others are closed as the site closes them (fulfilled, with the exchange's figures, or
withdrawn) and, like the demo's fulfilled listings, not live: they count in the
network's impact figures and never show in public lists.
"""

import datetime
import random
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from directory.models import StructurePage
from home.scale import (
    PURPOSES,
    Figure,
    Log,
    Stopwatch,
    Writer,
    add_children,
    add_links,
    aliased,
    bare,
    capitalised,
    de,
    french_index,
    tags,
)

from .models import (
    CooperationIndexPage,
    ListingKind,
    ListingPage,
    ListingPageTag,
    ListingStatus,
    ListingTerm,
    OfferPage,
    RequestPage,
    ResourceCategory,
)

SIZES = {"listings": (20000, "offers and requests")}

# Resource category slug (directory of the demo) → what is lent, shared or looked for.
RESOURCES = {
    "materiel": [
        "des tables pliantes", "des chaises", "un barnum", "une sono portable",
        "un vidéoprojecteur", "de l'outillage de jardin", "une perceuse", "une bétonnière",
        "des ordinateurs portables", "une imprimante 3D", "une machine à coudre",
        "un percolateur", "un réfrigérateur", "un broyeur de végétaux",
        "de l'équipement de cuisine", "des grilles d'exposition",
    ],
    "locaux": [
        "une salle de réunion", "un bureau partagé", "un local de stockage",
        "une cuisine professionnelle", "un atelier", "une chambre froide",
        "une salle de spectacle", "un hangar", "des locaux associatifs",
    ],
    "vehicules": [
        "un camion utilitaire", "un minibus 9 places", "un vélo cargo", "une remorque",
        "un véhicule frigorifique", "une voiture électrique", "des vélos électriques",
    ],
    "competences": [
        "de l'aide en comptabilité", "du graphisme", "une formation aux premiers secours",
        "un accompagnement juridique", "de l'aide pour un dossier de subvention",
        "de la traduction", "de la réparation de vélos", "de la menuiserie",
        "de la photographie",
    ],
    "emploi-partage": [
        "un poste de comptable partagé", "un chargé de communication", "un animateur",
        "un agent d'entretien", "un coordinateur de bénévoles", "un cuisinier",
    ],
    "services": [
        "de la reprographie", "des livraisons", "du nettoyage",
        "de la maintenance informatique", "l'hébergement d'un site",
        "du transport de marchandises",
    ],
    "achats-groupes": [
        "des fournitures de bureau", "de l'électricité verte",
        "des produits d'entretien écologiques", "une assurance", "du papier recyclé",
        "des équipements de protection",
    ],
}
OTHER_RESOURCES = ["des semences", "des palettes", "des cartons de déménagement", "des livres",
                   "des jeux de société"]
TERMS = {
    ListingKind.OFFER: ["loan", "rental", "gift", "exchange", "shared_use", "sale"],
    ListingKind.REQUEST: ["loan", "rental", "exchange", "shared_use"],
}
WHEN = [
    "le week-end", "le mardi", "en juillet et août", "tous les matins",
    "pendant les vacances scolaires", "ponctuellement", "le soir", "deux jours par mois",
]
OCCASIONS = [
    "une fête de quartier", "un festival", "un chantier participatif",
    "notre assemblée générale", "une formation", "le mois de l'ESS", "un déménagement",
    "une collecte", "un marché solidaire",
]
OFFER_TITLES = [
    "{Bare} à prêter", "Prêt {de_bare}", "Nous proposons {resource} {when}",
    "Mise à disposition {de_bare}", "Don {de_bare}", "Location {de_bare} à petit prix",
    "À {town}, {resource} à partager {when}", "Mutualiser {resource} à {town}",
]
REQUEST_TITLES = [
    "Recherche {resource}", "Besoin {de_bare} {when}", "Cherche {resource} à {town}",
    "Recherche {resource} pour {occasion}", "Qui peut nous prêter {resource} ?",
    "Partager {resource} entre structures à {town}",
]
PRICES = ["Gratuit", "Participation aux frais", "20 € la journée", "À discuter",
          "Selon convention", "Échange de services", "10 € de l'heure", ""]
LISTING_TAGS = ["prêt", "réemploi", "mutualisation", "urgent", "week-end", "gratuit"]
OPEN_SHARE, FULFILLED_SHARE = 0.90, 0.07  # the rest: withdrawn


def _listing(writer: Writer, structures: list[tuple[int, str]], categories: list,
             terms: dict, today: datetime.date) -> tuple:
    """An unsaved OfferPage or RequestPage posted by one of `structures` (pk, town), with
    its terms and tags."""
    rng = writer.rng
    structure_id, structure_city = writer.pick(structures)
    kind = ListingKind.OFFER if rng.random() < 0.55 else ListingKind.REQUEST
    category = writer.pick(categories)
    resource = writer.pick(RESOURCES.get(category.slug, OTHER_RESOURCES))
    town = structure_city if structure_city and rng.random() < 0.8 else writer.town()[0]
    title = writer.pick(OFFER_TITLES if kind == ListingKind.OFFER else REQUEST_TITLES).format(
        resource=resource, Bare=capitalised(bare(resource)), de_bare=de(bare(resource)),
        when=writer.pick(WHEN), town=town,
        occasion=writer.pick(OCCASIONS),
    )
    if kind == ListingKind.OFFER:
        summary = (f"Nous proposons {resource} {writer.pick(WHEN)}, à {town}, "
                   f"{writer.pick(PURPOSES)}.")
    else:
        summary = (f"Nous cherchons {resource} pour {writer.pick(OCCASIONS)}, à {town} ou "
                   f"autour, {writer.pick(PURPOSES)}.")
    description = "\n\n".join(
        [summary] + [writer.paragraph(town) for _ in range(rng.randint(1, 3))]
        + ["Contact par le formulaire de réponse : la structure vous répondra par e-mail."]
    )
    published_day = today - datetime.timedelta(days=rng.randint(0, 200))
    published = writer.moment(published_day)
    roll = rng.random()
    status = (ListingStatus.OPEN if roll < OPEN_SHARE
              else ListingStatus.FULFILLED if roll < OPEN_SHARE + FULFILLED_SHARE
              else ListingStatus.WITHDRAWN)
    if status == ListingStatus.OPEN:
        expires_on = today + datetime.timedelta(days=rng.randint(1, 180))
    else:
        expires_on = published_day + datetime.timedelta(days=rng.randint(30, 90))
    model = OfferPage if kind == ListingKind.OFFER else RequestPage
    fields = {}
    if model is OfferPage and rng.random() < 0.3:
        fields["available_from"] = published_day
        fields["available_until"] = published_day + datetime.timedelta(days=rng.randint(30, 200))
    if model is RequestPage and rng.random() < 0.3:
        fields["needed_by"] = published_day + datetime.timedelta(days=rng.randint(10, 120))
    page = model(
        title=title[:255],
        slug=title,
        kind=kind,
        summary=summary[:300],
        description=description,
        category=category,
        price=writer.pick(PRICES) if kind == ListingKind.OFFER else "",
        quantity=rng.randint(1, 40) if category.slug == "materiel" and rng.random() < 0.5
        else None,
        structure_id=structure_id,
        city=town,
        status=status,
        expires_on=expires_on,
        live=status == ListingStatus.OPEN,
        translation_key=writer.uuid(),
        first_published_at=published,
        last_published_at=published,
        **fields,
    )
    page.expire_at = page.expires_at  # what ListingPage.save() would set
    if status != ListingStatus.OPEN:
        page.closed_on = min(today, expires_on)
    if status == ListingStatus.FULFILLED:
        page.partner_structure_id = writer.pick(structures)[0]
        page.estimated_value = Decimal(rng.randint(2, 300) * 10)
        page.hours_saved = Decimal(rng.randint(1, 40))
    codes = rng.sample(TERMS[kind], rng.randint(1, 2))
    return page, [terms[code] for code in codes if code in terms], rng.sample(
        LISTING_TAGS, rng.randint(0, 2)
    )


def load(sizes: Mapping[str, int], seed: int, log: Log = lambda message: None) -> list[Figure]:
    count = sizes.get("listings", 0)
    if not count:
        return []
    writer = Writer(random.Random(f"{seed}:listings"))
    with Stopwatch() as watch:
        index = french_index(CooperationIndexPage)
        categories = list(ResourceCategory.objects.filter(locale=index.locale).order_by("slug"))
        structures = list(
            StructurePage.objects.live().filter(locale=index.locale)
            .order_by("path").values_list("pk", "city")
        )
        if not categories or not structures:
            raise LookupError(
                "Ni catégorie ni structure en français : lancez d'abord load_demo. "
                "(No French resource category or structure: run load_demo first.)"
            )
        terms = {term.code: term for term in ListingTerm.objects.all()}
        today = timezone.localdate()
        made = [
            _listing(writer, structures, categories, terms, today)
            for _ in range(count)
        ]
        by_model = {
            model: add_children(index, [page for page, *_rest in made if type(page) is model])
            for model in (OfferPage, RequestPage)
        }
        chosen = tags(LISTING_TAGS)
        add_links(ListingPage._meta.get_field("terms").remote_field.through, (
            {"listingpage_id": page.pk, "listingterm_id": term.pk}
            for page, its_terms, _tags in made for term in its_terms
        ))
        add_links(ListingPageTag, (
            {"content_object_id": page.pk, "tag_id": chosen[name].pk}
            for page, _terms, its_tags in made for name in its_tags
        ))
    live = sum(1 for page, *_rest in made if page.live)
    log(f"  + {count} listings under {index.url_path} ({live} open and live)")
    # Aliases last: they copy the terms and tags of their source.
    aliases = [aliased("listings", pages, log) for pages in by_model.values()]
    return [Figure("listings", count, watch.seconds),
            Figure("listings aliases", sum(figure.count for figure in aliases),
                   sum(figure.seconds for figure in aliases))]
