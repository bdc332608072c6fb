"""What a French visitor expects the search page to find in the demo site: data only.

Each row is (id, language, query string, expected), where `expected` may hold:
- "found": slugs that must be among the results (every page of results);
- "not_found": slugs that must not be;
- "exactly": the complete set of results (an empty set: nothing is found);
- "first": the slug of the first result.

Every expectation was worked out by reading the demo content (home/demo/texts.py,
directory/demo.py, cooperation/demo.py), not by running the search. Reminders:
- listings annonce-01…40: offers for odd numbers, requests for even ones; each posted by the
  structure whose activity it fits (roue-libre, Laval: 01, 04, 19, 35; recyclerie-ernee,
  Ernée: 33; compta-coop and theatre-itinerant, Château-Gontier: 07, 31 and 08, 25…); a
  listing's text holds its structure's name ("Atelier vélo Roue Libre"), its town and its
  category's name ("Véhicules");
- annonce-04, -14, -24, -34 are fulfilled (closed): never found;
- English has translations (association, join, legal-notice, van-at-weekends = annonce-01)
  and untranslated aliases of everything else (same slugs, under /en/);
- the Snowball French stemmer alone does not join "vélos" with "vélo", nor "équipée" with
  "équipement": no row relies on either joining them or not.
"""

QUERY_TABLE = [
    # --- Accents left out ---------------------------------------------------------------
    ("accent-cooperative", "fr", {"q": "cooperative"}, {
        # "Société coopérative…", "Coopérative d'intérêt collectif…", "Coopérative d'activité…",
        # "Coopérative d'habitants", "Coopérative d'expertise comptable", "gérée en coopérative".
        "found": {"scop-charpente", "scic-energie", "cae-entreprendre", "habitat-partage",
                  "compta-coop", "ferme-grez"},
    }),
    ("accent-reemploi", "fr", {"q": "reemploi"}, {
        # "ateliers de réemploi", "Réemploi, réparation…", and the sector "Environnement et
        # réemploi" of the Roue Libre, Énergies Citoyennes and Ferme de Grez; the requests for
        # a room for "matériel" or "meubles de réemploi" are fulfilled.
        "found": {"recyclerie-ernee", "ressourcerie-lassay", "roue-libre", "scic-energie",
                  "ferme-grez"},
        "not_found": {"annonce-04", "annonce-24"},
    }),
    ("accent-velo", "fr", {"q": "velo"}, {
        # "Atelier vélo Roue Libre". Not "first": whether "Vélos cargo" (another title) is
        # found too depends on the plural (see above).
        "found": {"roue-libre"},
    }),
    ("accent-energie", "fr", {"q": "energie"}, {
        "found": {"scic-energie"},  # "Énergies Citoyennes 53"
        "first": "scic-energie",
    }),
    ("accent-evenements", "fr", {"q": "evenements"}, {
        # "Tables et chaises pour vos événements"; "événement d'ampleur régionale".
        "found": {"annonce-05", "association"},
    }),
    ("accent-electricite-closed", "fr", {"q": "electricite verte"}, {
        # Only "Achat groupé d'électricité verte", fulfilled.
        "exactly": set(),
    }),
    # --- Upper case -------------------------------------------------------------------------
    ("upper-mutuelle", "fr", {"q": "MUTUELLE"}, {
        # "Mutuelle Solidaire du Bocage" in its title; "mutuelles" in "Adhérer".
        "found": {"mutuelle-bocage", "adherer"},
        "first": "mutuelle-bocage",
    }),
    ("upper-velo-accent", "fr", {"q": "VÉLO"}, {"found": {"roue-libre"}}),
    ("mixed-case-recyclerie", "fr", {"q": "Recyclerie"}, {
        # The structure, then the listings it posted (its name is in their text).
        "found": {"recyclerie-ernee", "annonce-33"},
        "first": "recyclerie-ernee",
    }),
    # --- Other word forms -------------------------------------------------------------------
    ("inflection-mutualiser", "fr", {"q": "mutualiser"}, {
        # The news "mutualiser un véhicule…" (title), "la mutualisation" in L'association,
        # "louer ou mutualiser" in the workshop event.
        "found": {"exemple-mutualiser-un-vehicule", "association", "exemple-atelier-cooperation"},
        "first": "exemple-mutualiser-un-vehicule",
    }),
    ("inflection-mutualisation", "fr", {"q": "mutualisation"}, {
        "found": {"exemple-mutualiser-un-vehicule", "association", "exemple-atelier-cooperation"},
    }),
    ("inflection-locaux", "fr", {"q": "locaux"}, {
        # Listings of the category "Locaux"; "matériel, locaux, véhicules" in Adhérer;
        # "des locaux" in the news. The storage rooms are fulfilled.
        "found": {"annonce-03", "annonce-15", "annonce-16", "annonce-29", "adherer",
                  "exemple-mutualiser-un-vehicule"},
        "not_found": {"annonce-04", "annonce-24"},
    }),
    ("inflection-local", "fr", {"q": "local"}, {
        "found": {"annonce-03", "annonce-15", "annonce-16", "annonce-29", "adherer"},
        "not_found": {"annonce-04", "annonce-24"},
    }),
    ("inflection-vehicules", "fr", {"q": "vehicules"}, {
        # The news (title), "réparation de véhicules", Adhérer, the category "Véhicules".
        "found": {"exemple-mutualiser-un-vehicule", "garage-solidaire", "adherer",
                  "annonce-01", "annonce-02", "annonce-19", "annonce-21", "annonce-28",
                  "annonce-36"},
    }),
    ("inflection-vehicule", "fr", {"q": "vehicule"}, {
        "found": {"exemple-mutualiser-un-vehicule", "garage-solidaire"},
        "first": "exemple-mutualiser-un-vehicule",
    }),
    ("inflection-associations", "fr", {"q": "associations"}, {
        # "L'association", "Associations, coopératives…", "entre associations",
        # "au service des associations", "Trois associations cherchent…".
        "found": {"association", "adherer", "exemple-mutualiser-un-vehicule", "compta-coop",
                  "annonce-08"},
    }),
    ("inflection-reparer", "fr", {"q": "reparer"}, {
        # "réparation de vélos", "réparation de véhicules", "Réemploi, réparation…".
        "found": {"roue-libre", "garage-solidaire", "ressourcerie-lassay"},
    }),
    ("inflection-benevole", "fr", {"q": "benevole"}, {
        # "vos bénévoles", "bénévoles européens", "Bénévoles menuisiers", "Bénévoles pour
        # présenter le solaire".
        "found": {"annonce-09", "annonce-12", "annonce-20", "annonce-26"},
    }),
    ("inflection-financement", "fr", {"q": "financement"}, {
        # "pour financer", "qui finance", the sector "Finance solidaire", "Financements",
        # "cherchent à financer ensemble".
        "found": {"cigales-53", "scic-energie", "fondation-avenir", "association",
                  "annonce-08"},
    }),
    ("title-first-jardin", "fr", {"q": "jardin"}, {
        # "Les Jardins du Maine" in its title, "bacs de jardin" in a listing's text.
        "found": {"jardins-du-maine", "annonce-20"},
        "first": "jardins-du-maine",
    }),
    # --- Several words: all of them must be there ------------------------------------------
    ("and-velo-reparation", "fr", {"q": "velo reparation"}, {
        "found": {"roue-libre"},
        # Repairs without bicycles; the Roue Libre's listings without repairs.
        "not_found": {"garage-solidaire", "ressourcerie-lassay", "annonce-01", "annonce-19"},
    }),
    ("and-cuisine-ecoles", "fr", {"q": "cuisine ecoles"}, {
        # "Cuisine partagée … des repas … pour les écoles"; not the professional kitchen
        # offers, nor "interventions dans les écoles".
        "exactly": {"cuisine-collective"},
    }),
    ("and-chateau-gontier", "fr", {"q": "chateau gontier"}, {
        # Château-Gontier-sur-Mayenne, and the listings posted there; not Lassay-les-Châteaux.
        "exactly": {"theatre-itinerant", "compta-coop", "annonce-07", "annonce-08",
                    "annonce-25", "annonce-31"},
    }),
    ("and-camion-week-end", "fr", {"q": "camion week-end"}, {
        "exactly": {"annonce-01"},  # not the refrigerated van, free on weekdays
    }),
    # --- Stop words are left out ------------------------------------------------------------
    ("stop-salle-de-reunion", "fr", {"q": "salle de réunion"}, {
        # "Salle de réunion libre le mardi"; "salle de réunion à louer".
        "found": {"annonce-03", "tiers-lieu-cosse"},
    }),
    ("stop-location-voiture", "fr", {"q": "location d'une voiture"}, {
        "exactly": {"garage-solidaire"},  # "location de voitures pour se rendre au travail"
    }),
    ("stop-tables-et-chaises", "fr", {"q": "tables et chaises"}, {
        "exactly": {"annonce-05"},
    }),
    ("stop-ateliers-de-reemploi", "fr", {"q": "des ateliers de réemploi"}, {
        # "ateliers de réemploi"; the Atelier vélo, of the sector "Environnement et réemploi";
        # not the Ressourcerie (réemploi, no workshop).
        "found": {"recyclerie-ernee", "roue-libre"},
        "not_found": {"ressourcerie-lassay"},
    }),
    ("stop-words-only", "fr", {"q": "de la"}, {"exactly": set()}),
    # --- Filters of the search page ---------------------------------------------------------
    ("facet-type-offer", "fr", {"q": "videoprojecteur", "type": "offer"}, {
        "exactly": {"annonce-03"},  # a room "avec vidéoprojecteur"
    }),
    ("facet-type-request", "fr", {"q": "videoprojecteur", "type": "request"}, {
        "exactly": {"annonce-18"},  # "Vidéoprojecteur pour une projection-débat"
    }),
    ("facet-type-structure", "fr", {"q": "cuisine", "type": "structure"}, {
        "exactly": {"cuisine-collective"},
    }),
    ("facet-type-news", "fr", {"q": "mutualisation", "type": "news"}, {
        "exactly": {"exemple-mutualiser-un-vehicule"},
    }),
    ("facet-type-event", "fr", {"q": "laval", "type": "event"}, {
        # Two events in Laval; the workshop is in Changé.
        "exactly": {"exemple-rencontre-des-adherents", "exemple-assises-de-less"},
    }),
    ("facet-type-page", "fr", {"q": "association", "type": "page"}, {
        "found": {"association", "adherer", "mentions-legales"},
        "not_found": {"exemple-mutualiser-un-vehicule", "compta-coop", "annonce-08"},
    }),
    ("facet-sector", "fr", {"q": "reparation", "sector": "mobilite"}, {
        "exactly": {"roue-libre", "garage-solidaire"},
    }),
    ("facet-sector-environnement", "fr", {"q": "cooperative", "sector": "environnement"}, {
        "exactly": {"scic-energie", "ferme-grez"},
    }),
    ("facet-category", "fr", {"q": "laval", "category": "vehicules"}, {
        # The Roue Libre's vehicle listings (Laval), and the trailer "entre Bonchamp et Laval".
        "exactly": {"annonce-01", "annonce-19", "annonce-28"},
    }),
    ("facet-territory-structures", "fr", {"q": "cooperative", "territory": "meslay-grez"}, {
        "exactly": {"habitat-partage", "ferme-grez"},
    }),
    ("facet-territory-listings", "fr", {"q": "camion", "territory": "meslay-grez"}, {
        # A listing is in its structure's territory: the Ferme de Grez's van, not the
        # Roue Libre's.
        "exactly": {"annonce-21"},
    }),
    ("facet-combined", "fr", {"q": "laval", "type": "offer", "category": "vehicules"}, {
        "exactly": {"annonce-01", "annonce-19"},
    }),
    # --- Languages --------------------------------------------------------------------------
    ("en-velo-alias", "en", {"q": "velo"}, {
        "found": {"roue-libre"},  # the English alias, /en/directory/roue-libre/
    }),
    ("en-title-first-jardin", "en", {"q": "jardin"}, {
        "found": {"jardins-du-maine", "annonce-20"},  # aliases
        "first": "jardins-du-maine",
    }),
    ("en-camion", "en", {"q": "camion"}, {
        # The alias of the refrigerated van; the other is translated ("12 m³ van at weekends").
        "found": {"annonce-21"},
        "not_found": {"van-at-weekends", "annonce-01"},
    }),
    ("en-mutualisation", "en", {"q": "mutualisation"}, {
        # Untranslated news and event; the association page is translated into English.
        "found": {"exemple-mutualiser-un-vehicule", "exemple-atelier-cooperation"},
        "not_found": {"association"},
    }),
    ("en-weekends", "en", {"q": "weekends"}, {"exactly": {"van-at-weekends"}}),
    ("fr-weekends", "fr", {"q": "weekends"}, {"exactly": set()}),
    ("en-premises", "en", {"q": "premises"}, {"found": {"join"}}),
    ("fr-premises", "fr", {"q": "premises"}, {"exactly": set()}),
    # --- Nothing to find --------------------------------------------------------------------
    ("none-nonsense", "fr", {"q": "zzzqqq"}, {"exactly": set()}),
    ("none-trottinette", "fr", {"q": "trottinette"}, {"exactly": set()}),
    ("none-velo-event", "fr", {"q": "velo", "type": "event"}, {"exactly": set()}),
]
