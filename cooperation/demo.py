"""Demo content of the marketplace: forty offers and requests, each from the demo structure
whose activity it fits (every structure posts at least one, most one to three).

Re-runnable like the rest of `load_demo`: listings are found again by slug.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from directory.models import StructurePage
from home.demo import child_page, publish, translate_page
from home.models import HomePage

from .models import (
    CooperationIndexPage,
    ListingStatus,
    ListingTerm,
    OfferPage,
    RequestPage,
    ResourceCategory,
)

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

# (structure, kind, title, category, terms, price, summary): each structure posts what its own
# activity lets it lend, give or share, or what it lacks (the two with demo accounts post a
# little more, and their listings are the ones about to expire, for the reminders). Offers
# are odd numbers (annonce-01, -03…), requests even ones; the order fixes the slugs, expiry
# dates and closed exchanges below.
LISTINGS = [
    ("roue-libre", "offer", "Camion utilitaire 12 m³ le week-end", "vehicules",
     ["loan", "rental"], "30 € la journée", "Notre camion est libre du vendredi soir au lundi "
     "matin : déménagements, collectes, salons."),
    ("mjc-avaloirs", "request", "Recherche un minibus 9 places pour une sortie", "vehicules",
     ["loan", "rental"], "", "Pour emmener un groupe de jeunes à un festival en juin."),
    ("tiers-lieu-cosse", "offer", "Salle de réunion libre le mardi", "locaux", ["shared_use"],
     "Participation aux frais", "Salle de 20 places avec vidéoprojecteur, "
     "disponible tous les mardis."),
    ("roue-libre", "request", "Local de stockage de 20 m² à Laval", "locaux", ["rental"], "",
     "Nous cherchons un local sec pour stocker du matériel de réemploi."),
    ("ressourcerie-lassay", "offer", "Tables et chaises pour vos événements", "materiel",
     ["loan"], "Gratuit", "Quarante chaises pliantes et dix tables, à venir chercher à "
     "Lassay-les-Châteaux."),
    ("epicerie-craon", "request", "Besoin d'un barnum pour une fête de quartier", "materiel",
     ["loan"], "", "Un barnum de 6 × 3 m pour le samedi 14 juin."),
    ("compta-coop", "offer", "Comptable disponible deux jours par mois", "emploi-partage",
     ["shared_use"], "Selon convention", "Notre comptable peut consacrer deux jours par mois "
     "à une autre structure."),
    ("theatre-itinerant", "request", "Partager un poste de chargé de communication",
     "emploi-partage", ["shared_use"], "", "Trois associations cherchent à financer ensemble "
     "un mi-temps."),
    ("aide-domicile", "offer", "Formation aux premiers secours", "competences", ["exchange"],
     "Échange", "Nos formateurs proposent une session pour vos bénévoles contre un coup de "
     "main."),
    ("jardins-du-maine", "request", "Aide pour monter un dossier de subvention européenne",
     "competences", ["exchange"], "", "Nous débutons avec le FSE+ et cherchons un regard "
     "expérimenté."),
    ("cae-entreprendre", "offer", "Reprographie à prix coûtant", "services", ["sale"],
     "0,05 € la page", "Photocopieur couleur A3, pour vos affiches et bulletins."),
    ("mjc-avaloirs", "request", "Traduction d'un livret d'accueil en anglais", "services",
     ["exchange"], "", "Un livret de douze pages pour accueillir des bénévoles européens."),
    ("tiers-lieu-cosse", "offer", "Groupement d'achat de fournitures de bureau",
     "achats-groupes", ["sale"], "Prix négociés", "Rejoignez notre commande groupée "
     "trimestrielle."),
    ("cuisine-collective", "request", "Achat groupé d'électricité verte", "achats-groupes",
     ["sale"], "", "Qui souhaite se joindre à un appel d'offres commun pour 2027 ?"),
    ("cuisine-collective", "offer", "Cuisine professionnelle disponible l'après-midi", "locaux",
     ["shared_use", "rental"], "15 € de l'heure", "Cuisine équipée aux normes, libre après le "
     "service du midi."),
    ("fondation-avenir", "request", "Salle de 80 places pour une remise de prix", "locaux",
     ["rental", "shared_use"], "", "Le 3 octobre, pour récompenser les lauréats de notre "
     "appel à projets ruraux, dans le nord du département."),
    ("atelier-numerique", "offer", "Ordinateurs reconditionnés", "materiel", ["gift", "sale"],
     "À partir de 50 €", "Des ordinateurs portables remis à neuf, avec logiciels libres."),
    ("cigales-53", "request", "Vidéoprojecteur pour une projection-débat", "materiel", ["loan"],
     "", "Pour une soirée ciné-débat pendant le mois de l'ESS."),
    ("roue-libre", "offer", "Vélos cargo à prêter", "vehicules", ["loan"], "Gratuit",
     "Deux vélos cargo électriques pour vos livraisons en ville."),
    ("habitat-partage", "request", "Bénévoles menuisiers pour un chantier participatif",
     "competences", ["exchange"], "", "Construction de bacs de jardin avec les habitants."),
    ("ferme-grez", "offer", "Camion frigorifique libre en semaine", "vehicules",
     ["loan", "rental"], "20 € la journée", "Notre camion frigorifique ne roule que les jours "
     "de marché : transport de produits frais pour vos distributions et repas partagés."),
    ("garage-solidaire", "request", "Recherche un pont élévateur d'occasion", "materiel",
     ["gift", "sale"], "", "Notre atelier s'agrandit : un pont deux colonnes, même à remettre "
     "en état, nous rendrait service."),
    ("scop-charpente", "offer", "Chutes de bois de charpente à donner", "materiel", ["gift"],
     "Gratuit", "Chêne et douglas issus de nos chantiers, pour vos ateliers de bricolage ou "
     "vos petites constructions."),
    ("ressourcerie-lassay", "request", "Entrepôt pour trier les meubles donnés", "locaux",
     ["rental"], "", "Nous cherchons un local couvert pour trier les meubles de réemploi "
     "avant leur revente."),
    ("theatre-itinerant", "offer", "Projecteurs de scène et console lumière à prêter",
     "materiel", ["loan"], "Gratuit entre adhérents", "Six projecteurs LED, leurs pieds et une "
     "console pour éclairer vos spectacles et vos soirées."),
    ("scic-energie", "request", "Bénévoles pour présenter le solaire citoyen", "competences",
     ["exchange"], "", "Des personnes à l'aise à l'oral pour animer des réunions publiques "
     "dans les communes des Coëvrons."),
    ("mutuelle-bocage", "offer", "Ateliers prévention santé pour vos salariés", "services",
     ["exchange"], "Gratuit pour les adhérents du réseau", "Nos animatrices viennent parler "
     "sommeil, dos et écrans dans vos structures, le temps d'une demi-journée."),
    ("jardins-du-maine", "request", "Remorque pour transporter des légumes", "vehicules",
     ["loan", "rental"], "", "Une remorque bâchée deux fois par semaine, entre Bonchamp et "
     "Laval."),
    ("epicerie-craon", "offer", "Chambre froide partagée à Craon", "locaux", ["shared_use"],
     "Participation aux frais", "Deux mètres cubes de froid positif pour vos denrées, "
     "accessibles aux heures d'ouverture de l'épicerie."),
    ("atelier-numerique", "request", "Collecte de vos anciens ordinateurs portables",
     "materiel", ["gift"], "", "Nous les remettons en état pour des familles et des "
     "demandeurs d'emploi : même en panne, ils nous intéressent."),
    ("compta-coop", "offer", "Permanence sur la clôture des comptes annuels", "competences",
     ["exchange"], "Gratuit", "Une heure avec nos experts-comptables pour préparer votre "
     "bilan et l'approbation de vos comptes."),
    ("cae-entreprendre", "request", "Parrains pour nos entrepreneurs-salariés", "competences",
     ["exchange"], "", "Vous dirigez une structure de l'ESS ? Accompagnez une personne qui se "
     "lance, une heure par mois."),
    ("recyclerie-ernee", "offer", "Salariés en insertion pour vos chantiers de tri",
     "emploi-partage", ["shared_use"], "Sur devis", "Notre équipe vient vider, trier et "
     "valoriser chez vous : archives, mobilier, fins de stock."),
    ("habitat-partage", "request", "Broyeur de végétaux pour une journée", "materiel", ["loan"],
     "", "Pour broyer les tailles de haies de la résidence avant l'hiver."),
    ("roue-libre", "offer", "Outils de mécanique cycle à prêter", "materiel", ["loan"],
     "Gratuit", "Pieds d'atelier, démonte-pneus, clés à rayons et dérive-chaînes, pour vos "
     "ateliers d'entretien ou vos fêtes de la mobilité."),
    ("garage-solidaire", "request", "Dons de voitures en fin de vie", "vehicules", ["gift"], "",
     "Les pièces encore bonnes nous permettent de remettre en route, à petit prix, les "
     "voitures de nos clients."),
    ("jardins-du-maine", "offer", "Paniers de légumes bio pour vos salariés", "achats-groupes",
     ["sale"], "12 € le panier", "Chaque jeudi, des paniers de saison livrés sur votre lieu "
     "de travail, cultivés par nos salariés en insertion."),
    ("cigales-53", "request", "Recherche un trésorier pour notre club d'épargnants",
     "competences", ["exchange"], "", "Notre trésorière passe la main en 2027 : nous "
     "cherchons quelqu'un à l'aise avec les chiffres pour prendre le relais."),
    ("fondation-avenir", "offer", "Conseils pour votre premier dossier de mécénat",
     "competences", ["exchange"], "Gratuit", "Nos chargés de mission relisent votre projet et "
     "vous orientent vers les fondations qui lui correspondent."),
    ("ferme-grez", "request", "Partager un animateur nature au printemps", "emploi-partage",
     ["shared_use"], "", "Deux jours par semaine d'avril à juin, pour accueillir les classes "
     "à la ferme avec une autre structure."),
]

# Exchanges already made (listing number → the structure it was made with): they show the
# network's impact figures, closed and offline.
FULFILLED_WITH = {4: "garage-solidaire", 14: "scic-energie", 24: "mutuelle-bocage",
                  34: "ferme-grez"}

# One listing translated into English (found by slug: titles may change between versions).
TRANSLATED = ("annonce-01", "van-at-weekends", "12 m³ van at weekends",
              "Our van is free from Friday evening to Monday morning: moves, collections, fairs.")


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
    categories = {slug: _category(slug, fr, en, french, english) for slug, fr, en in CATEGORIES}
    terms = {term.code: term for term in ListingTerm.objects.all()}
    structures = {structure.slug: structure
                  for structure in StructurePage.objects.filter(locale=french)}
    today = timezone.localdate()

    for number, (structure_slug, kind, title, category, term_codes, price, summary) in enumerate(
        LISTINGS, start=1
    ):
        # Found again by slug: a database loaded by an older demo keeps its listings as they
        # are (other titles, other structures) instead of getting a second copy.
        slug = f"annonce-{number:02d}"
        if index.get_children().filter(slug=slug).exists():
            continue
        structure = structures[structure_slug]
        model = OfferPage if kind == "offer" else RequestPage
        expires_on = today + datetime.timedelta(days=5 if number % 9 == 1 else 29 + number)
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
        if number in FULFILLED_WITH:  # some exchanges already happened
            listing.status = ListingStatus.FULFILLED
            listing.closed_on = today - datetime.timedelta(days=number - 1)
            listing.partner_structure = structures[FULFILLED_WITH[number]]
            listing.estimated_value = 140 + number * 10
            listing.hours_saved = 3 + number % 5
            listing.save()
            listing.unpublish()
        log(f"  + {model.__name__} « {title} »")

    # One translated listing shows the English side of the marketplace.
    source_slug, en_slug, en_title, en_summary = TRANSLATED
    first = OfferPage.objects.filter(locale=french, slug=source_slug).first()
    if first:
        translate_page(first, english, log, title=en_title, summary=en_summary,
                       description=en_summary, slug=en_slug)
    return index
