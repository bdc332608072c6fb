"""Scale content of the editorial pages: thousands of French news articles and events.

`manage.py load_scale` runs each app's `scale` module after `load_demo`, in the order of
DESIGN.md's imports (home, directory, cooperation). What the three modules share lives
here, in the lowest app of that chain:

- `add_children()` and `add_aliases()` (home/bulk_pages.py) insert thousands of pages of
  one model under a parent, then their English aliases, in a few bulk queries. The pages
  are live and have no revision (Wagtail serves and edits such pages; the first edit makes
  one). No signal is sent: nothing is indexed (`load_scale` rebuilds the search index
  afterwards) and Wagtail's reference index is not updated
  (`manage.py rebuild_references_index` does it, if needed).
- `Writer`, a seeded builder of varied French sentences (sectors of the ESS, resources,
  towns of Mayenne, verbs), so that search has real work;
- `Figure`, what one kind of content took.

Everything is drawn from `random.Random` seeded by `--seed`: the same seed on the same demo
site, the same day, gives the same content (dates are relative to today, as in the demo).
"""

import datetime
import json
import random
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Page

from home.models import (
    EventIndexPage,
    EventPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
)

# The bulk insertion the apps' `scale` modules use, from here as the rest of what they share.
from .bulk_pages import add_aliases, add_children, add_links, tags, tree_problems  # noqa: F401

Log = Callable[[str], None]

# Kind of content → (default number, what it is), for `load_scale`'s options.
SIZES = {
    "news": (5000, "news articles"),
    "events": (2000, "events"),
}


@dataclass(frozen=True)
class Figure:
    """How long making `count` objects of one kind took."""

    kind: str
    count: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


class Stopwatch:
    """`with Stopwatch() as watch: …` then `watch.seconds`."""

    def __enter__(self) -> "Stopwatch":
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start


def aliased(kind: str, pages: Sequence[Page], log: Log) -> Figure:
    """The English aliases of `pages` (`add_aliases()`), timed as a kind of their own."""
    with Stopwatch() as watch:
        aliases = add_aliases(pages)
    if aliases:
        log(f"  + {len(aliases)} aliases of these {kind} under "
            f"{aliases[0].get_parent().url_path}")
    return Figure(f"{kind} aliases", len(aliases), watch.seconds)


def french_index(model: type[Page]) -> Page:
    """The French index page `load_demo` made (Actualités, Agenda, Annuaire, Coopération)."""
    index = model.objects.filter(locale__language_code="fr").order_by("path").first()
    if index is None:
        raise LookupError(
            f"Pas de {model._meta.verbose_name} en français : lancez d'abord load_demo. "
            f"(No French {model._meta.verbose_name}: run load_demo first.)"
        )
    return index


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

# (town, postcode, latitude, longitude, intercommunality as the directory's territories name it)
TOWNS = [
    ("Laval", "53000", 48.0707, -0.7734, "Laval Agglomération"),
    ("Changé", "53810", 48.0997, -0.7894, "Laval Agglomération"),
    ("Bonchamp-lès-Laval", "53960", 48.0739, -0.7006, "Laval Agglomération"),
    ("Saint-Berthevin", "53940", 48.0692, -0.8278, "Laval Agglomération"),
    ("L'Huisserie", "53970", 48.0225, -0.7706, "Laval Agglomération"),
    ("Louverné", "53950", 48.1219, -0.7175, "Laval Agglomération"),
    ("Argentré", "53210", 48.0833, -0.6417, "Laval Agglomération"),
    ("Entrammes", "53260", 47.9972, -0.7139, "Laval Agglomération"),
    ("Mayenne", "53100", 48.3031, -0.6136, "Mayenne Communauté"),
    ("Ambrières-les-Vallées", "53300", 48.3967, -0.6194, "Mayenne Communauté"),
    ("Martigné-sur-Mayenne", "53470", 48.2000, -0.6667, "Mayenne Communauté"),
    ("Château-Gontier-sur-Mayenne", "53200", 47.8286, -0.7028, "Pays de Château-Gontier"),
    ("Ménil", "53200", 47.7756, -0.6778, "Pays de Château-Gontier"),
    ("Saint-Denis-d'Anjou", "53290", 47.7903, -0.4425, "Pays de Château-Gontier"),
    ("Craon", "53400", 47.8478, -0.9497, "Pays de Craon"),
    ("Renazé", "53800", 47.7925, -1.0547, "Pays de Craon"),
    ("Cossé-le-Vivien", "53230", 47.9450, -0.9125, "Pays de Craon"),
    ("Ernée", "53500", 48.2975, -0.9314, "L'Ernée"),
    ("Chailland", "53420", 48.2264, -0.8697, "L'Ernée"),
    ("Andouillé", "53240", 48.1764, -0.7872, "L'Ernée"),
    ("Gorron", "53120", 48.4106, -0.8150, "Bocage Mayennais"),
    ("Landivy", "53190", 48.4786, -1.0347, "Bocage Mayennais"),
    ("Lassay-les-Châteaux", "53110", 48.4381, -0.4981, "Bocage Mayennais"),
    ("Pré-en-Pail-Saint-Samson", "53140", 48.4594, -0.1975, "Mont des Avaloirs"),
    ("Villaines-la-Juhel", "53700", 48.3444, -0.2853, "Mont des Avaloirs"),
    ("Javron-les-Chapelles", "53250", 48.4167, -0.3333, "Mont des Avaloirs"),
    ("Évron", "53600", 48.1561, -0.4047, "Coëvrons"),
    ("Sainte-Suzanne-et-Chammes", "53270", 48.0986, -0.3547, "Coëvrons"),
    ("Bais", "53160", 48.2525, -0.3647, "Coëvrons"),
    ("Meslay-du-Maine", "53170", 47.9544, -0.5503, "Pays de Meslay-Grez"),
    ("Grez-en-Bouère", "53290", 47.8733, -0.5211, "Pays de Meslay-Grez"),
    ("Ballée", "53340", 47.9339, -0.4069, "Pays de Meslay-Grez"),
]

# (subject, plural): the verb agrees.
SUBJECTS = [
    ("Les bénévoles", True), ("L'équipe salariée", False), ("Le conseil d'administration", False),
    ("Les habitants", True), ("Les structures adhérentes", True),
    ("Les partenaires du territoire", True), ("Les coopérateurs", True),
    ("Les jeunes accueillis", True), ("Les salariés en insertion", True),
    ("Les élus de la commune", True), ("La coopérative", False), ("L'association", False),
    ("Le collectif", False), ("Les familles du quartier", True),
]
# (singular, plural)
VERBS = [
    ("organise", "organisent"), ("mutualise", "mutualisent"), ("propose", "proposent"),
    ("accompagne", "accompagnent"), ("développe", "développent"), ("partage", "partagent"),
    ("finance", "financent"), ("anime", "animent"), ("fait vivre", "font vivre"),
    ("construit", "construisent"), ("prête", "prêtent"), ("valorise", "valorisent"),
    ("ouvre", "ouvrent"), ("imagine", "imaginent"), ("soutient", "soutiennent"),
]
OBJECTS = [
    "des ateliers de réparation de vélos", "un local partagé", "du matériel de sonorisation",
    "des véhicules utilitaires", "un jardin partagé", "des formations pour les bénévoles",
    "une cuisine collective", "des paniers de légumes bio", "un fonds de solidarité",
    "des équipements informatiques reconditionnés", "des chantiers participatifs",
    "des emplois partagés", "un tiers-lieu", "une épicerie solidaire", "des achats groupés",
    "une ressourcerie", "des locaux adaptés", "un chantier d'insertion", "une salle de réunion",
    "un service d'aide à domicile", "une recyclerie", "un atelier de couture",
    "des toitures solaires citoyennes", "un café associatif", "une ludothèque",
]
PURPOSES = [
    "pour favoriser le réemploi", "pour créer des emplois durables",
    "afin de mutualiser les moyens", "pour rompre l'isolement",
    "au service de l'économie sociale et solidaire", "pour réduire les déchets",
    "en lien avec les collectivités", "avec le soutien de l'APESS 53",
    "dans une démarche de coopération", "pour faciliter la mobilité des salariés",
    "pour les personnes éloignées de l'emploi", "avec les écoles du secteur",
    "dans le respect des valeurs de l'ESS", "grâce à l'épargne solidaire",
]
OPENINGS = [
    "Depuis {year}, ", "Chaque semaine, ", "Cette année, ", "Grâce au réseau, ",
    "Au printemps, ", "Avec l'appui des communes, ", "", "", "",
]
THINGS = [
    "une recyclerie", "un tiers-lieu", "une épicerie solidaire", "un atelier vélo",
    "un jardin partagé", "une cuisine collective", "un garage solidaire", "une ressourcerie",
    "un repair café", "une ludothèque", "une coopérative d'habitants", "un café associatif",
]
THEMES = [
    "emploi et insertion", "réemploi et économie circulaire", "mobilité solidaire",
    "alimentation durable", "finance solidaire", "habitat participatif",
    "coopération entre structures", "numérique solidaire", "vie associative",
    "transition écologique", "mutualisation de véhicules", "équipements partagés",
]
SKILLS = [
    "premiers secours", "gestion associative", "comptabilité", "communication",
    "animation de réunions", "réparation de vélos", "montage de projets européens",
    "accueil des bénévoles", "achats responsables",
]
SHARED = [
    "un véhicule utilitaire", "leurs locaux", "un poste de comptable",
    "leurs achats de fournitures", "du matériel de sonorisation", "une salle de réunion",
    "un vélo cargo", "leurs équipements de cuisine",
]


def de(words: str) -> str:
    """« de Laval », « d'Évron »: French elision before a vowel or a mute h."""
    return f"d'{words}" if words[:1].lower() in "aeiouyéèêh" else f"de {words}"


def bare(words: str) -> str:
    """« des tables pliantes » → « tables pliantes »: the words without their article."""
    for article in ("un ", "une ", "des ", "du ", "de la ", "de l'", "l'"):
        if words.startswith(article):
            return words[len(article):]
    return words


def capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


class Writer:
    """Varied French sentences from seeded random choices."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: Sequence):
        return self.rng.choice(items)

    def town(self) -> tuple:
        return self.rng.choice(TOWNS)

    def sentence(self, town: str = "") -> str:
        town = town or self.town()[0]
        place = self.pick([f"à {town}", f"autour {de(town)}", "en Mayenne",
                           f"dans le secteur {de(town)}", "en milieu rural"])
        opening = self.pick(OPENINGS).format(year=self.rng.randint(1995, 2024))
        subject, plural = self.pick(SUBJECTS)
        if opening:
            subject = subject[0].lower() + subject[1:]
        verb = self.pick(VERBS)[1 if plural else 0]
        text = f"{opening}{subject} {verb} {self.pick(OBJECTS)} {place} {self.pick(PURPOSES)}."
        return text[0].upper() + text[1:]

    def paragraph(self, town: str = "", sentences: tuple[int, int] = (2, 4)) -> str:
        return " ".join(self.sentence(town) for _ in range(self.rng.randint(*sentences)))

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: datetime.date, hours: tuple[int, int] = (8, 19)) -> datetime.datetime:
        clock = datetime.time(self.rng.randint(*hours), self.rng.choice((0, 15, 30, 45)))
        return timezone.make_aware(datetime.datetime.combine(day, clock))

    def body(self, town: str, paragraphs: tuple[int, int] = (2, 5)) -> str:
        """A StreamField body of paragraphs and sometimes a heading (block ids seeded too)."""
        blocks = []
        for number in range(self.rng.randint(*paragraphs)):
            if number == 1 and self.rng.random() < 0.5:
                blocks.append({"type": "heading", "id": str(self.uuid()), "value": {
                    "text": self.pick(["En pratique", "Les partenaires", "Et ensuite ?",
                                       "Pour participer", "Quelques chiffres"]),
                    "level": "h2"}})
            blocks.append({"type": "paragraph", "id": str(self.uuid()),
                           "value": f"<p>{self.paragraph(town)}</p>"})
        return json.dumps(blocks, ensure_ascii=False)


# ---------------------------------------------------------------------------
# News and events
# ---------------------------------------------------------------------------

NEWS_TITLES = [
    "À {town}, {thing} ouvre ses portes",
    "Mois de l'ESS : {n} structures se présentent à {town}",
    "{n} associations {de_town} mutualisent {shared}",
    "Retour sur la rencontre « {theme} » à {town}",
    "Appel à projets « {theme} » : candidatures ouvertes",
    "Une coopérative {de_town} recrute {n} salariés en insertion",
    "Formation {skill} pour les bénévoles à {town}",
    "{Thing} {de_town} fête ses {n} ans",
    "Chantier participatif à {town} : appel aux bénévoles",
    "L'APESS 53 accueille {n} nouvelles structures adhérentes",
    "Portrait : {thing} au cœur {de_town}",
    "Économie circulaire : {n} tonnes d'objets réemployés à {town}",
    "Mobilité : un vélo cargo partagé entre associations à {town}",
    "{theme_cap} : ce qui change en {year}",
]
NEWS_TAGS = [
    "vie du réseau", "mois de l'ESS", "emploi", "mobilité", "réemploi", "alimentation",
    "formation", "coopération", "financement", "culture", "insertion", "numérique",
]
EVENT_KINDS = [
    "Atelier", "Rencontre", "Forum", "Formation", "Café-débat", "Portes ouvertes",
    "Assemblée générale", "Conférence", "Projection-débat", "Marché solidaire", "Repair café",
    "Visite",
]
EVENT_PLACES = [
    "Salle des fêtes", "Médiathèque", "Tiers-lieu", "Maison des associations",
    "Espace culturel", "Salle polyvalente", "Ferme collective", "Centre social",
]
STREETS = [
    "rue de la République", "place du Marché", "rue des Écoles", "avenue de Paris",
    "rue du Général-de-Gaulle", "chemin des Vignes", "rue de la Gare", "place de l'Église",
    "boulevard Jourdan", "rue du Pont-de-Mayenne", "allée des Tilleuls",
]


def _fill(writer: Writer, template: str, town: str) -> str:
    thing = writer.pick(THINGS)
    theme = writer.pick(THEMES)
    return template.format(
        town=town, de_town=de(town), thing=thing, Thing=thing[0].upper() + thing[1:],
        n=writer.rng.randint(2, 25), shared=writer.pick(SHARED), theme=theme,
        theme_cap=theme[0].upper() + theme[1:], skill=writer.pick(SKILLS),
        year=writer.rng.randint(2018, 2026),
    )


def _news(count: int, writer: Writer, log: Log) -> list[Figure]:
    with Stopwatch() as watch:
        index = french_index(NewsIndexPage)
        categories = list(NewsCategory.objects.filter(locale=index.locale).order_by("slug"))
        image = Image.objects.filter(title="Illustration actualités").first()
        today = timezone.localdate()
        pages = []
        for _ in range(count):
            town = writer.town()[0]
            day = today - datetime.timedelta(days=writer.rng.randint(0, 8 * 365))
            published = writer.moment(day)
            pages.append(NewsPage(
                title=_fill(writer, writer.pick(NEWS_TITLES), town),
                intro=writer.paragraph(town, (1, 2))[:600],
                body=writer.body(town),
                date=day,
                category=writer.pick(categories) if categories else None,
                featured_image=image if image and writer.rng.random() < 0.2 else None,
                translation_key=writer.uuid(),
                first_published_at=published,
                last_published_at=published,
            ))
        add_children(index, pages)
        chosen = tags(NEWS_TAGS)
        links = add_links(NewsPageTag, (
            {"content_object_id": page.pk, "tag_id": chosen[name].pk}
            for page in pages for name in writer.rng.sample(NEWS_TAGS, writer.rng.randint(0, 3))
        ))
    log(f"  + {count} NewsPage under {index.url_path} ({links} tags)")
    return [Figure("news", count, watch.seconds), aliased("news", pages, log)]


def _events(count: int, writer: Writer, log: Log) -> list[Figure]:
    with Stopwatch() as watch:
        index = french_index(EventIndexPage)
        today = timezone.localdate()
        pages = []
        for _ in range(count):
            town, postcode, *_rest = writer.town()
            # About one event in ten is still to come (the next six months), the rest are past.
            if writer.rng.random() < 0.1:
                day = today + datetime.timedelta(days=writer.rng.randint(1, 180))
            else:
                day = today - datetime.timedelta(days=writer.rng.randint(1, 4 * 365))
            start = writer.moment(day, (9, 20))
            kind = writer.pick(EVENT_KINDS)
            topic = writer.pick(THEMES + SKILLS)
            place = writer.pick(EVENT_PLACES)
            announced = writer.moment(day - datetime.timedelta(days=writer.rng.randint(7, 60)))
            pages.append(EventPage(
                title=f"{kind} « {topic} » à {town}",
                intro=f"{kind} ouvert à tous, {place.lower()} {de(town)}. "
                      + writer.sentence(town),
                body=writer.body(town, (1, 3)),
                start=start,
                end=start + datetime.timedelta(hours=writer.rng.randint(1, 8)),
                place_name=f"{place} {de(town)}",
                street_address=f"{writer.rng.randint(1, 60)} {writer.pick(STREETS)}",
                postcode=postcode,
                city=town,
                registration_url=(
                    f"https://inscriptions.example/{writer.rng.randint(1000, 9999)}"
                    if writer.rng.random() < 0.3 else ""
                ),
                translation_key=writer.uuid(),
                first_published_at=announced,
                last_published_at=announced,
            ))
        add_children(index, pages)
    log(f"  + {count} EventPage under {index.url_path}")
    return [Figure("events", count, watch.seconds), aliased("events", pages, log)]


def load(sizes: Mapping[str, int], seed: int, log: Log = lambda message: None) -> list[Figure]:
    """Add `sizes["news"]` news articles and `sizes["events"]` events, French, live, and
    their English aliases."""
    figures = []
    if sizes.get("news"):
        figures.extend(_news(sizes["news"], Writer(random.Random(f"{seed}:news")), log))
    if sizes.get("events"):
        figures.extend(_events(sizes["events"], Writer(random.Random(f"{seed}:events")), log))
    return figures
