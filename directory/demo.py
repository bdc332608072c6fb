"""Demo content of the directory: about twenty clearly fictitious structures of Mayenne.

Re-runnable like the rest of `load_demo`: what exists (by slug or username) is kept.
"""

from decimal import Decimal

from stdnum import luhn

from django.contrib.auth import get_user_model

from wagtail.models import Locale

from home.demo import DEMO_PASSWORD_HINT, child_page, publish, translate_page
from home.models import HomePage, NewsPage

from .models import (
    DirectoryIndexPage,
    LegalForm,
    Membership,
    Relation,
    Sector,
    StructurePage,
    Territory,
)

SECTORS = [
    ("insertion", "Insertion par l'activité économique", "Work integration"),
    ("alimentation", "Alimentation et agriculture", "Food and farming"),
    ("culture", "Culture", "Culture"),
    ("environnement", "Environnement et réemploi", "Environment and reuse"),
    ("mobilite", "Mobilité", "Mobility"),
    ("habitat", "Habitat et logement", "Housing"),
    ("sante-social", "Santé et action sociale", "Health and social care"),
    ("education", "Éducation populaire", "Popular education"),
    ("finance", "Finance solidaire", "Solidarity finance"),
    ("services", "Services aux structures", "Services to organisations"),
]

TERRITORIES = [
    ("laval-agglo", "Laval Agglomération"),
    ("mayenne-communaute", "Mayenne Communauté"),
    ("pays-chateau-gontier", "Pays de Château-Gontier"),
    ("pays-craon", "Pays de Craon"),
    ("ernee", "L'Ernée"),
    ("bocage-mayennais", "Bocage Mayennais"),
    ("mont-des-avaloirs", "Mont des Avaloirs"),
    ("coevrons", "Coëvrons"),
    ("meslay-grez", "Pays de Meslay-Grez"),
]

# (slug, name, legal form, relation, sectors, territory, town, postcode, lat, lng, summary)
STRUCTURES = [
    ("roue-libre", "Atelier vélo Roue Libre", LegalForm.ASSOCIATION, Relation.ADHERENT,
     ["mobilite", "environnement"], "laval-agglo", "Laval", "53000", 48.0707, -0.7734,
     "Atelier participatif de réparation de vélos : apprendre à entretenir son vélo, "
     "récupérer et remettre en état des vélos abandonnés."),
    ("jardins-du-maine", "Les Jardins du Maine", LegalForm.ASSOCIATION, Relation.ADHERENT,
     ["insertion", "alimentation"], "laval-agglo", "Bonchamp-lès-Laval", "53960",
     48.0739, -0.7006,
     "Chantier d'insertion maraîcher : des légumes bio en paniers et un parcours vers "
     "l'emploi pour une vingtaine de salariés."),
    ("scop-charpente", "Charpentiers Associés", LegalForm.SCOP, Relation.ADHERENT,
     ["habitat"], "mayenne-communaute", "Mayenne", "53100", 48.3031, -0.6136,
     "Société coopérative de charpente et d'ossature bois, détenue par ses salariés."),
    ("scic-energie", "Énergies Citoyennes 53", LegalForm.SCIC, Relation.PARTNER,
     ["environnement"], "coevrons", "Évron", "53600", 48.1561, -0.4047,
     "Coopérative d'intérêt collectif qui finance et exploite des toitures solaires avec "
     "les habitants et les communes."),
    ("cae-entreprendre", "Entreprendre Ensemble 53", LegalForm.CAE, Relation.ADHERENT,
     ["services"], "laval-agglo", "Changé", "53810", 48.0997, -0.7894,
     "Coopérative d'activité et d'emploi : tester et développer son activité en étant "
     "salarié-entrepreneur."),
    ("mutuelle-bocage", "Mutuelle Solidaire du Bocage", LegalForm.MUTUAL, Relation.SUPPORT,
     ["sante-social"], "bocage-mayennais", "Gorron", "53120", 48.4106, -0.8150,
     "Mutuelle de santé de proximité, gérée par ses adhérents."),
    ("fondation-avenir", "Fondation Avenir Rural", LegalForm.FOUNDATION, Relation.FUNDER,
     ["education", "finance"], "mont-des-avaloirs", "Villaines-la-Juhel", "53700",
     48.3444, -0.2853,
     "Fondation qui soutient les projets éducatifs et solidaires en milieu rural."),
    ("recyclerie-ernee", "La Recyclerie de l'Ernée", LegalForm.ASSOCIATION, Relation.ADHERENT,
     ["environnement", "insertion"], "ernee", "Ernée", "53500", 48.2975, -0.9314,
     "Collecte, tri et revente d'objets de seconde main ; ateliers de réemploi."),
    ("epicerie-craon", "Épicerie solidaire du Craonnais", LegalForm.ASSOCIATION,
     Relation.SYMPATHISER, ["alimentation", "sante-social"], "pays-craon", "Craon", "53400",
     47.8478, -0.9497,
     "Épicerie à prix solidaires et lieu de rencontre pour les familles du territoire."),
    ("theatre-itinerant", "Théâtre en Chemin", LegalForm.ASSOCIATION, Relation.ADHERENT,
     ["culture", "education"], "pays-chateau-gontier", "Château-Gontier-sur-Mayenne",
     "53200", 47.8286, -0.7028,
     "Compagnie de théâtre itinérante qui joue dans les villages et anime des ateliers."),
    ("garage-solidaire", "Garage Solidaire Mayennais", LegalForm.ESUS, Relation.ADHERENT,
     ["mobilite", "insertion"], "laval-agglo", "Saint-Berthevin", "53940", 48.0692, -0.8278,
     "Entretien et réparation de véhicules à tarif solidaire, location de voitures pour "
     "se rendre au travail."),
    ("habitat-partage", "Habitat Partagé 53", LegalForm.OTHER_COOPERATIVE, Relation.PARTNER,
     ["habitat", "sante-social"], "meslay-grez", "Meslay-du-Maine", "53170", 47.9547, -0.5519,
     "Coopérative d'habitants : logements partagés et intergénérationnels."),
    ("cigales-53", "Club d'investisseurs solidaires 53", LegalForm.OTHER, Relation.SYMPATHISER,
     ["finance"], "laval-agglo", "Laval", "53000", 48.0680, -0.7650,
     "Des citoyens mettent en commun leur épargne pour financer des entreprises locales."),
    ("ressourcerie-lassay", "Ressourcerie du Pays de Lassay", LegalForm.ASSOCIATION,
     Relation.ADHERENT, ["environnement"], "bocage-mayennais", "Lassay-les-Châteaux", "53110",
     48.4381, -0.4981,
     "Réemploi, réparation et sensibilisation à la réduction des déchets."),
    ("cuisine-collective", "Cuisine Collective du Sud-Mayenne", LegalForm.SCIC,
     Relation.ADHERENT, ["alimentation"], "pays-craon", "Renazé", "53800", 47.7925, -1.0547,
     "Cuisine partagée qui prépare des repas avec des produits locaux pour les écoles."),
    ("mjc-avaloirs", "Maison des jeunes du Mont des Avaloirs", LegalForm.ASSOCIATION,
     Relation.SYMPATHISER, ["education", "culture"], "mont-des-avaloirs", "Pré-en-Pail",
     "53140", 48.4594, -0.1975,
     "Accueil des jeunes, projets culturels et sorties pour les 11-25 ans."),
    ("aide-domicile", "Aide à Domicile en Coëvrons", LegalForm.ASSOCIATION, Relation.ADHERENT,
     ["sante-social", "insertion"], "coevrons", "Évron", "53600", 48.1500, -0.4100,
     "Aide à domicile des personnes âgées et des familles, en milieu rural."),
    ("compta-coop", "Compta Coop", LegalForm.SCOP, Relation.SUPPORT,
     ["services"], "pays-chateau-gontier", "Château-Gontier-sur-Mayenne", "53200",
     47.8320, -0.7100,
     "Coopérative d'expertise comptable au service des associations et des coopératives."),
    ("tiers-lieu-cosse", "Le Tiers-Lieu de Cossé", LegalForm.ASSOCIATION, Relation.ADHERENT,
     ["culture", "services"], "pays-craon", "Cossé-le-Vivien", "53230", 47.9450, -0.9125,
     "Espace de travail partagé, café associatif et salle de réunion à louer."),
    ("ferme-grez", "Ferme collective de Grez", LegalForm.OTHER_COOPERATIVE, Relation.ADHERENT,
     ["alimentation", "environnement"], "meslay-grez", "Grez-en-Bouère", "53290",
     47.8733, -0.5211,
     "Ferme en agriculture biologique gérée en coopérative, vente directe et accueil "
     "de scolaires."),
    ("atelier-numerique", "Atelier Numérique Solidaire", LegalForm.ASSOCIATION,
     Relation.SYMPATHISER, ["education", "insertion"], "mayenne-communaute",
     "Ambrières-les-Vallées", "53300", 48.3967, -0.6194,
     "Ordinateurs reconditionnés et ateliers pour apprendre les outils numériques."),
]

# Development accounts, one per structure (documented in README).
MEMBERS = [
    ("membre-roue-libre", "contact@roue-libre.example", "Alex", "Martin", "roue-libre"),
    ("membre-jardins", "contact@jardins-du-maine.example", "Sam", "Bernard", "jardins-du-maine"),
]

FICTITIOUS = "Structure fictive, pour la démonstration du site."


def _luhn_siret(seed: int) -> str:
    """A 14-digit number with a valid Luhn key, for fictitious structures."""
    body = f"{900000000 + seed * 7919:09d}0001"
    return body + luhn.calc_check_digit(body)


def _taxonomy(model, slug: str, name_fr: str, name_en: str, french: Locale, english: Locale):
    item = model.objects.filter(locale=french, slug=slug).first()
    if item is None:
        item = model.objects.create(locale=french, slug=slug, name=name_fr)
    if not model.objects.filter(locale=english, translation_key=item.translation_key).exists():
        translated = item.copy_for_translation(english)
        translated.name = name_en
        translated.save()
    return item


def load(log=lambda message: None) -> DirectoryIndexPage:
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=french, depth=2)
    index = child_page(
        home, DirectoryIndexPage, "annuaire", log, title="Annuaire", show_in_menus=True,
        intro="Les structures de l'économie sociale et solidaire en Mayenne : associations, "
        "coopératives, mutuelles, fondations et entreprises solidaires.",
    )
    translate_page(
        index, english, log, title="Directory", slug="directory",
        intro="The social and solidarity economy organisations of Mayenne: associations, "
        "cooperatives, mutuals, foundations and social enterprises.",
    )
    sectors = {slug: _taxonomy(Sector, slug, fr, en, french, english)
               for slug, fr, en in SECTORS}
    territories = {slug: _taxonomy(Territory, slug, name, name, french, english)
                   for slug, name in TERRITORIES}

    for number, (slug, name, legal_form, relation, sector_slugs, territory, city, postcode,
                 lat, lng, summary) in enumerate(STRUCTURES, start=1):
        if index.get_children().filter(slug=slug).exists():
            continue
        structure = StructurePage(
            title=name, slug=slug, locale=french, summary=summary,
            description=f"<p>{summary}</p><p><i>{FICTITIOUS}</i></p>",
            legal_form=legal_form, relation=relation, city=city, postcode=postcode,
            street_address=f"{number} rue de l'Exemple",
            latitude=Decimal(str(lat)), longitude=Decimal(str(lng)),
            phone=f"02 43 00 00 {number:02d}", email=f"contact@{slug}.example",
            website=f"https://{slug}.example/", siret=_luhn_siret(number),
            year_founded=1980 + number, staff_count=number % 7 * 3,
            volunteer_count=number * 4,
        )
        structure.sectors = [sectors[s] for s in sector_slugs]
        structure.territories = [territories[territory]]
        structure.tags.add("exemple")
        index.add_child(instance=structure)
        publish(structure)
        log(f"  + StructurePage « {name} »")

    User = get_user_model()
    for username, email, first, last, structure_slug in MEMBERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=email, first_name=first, last_name=last)
            user.set_password(DEMO_PASSWORD_HINT.replace("<username>", username))
            user.save()
            log(f"  + member {username}")
        structure = StructurePage.objects.get(locale=french, slug=structure_slug)
        Membership.objects.get_or_create(user=user, structure=structure)

    news = NewsPage.objects.filter(locale=french, slug="exemple-mutualiser-un-vehicule").first()
    if news and not news.related_structures.exists():
        news.related_structures = list(
            StructurePage.objects.filter(locale=french, slug__in=["roue-libre", "garage-solidaire"])
        )
        publish(news)
    return index
