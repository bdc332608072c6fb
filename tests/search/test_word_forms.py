"""Every French word form finds the page that holds the word, whatever its ending: invariable
words in -s, -x, -z ("mois" is not "moi"), plurals and singulars, accents typed or not,
elisions, hyphens, short words. On SQLite and PostgreSQL alike (run with DATABASE_URL).

Each test builds its own page (and a control page holding none of the words), so that no
demo text change can break it; both are indexed on publication, as any page is.
"""

import pytest

from home.models import HomePage, StandardPage

from .results import all_result_urls, language_and_slug

pytestmark = pytest.mark.django_db

# (row id, what the visitor types, the sentence the page holds)
WORD_FORMS = [
    # --- Invariable words ending in -s, -x, -z: the word as typed is always looked for
    ("mois", "mois", "Le mois de l'ESS en novembre."),
    ("mois-de-l-ess", "Mois de l'ESS", "Le mois de l'ESS en novembre."),
    ("mois-curly-apostrophe", "mois de l’ESS", "Le Mois de l'ESS en novembre."),
    ("bois", "bois", "Du bois de chauffage."),
    ("fois", "fois", "Deux fois par an."),
    ("temps", "temps", "Un emploi à temps partagé."),
    ("prix", "prix", "Un prix libre."),
    ("voix", "voix", "Une voix par adhérent."),
    ("nez", "nez", "Un nez rouge de clown."),
    ("gaz", "gaz", "Une bouteille de gaz."),
    ("corps", "corps", "Le corps de ferme."),
    ("repas", "repas", "Un repas partagé."),
    ("cours", "cours", "Des cours de couture."),
    ("pays", "pays", "Le pays de Craon."),
    ("avis", "avis", "Votre avis compte."),
    ("bras", "bras", "Des bras pour le chantier."),
    ("palais", "palais", "Le palais des sports."),
    ("choix", "choix", "Un large choix."),
    ("riz", "riz", "Du riz bio."),
    ("bus", "bus", "Une ligne de bus."),
    ("colis", "colis", "Des colis alimentaires."),
    ("puits", "puits", "Un puits."),
    ("souris", "souris", "Une souris d'ordinateur."),
    ("relais", "relais", "Un point relais."),
    ("frais", "frais", "Des frais de port."),
    ("taux", "taux", "Un taux réduit."),
    ("tapis", "tapis", "Un tapis de sol."),
    ("ananas", "ananas", "Du jus d'ananas."),
    ("jus", "jus", "Du jus de pomme."),
    ("dos", "dos", "Un sac à dos."),
    # --- Plurals and singulars, either way
    ("velos-finds-velo", "vélos", "Un vélo cargo."),
    ("velo-finds-velos", "velo", "Des vélos cargo."),
    ("bureaux-finds-bureau", "bureaux", "Un bureau partagé."),
    ("bureau-finds-bureaux", "bureau", "Des bureaux partagés."),
    ("chevaux-finds-cheval", "chevaux", "Un cheval de trait."),
    ("cheval-finds-chevaux", "cheval", "Des chevaux de trait."),
    ("locaux-finds-local", "locaux", "Un local associatif."),
    ("local-finds-locaux", "local", "Des locaux associatifs."),
    ("jeux-finds-jeu", "jeux", "Un jeu de société."),
    ("jeu-finds-jeux", "jeu", "Des jeux de société."),
    ("tuyau-finds-tuyaux", "tuyau", "Des tuyaux d'arrosage."),
    ("tuyaux-finds-tuyau", "tuyaux", "Un tuyau d'arrosage."),
    ("journaux-finds-journal", "journaux", "Un journal local."),
    ("bijoux-finds-bijou", "bijoux", "Un bijou."),
    ("feux-finds-feu", "feux", "Un feu de camp."),
    ("feu-finds-feux", "feu", "Des feux de camp."),
    ("tables-finds-table", "tables", "Une table pliante."),
    ("chaises-finds-chaise", "chaises", "Une chaise."),
    ("outil-finds-outils", "outil", "Des outils de jardin."),
    ("eaux-finds-eau", "eaux", "L'eau potable."),
    ("lieux-finds-lieu", "lieux", "Un lieu de vie."),
    ("amis-finds-ami", "amis", "Un ami de la ferme."),
    ("ami-finds-amis", "ami", "Les amis de la ferme."),
    # --- Accents typed or not, upper case
    ("equipement-unaccented", "equipement", "Un équipement sportif."),
    ("equipement-accented-page-without", "équipement", "Un equipement sportif."),
    ("electricite", "electricite", "De l'électricité verte."),
    ("energie-finds-energies", "énergie", "Les énergies renouvelables."),
    ("energies-upper", "ÉNERGIES", "Une énergie."),
    ("reemploi", "reemploi", "Le réemploi."),
    ("creche", "creche", "Une crèche parentale."),
    ("cafe", "cafe", "Un café associatif."),
    ("noel", "noel", "Le marché de Noël."),
    ("oeuvre-ligature-in-page", "oeuvre", "Une œuvre collective."),
    ("oeuvre-ligature-typed", "œuvre", "Une oeuvre collective."),
    ("coeur", "coeur", "Le cœur du village."),
    ("ecole-upper-accent", "ecole", "L'École du vent."),
    # --- Elisions, straight or curly apostrophe
    ("elision-atelier", "l'atelier", "Un atelier de réparation."),
    ("elision-insertion", "d'insertion", "Chantier d’insertion."),
    ("elision-qu", "qu'ensemble", "Agir ensemble."),
    ("elision-curly-economie", "l’économie", "Économie sociale."),
    ("elision-aujourd-hui", "aujourd'hui", "Ouvert aujourd'hui."),
    ("elision-page-only", "association", "L'association du quartier."),
    # --- Hyphens
    ("hyphen-porte-a-porte", "porte-à-porte", "Une collecte en porte-à-porte."),
    ("hyphen-typed-apart", "porte à porte", "Une collecte en porte-à-porte."),
    ("hyphen-eco-construction", "éco-construction", "L'éco-construction en paille."),
    ("hyphen-eco-construction-apart", "eco construction", "L'éco-construction en paille."),
    ("hyphen-main-d-oeuvre", "main-d'oeuvre", "De la main-d'œuvre qualifiée."),
    ("hyphen-place-name", "Saint-Berthevin", "À Saint-Berthevin."),
    # --- Short words
    ("short-ess", "ESS", "Les acteurs de l'ESS."),
    ("short-bio", "bio", "Des légumes bio."),
    ("short-cle", "clé", "Des clés USB."),
    ("short-ados", "ados", "Un groupe d'ado."),
    ("short-wifi", "wifi", "Le wifi gratuit."),
    ("short-tva", "TVA", "Hors TVA."),
    ("short-vin", "vin", "Du vin."),
    ("short-sel", "sel", "Du sel."),
    ("short-arts", "art", "Les arts de la rue."),
    ("short-lin", "lin", "Du lin."),
    ("short-car", "car", "Un car scolaire."),
    ("short-zoo", "zoo", "Une sortie au zoo."),
    # --- Several words at once: every one must be met, each in any of its forms
    ("two-words", "vélos cargo", "Un vélo cargo."),
    ("two-short-words", "bois mois", "Le mois du bois."),
]

CONTROL_TEXT = "Calendrier du club de lecture."


def test_the_table_is_well_formed():
    ids = [row[0] for row in WORD_FORMS]
    assert len(ids) >= 60
    assert len(ids) == len(set(ids)), "duplicate row ids"


def publish(home: HomePage, slug: str, text: str) -> StandardPage:
    page = StandardPage(title="Fiche", slug=slug, intro=text)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("query", "text"),
    [pytest.param(query, text, id=row_id) for row_id, query, text in WORD_FORMS],
)
def test_a_word_form_finds_the_page_holding_the_word(client, demo, query, text):
    publish(demo, "fiche-mot", text)
    publish(demo, "fiche-temoin", CONTROL_TEXT)

    found = {language_and_slug(url) for url in all_result_urls(client, "fr", {"q": query})}

    assert ("fr", "fiche-mot") in found, f"{query!r} does not find {text!r}"
    # The query does not match just anything: the page without the word stays out.
    assert ("fr", "fiche-temoin") not in found
