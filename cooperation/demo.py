"""Demo content of the marketplace: about forty offers and requests of the demo structures.

Re-runnable like the rest of `load_demo`: listings are found again by slug.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from directory.models import StructurePage
from directory.workflows import assign_to
from home.demo import child_page, publish, translate_page
from home.models import HomePage

from .models import CooperationIndexPage, ListingTerm, OfferPage, RequestPage, ResourceCategory
from .models.listings import ListingStatus
from .workflows import listings_workflow

CATEGORIES = [
    ("materiel", "Matériel", "Equipment"),
    ("locaux", "Locaux", "Premises"),
    ("vehicules", "Véhicules", "Vehicles"),
    ("competences", "Compétences", "Skills"),
    ("emploi-partage", "Emploi partagé", "Shared staff time"),
    ("services", "Services", "Services"),
    ("achats-groupes", "Achats groupés", "Group purchasing"),
    ("autre", "Autre", "Other"),
]

# (kind, title, category, terms, price, summary)
LISTINGS = [
    ("offer", "Camion utilitaire 12 m³ le week-end", "vehicules", ["loan", "rental"],
     "30 € la journée", "Notre camion est libre du vendredi soir au lundi matin : "
     "déménagements, collectes, salons."),
    ("request", "Recherche un minibus 9 places pour une sortie", "vehicules", ["loan", "rental"],
     "", "Pour emmener un groupe de jeunes à un festival en juin."),
    ("offer", "Salle de réunion libre le mardi", "locaux", ["shared_use"],
     "Participation aux frais", "Salle de 20 places avec vidéoprojecteur, "
     "disponible tous les mardis."),
    ("request", "Local de stockage de 20 m² à Laval", "locaux", ["rental"], "",
     "Nous cherchons un local sec pour stocker du matériel de réemploi."),
    ("offer", "Tables et chaises pour vos événements", "materiel", ["loan"], "Gratuit",
     "Quarante chaises pliantes et dix tables, à venir chercher à Évron."),
    ("request", "Besoin d'un barnum pour une fête de quartier", "materiel", ["loan"], "",
     "Un barnum de 6 × 3 m pour le samedi 14 juin."),
    ("offer", "Comptable disponible deux jours par mois", "emploi-partage", ["shared_use"],
     "Selon convention", "Notre comptable peut consacrer deux jours par mois à une "
     "autre structure."),
    ("request", "Partager un poste de chargé de communication", "emploi-partage",
     ["shared_use"], "", "Trois associations cherchent à financer ensemble un mi-temps."),
    ("offer", "Formation aux premiers secours", "competences", ["exchange"], "Échange",
     "Nos formateurs proposent une session pour vos bénévoles contre un coup de main."),
    ("request", "Aide pour monter un dossier de subvention européenne", "competences",
     ["exchange"], "", "Nous débutons avec le FSE+ et cherchons un regard expérimenté."),
    ("offer", "Reprographie à prix coûtant", "services", ["sale"], "0,05 € la page",
     "Photocopieur couleur A3, pour vos affiches et bulletins."),
    ("request", "Traduction d'un livret d'accueil en anglais", "services", ["exchange"], "",
     "Un livret de douze pages pour accueillir des bénévoles européens."),
    ("offer", "Groupement d'achat de fournitures de bureau", "achats-groupes", ["sale"],
     "Prix négociés", "Rejoignez notre commande groupée trimestrielle."),
    ("request", "Achat groupé d'électricité verte", "achats-groupes", ["sale"], "",
     "Qui souhaite se joindre à un appel d'offres commun pour 2027 ?"),
    ("offer", "Vélos cargo à prêter", "vehicules", ["loan"], "Gratuit",
     "Deux vélos cargo électriques pour vos livraisons en ville."),
    ("request", "Remorque pour transporter des légumes", "vehicules", ["loan", "rental"], "",
     "Une remorque bâchée deux fois par semaine, entre Bonchamp et Laval."),
    ("offer", "Ordinateurs reconditionnés", "materiel", ["gift", "sale"], "À partir de 50 €",
     "Des ordinateurs portables remis à neuf, avec logiciels libres."),
    ("request", "Vidéoprojecteur pour une projection-débat", "materiel", ["loan"], "",
     "Pour une soirée ciné-débat pendant le mois de l'ESS."),
    ("offer", "Cuisine professionnelle disponible l'après-midi", "locaux",
     ["shared_use", "rental"], "15 € de l'heure", "Cuisine équipée aux normes, libre "
     "après le service du midi."),
    ("request", "Bénévoles menuisiers pour un chantier participatif", "competences",
     ["exchange"], "", "Construction de bacs de jardin avec les habitants."),
]

TRANSLATED = {"Camion utilitaire 12 m³ le week-end": (
    "12 m³ van at weekends",
    "Our van is free from Friday evening to Monday morning: moves, collections, fairs.",
)}


def _category(slug: str, fr: str, en: str, french: Locale, english: Locale):
    category = ResourceCategory.objects.filter(locale=french, slug=slug).first()
    if category is None:
        category = ResourceCategory.objects.create(locale=french, slug=slug, name=fr)
    if not ResourceCategory.objects.filter(
        locale=english, translation_key=category.translation_key
    ).exists():
        translated = category.copy_for_translation(english)
        translated.name = en
        translated.save()
    return category


def load(log=lambda message: None) -> CooperationIndexPage:
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=french, depth=2)
    index = child_page(
        home, CooperationIndexPage, "cooperation", log, title="Coopération", show_in_menus=True,
        intro="Matériel, locaux, véhicules, compétences : ce que les structures de l'ESS en "
        "Mayenne proposent et recherchent. Membres du réseau : publiez vos offres et demandes "
        "depuis votre espace membre.",
    )
    translate_page(
        index, english, log, title="Cooperation", slug="cooperation",
        intro="Equipment, premises, vehicles, skills: what the social economy organisations "
        "of Mayenne offer and look for.",
    )
    assign_to(index, listings_workflow())
    categories = {slug: _category(slug, fr, en, french, english) for slug, fr, en in CATEGORIES}
    terms = {term.code: term for term in ListingTerm.objects.all()}
    structures = list(StructurePage.objects.filter(locale=french).order_by("path"))
    today = timezone.localdate()

    # Each model listing is posted twice, by two different structures: 40 listings.
    for number in range(2 * len(LISTINGS)):
        kind, title, category, term_codes, price, summary = LISTINGS[number % len(LISTINGS)]
        structure = structures[(number * 7) % len(structures)]
        if number >= len(LISTINGS):
            title = f"{title} ({structure.city})"
        slug = f"annonce-{number + 1:02d}"
        if index.get_children().filter(slug=slug).exists():
            continue
        model = OfferPage if kind == "offer" else RequestPage
        expires_on = today + datetime.timedelta(days=5 if number % 9 == 0 else 30 + number)
        listing = model(
            title=title, slug=slug, locale=french, summary=summary,
            description=f"{summary}\n\nAnnonce fictive, pour la démonstration du site.",
            category=categories[category], price=price, structure=structure,
            city=structure.city, expires_on=expires_on,
            quantity=2 if "chaises" in summary else None,
        )
        listing.terms = [terms[code] for code in term_codes]
        listing.tags.add("exemple")
        index.add_child(instance=listing)
        publish(listing)
        if number % 10 == 3:  # some exchanges already happened
            listing.status = ListingStatus.FULFILLED
            listing.closed_on = today - datetime.timedelta(days=number)
            listing.partner_structure = structures[(number + 1) % len(structures)]
            listing.estimated_value = 150 + number * 10
            listing.hours_saved = 4 + number % 5
            listing.save()
            listing.unpublish()
        log(f"  + {model.__name__} « {title} »")

    # One translated listing shows the English side of the marketplace.
    first = OfferPage.objects.filter(locale=french, slug="annonce-01").first()
    if first:
        en_title, en_summary = TRANSLATED[first.title]
        translate_page(first, english, log, title=en_title, summary=en_summary,
                       description=en_summary, slug="van-at-weekends")
    return index
