"""Scale content of the directory: thousands of French structures (see home/scale.py).

Structures get one to three sectors, the territory of their town, tags, an address and
(mostly) coordinates near their town. One news article in ten is then linked to one or two
structures (a news page's related structures, as directory/demo.py does for the demo).
"""

import datetime
import random
from collections.abc import Mapping
from decimal import Decimal

from stdnum import luhn

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from home.bulk_pages import alias_rows
from home.models import NewsPage
from home.scale import (
    OBJECTS,
    PURPOSES,
    Figure,
    Log,
    Stopwatch,
    Writer,
    add_children,
    add_links,
    aliased,
    de,
    french_index,
    tags,
)

from .models import (
    DirectoryIndexPage,
    LegalForm,
    Relation,
    Sector,
    StructurePage,
    StructurePageTag,
    Territory,
)

SIZES = {"structures": (2000, "structure pages")}

# Weights, roughly those of the ESS in a French department.
LEGAL_FORMS = [
    (LegalForm.ASSOCIATION, 60), (LegalForm.SCOP, 8), (LegalForm.SCIC, 6), (LegalForm.CAE, 2),
    (LegalForm.OTHER_COOPERATIVE, 4), (LegalForm.MUTUAL, 4), (LegalForm.FOUNDATION, 3),
    (LegalForm.ESUS, 10), (LegalForm.OTHER, 3),
]
RELATIONS = [
    (Relation.ADHERENT, 30), (Relation.SYMPATHISER, 40), (Relation.PARTNER, 15),
    (Relation.SUPPORT, 10), (Relation.FUNDER, 5),
]
PREFIXES = {
    LegalForm.ASSOCIATION: ["Association", "Collectif", "Amicale", "Réseau", "Maison"],
    LegalForm.SCOP: ["SCOP", "Coopérative ouvrière"],
    LegalForm.SCIC: ["SCIC", "Coopérative d'intérêt collectif"],
    LegalForm.CAE: ["Coopérative d'activité et d'emploi"],
    LegalForm.OTHER_COOPERATIVE: ["Coopérative", "CUMA"],
    LegalForm.MUTUAL: ["Mutuelle"],
    LegalForm.FOUNDATION: ["Fondation", "Fonds de dotation"],
    LegalForm.ESUS: ["Entreprise solidaire", "Entreprise d'insertion"],
    LegalForm.OTHER: ["Groupement", "Union"],
}
# What a structure of each demo sector does (other sectors get the generic activities).
ACTIVITIES = {
    "insertion": ["chantier d'insertion", "régie de quartier", "atelier d'insertion",
                  "entreprise d'insertion"],
    "alimentation": ["épicerie solidaire", "jardin partagé", "AMAP", "cuisine collective",
                     "ferme collective", "légumerie"],
    "culture": ["théâtre", "compagnie de danse", "café-lecture", "école de musique",
                "cinéma associatif"],
    "environnement": ["recyclerie", "ressourcerie", "repair café", "énergie citoyenne",
                      "compostage partagé"],
    "mobilite": ["atelier vélo", "garage solidaire", "autopartage", "transport solidaire"],
    "habitat": ["habitat partagé", "auto-réhabilitation", "charpente", "écoconstruction"],
    "sante-social": ["aide à domicile", "accueil de jour", "centre social", "maison de santé"],
    "education": ["éducation populaire", "maison des jeunes", "ludothèque",
                  "centre de loisirs"],
    "finance": ["CIGALES", "épargne solidaire", "microcrédit", "fonds solidaire"],
    "services": ["tiers-lieu", "groupement d'employeurs", "comptabilité coopérative",
                 "informatique solidaire"],
}
GENERIC_ACTIVITIES = ["entraide", "solidarité locale", "coopération"]
NAMES = [
    "La Fourmi", "Le Colibri", "L'Étincelle", "La Passerelle", "Le Relais", "La Ruche",
    "Les Partageurs", "Le Grain de Sel", "La Clé des Champs", "L'Envol", "Bocage Vivant",
    "Terre d'Entraide", "La Boussole", "Le Fil d'Ariane", "Les Tisserands", "La Source",
    "Le Pont", "L'Atelier Commun", "La Main Verte", "Les Écluses", "Le Lavoir", "La Mayenne",
]
PUBLICS = [
    "les habitants", "les familles", "les jeunes de 11 à 25 ans", "les personnes âgées",
    "les demandeurs d'emploi", "les associations du territoire", "les agriculteurs",
    "les écoles", "les entreprises locales", "les personnes en situation de handicap",
]
STRUCTURE_TAGS = [
    "réemploi", "circuit court", "insertion", "bénévolat", "jeunesse", "vélo", "numérique",
    "bio", "solidarité", "formation", "tiers-lieu", "mutualisation",
]
STREETS = [
    "rue des Lilas", "avenue de la Libération", "rue du Maine", "place Victor-Hugo",
    "rue des Artisans", "boulevard Jean-Jaurès", "route de Bretagne", "chemin des Prés",
]
NEWS_LINK_SHARE = 0.1


def _weighted(rng: random.Random, choices: list[tuple]) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def siret(number: int) -> str:
    """A fictitious 14-digit SIRET number with a valid Luhn key."""
    body = f"{910000000 + number * 7919:09d}0001"
    return body + luhn.calc_check_digit(body)


def _structure(writer: Writer, number: int, sectors: list[Sector]) -> tuple:
    """An unsaved StructurePage and its sectors, tags and intercommunality name."""
    rng = writer.rng
    town, postcode, latitude, longitude, territory = writer.town()
    legal_form = _weighted(rng, LEGAL_FORMS)
    its_sectors = rng.sample(sectors, min(len(sectors), rng.choice((1, 1, 2, 2, 3))))
    activity = writer.pick(
        ACTIVITIES.get(its_sectors[0].slug, GENERIC_ACTIVITIES) if its_sectors
        else GENERIC_ACTIVITIES
    )
    title = writer.pick([
        f"{activity[0].upper()}{activity[1:]} {de(town)}",
        f"{writer.pick(PREFIXES[legal_form])} {writer.pick(NAMES)}",
        f"{writer.pick(NAMES)} – {activity}",
        f"{writer.pick(PREFIXES[legal_form])} {activity} {de(town)}",
    ])
    summary = (
        f"{activity[0].upper()}{activity[1:]} qui {writer.pick(['propose', 'organise', 'anime'])}"
        f" {writer.pick(OBJECTS)} pour {writer.pick(PUBLICS)} {de(town)}, "
        f"{writer.pick(PURPOSES)}."
    )[:300]
    description = "".join(f"<p>{writer.paragraph(town)}</p>" for _ in range(rng.randint(2, 4)))
    description += "<p><i>Structure fictive, générée pour les essais de charge.</i></p>"
    mapped = rng.random() < 0.85
    page = StructurePage(
        title=title,
        summary=summary,
        description=description,
        legal_form=legal_form,
        relation=_weighted(rng, RELATIONS),
        street_address=f"{rng.randint(1, 80)} {writer.pick(STREETS)}",
        postcode=postcode,
        city=town,
        latitude=Decimal(f"{latitude + rng.uniform(-0.02, 0.02):.6f}") if mapped else None,
        longitude=Decimal(f"{longitude + rng.uniform(-0.02, 0.02):.6f}") if mapped else None,
        phone=f"02 43 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        email=f"contact-{number}@structures-ess53.example",
        website=f"https://{slugify(title)[:40].strip('-')}.example/" if rng.random() < 0.6 else "",
        siret=siret(1000 + number) if rng.random() < 0.7 else "",
        year_founded=rng.randint(1901, 2024),
        staff_count=int(rng.expovariate(1 / 8)),
        volunteer_count=int(rng.expovariate(1 / 25)),
        translation_key=writer.uuid(),
        slug=title,
    )
    published = writer.moment(timezone.localdate() - datetime.timedelta(days=rng.randint(0, 2000)))
    page.first_published_at = page.last_published_at = published
    return page, its_sectors, rng.sample(STRUCTURE_TAGS, rng.randint(0, 3)), territory


def _through(field: str):
    return StructurePage._meta.get_field(field).remote_field.through


def _link_news(writer: Writer, structures: list[StructurePage], locale: Locale) -> int:
    """One French news article in ten mentions one or two of the new structures; so do its
    aliases (Wagtail keeps an alias's relations equal to its source's)."""
    if not structures:
        return 0
    news = list(NewsPage.objects.filter(locale=locale).order_by("pk").values_list("pk", flat=True))
    through = NewsPage._meta.get_field("related_structures").remote_field.through
    already = set(through.objects.values_list("newspage_id", "structurepage_id"))
    rows = set()
    for news_id in news:
        if writer.rng.random() < NEWS_LINK_SHARE:
            for structure in writer.rng.sample(structures, min(2, writer.rng.randint(1, 2))):
                if (news_id, structure.pk) not in already:
                    rows.add((news_id, structure.pk))
    rows = sorted(rows)
    return add_links(through, (
        {"newspage_id": news_id, "structurepage_id": structure_id}
        for news_id, structure_id in rows + alias_rows(rows)
    ))


def load(sizes: Mapping[str, int], seed: int, log: Log = lambda message: None) -> list[Figure]:
    count = sizes.get("structures", 0)
    if not count:
        return []
    writer = Writer(random.Random(f"{seed}:structures"))
    with Stopwatch() as watch:
        index = french_index(DirectoryIndexPage)
        sectors = list(Sector.objects.filter(locale=index.locale).order_by("slug"))
        territories = {t.name: t for t in Territory.objects.filter(locale=index.locale)}
        made = [_structure(writer, number, sectors) for number in range(count)]
        pages = add_children(index, [page for page, *_rest in made])
        chosen = tags(STRUCTURE_TAGS)
        add_links(_through("sectors"), (
            {"structurepage_id": page.pk, "sector_id": sector.pk}
            for page, its_sectors, _tags, _territory in made for sector in its_sectors
        ))
        add_links(_through("territories"), (
            {"structurepage_id": page.pk, "territory_id": territories[territory].pk}
            for page, _sectors, _tags, territory in made if territory in territories
        ))
        add_links(StructurePageTag, (
            {"content_object_id": page.pk, "tag_id": chosen[name].pk}
            for page, _sectors, its_tags, _territory in made for name in its_tags
        ))
        links = _link_news(writer, pages, index.locale)
    log(f"  + {count} StructurePage under {index.url_path} ({links} news links, aliases' included)")
    return [Figure("structures", count, watch.seconds), aliased("structures", pages, log)]
