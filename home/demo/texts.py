"""The association's presentation (shared/seed-apess53.txt) as page content, French and English."""

HEAD_OFFICE = "Zone Technopolis, Bât. K\nRue Louis de Broglie\n53810 Changé"
OFFICE = "Résidence Habitat Jeunes du Pont de Mayenne\n8 bis rue de Paradis\n53000 Laval"
PHONE = "06 95 67 54 63"
EMAIL = "apess53.mayenne@gmail.com"

FOOTER_FR = (
    "L'Association pour la promotion de l'économie sociale et solidaire en Mayenne "
    "fédère les acteurs de l'ESS du département depuis 2000."
)
FOOTER_EN = (
    "The association for the promotion of the social and solidarity economy in Mayenne "
    "has brought together the department's social economy since 2000."
)


def h(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def p(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


HOME = {
    "fr": {
        "title": "Accueil",
        "hero_title": "L'économie sociale et solidaire en Mayenne",
        "hero_text": (
            "L'APESS 53 rassemble une trentaine de structures adhérentes et environ "
            "200 sympathisants pour faire connaître l'ESS, la représenter et faciliter "
            "la coopération entre ses acteurs."
        ),
        "hero_link_text": "Découvrir l'association",
        "introduction": (
            "<p>L'Association pour la Promotion de l'Economie Sociale et Solidaire en Mayenne "
            "contribue à la reconnaissance et au développement de l'ESS en s'appuyant sur les "
            "valeurs de la charte de l'Economie Sociale : <b>la solidarité, le développement "
            "durable, le développement local, la démocratie et le non profit</b>.</p>"
        ),
    },
    "en": {
        "title": "Home",
        "hero_title": "The social and solidarity economy in Mayenne",
        "hero_text": (
            "APESS 53 brings together some thirty member organisations and about 200 "
            "supporters to make the social economy known, to represent it and to help "
            "its actors cooperate."
        ),
        "hero_link_text": "About the association",
        "introduction": (
            "<p>The Association for the Promotion of the Social and Solidarity Economy in "
            "Mayenne works for the recognition and growth of the social economy, built on the "
            "values of the Social Economy charter: <b>solidarity, sustainable development, "
            "local development, democracy and not-for-profit</b>.</p>"
        ),
    },
}

ASSOCIATION = {
    "fr": {
        "title": "L'association",
        "slug": "association",
        "intro": (
            "Née en 2000, l'APESS 53 promeut l'économie sociale et solidaire sur tout le "
            "département de la Mayenne."
        ),
        "body": [
            h("Objet social"),
            p(
                "<p>L'Association pour la Promotion de l'Economie Sociale et Solidaire en Mayenne "
                "s'est fixée pour ambition de contribuer à la reconnaissance et au développement "
                "de l'Economie Sociale et Solidaire en s'appuyant sur les valeurs qui fondent la "
                "charte de l'Economie Sociale : la solidarité, le développement durable, le "
                "développement local, la démocratie et le non profit.</p>"
            ),
            h("Ses missions", "h3"),
            p(
                ul(
                    "Organiser une représentation collective de l'ESS",
                    "Interpeler les décideurs locaux",
                    "Valoriser les initiatives",
                    "Promouvoir les entreprises et leurs actions",
                    "Proposer des lieux de rencontres et d'échanges aux entreprises de l'ESS",
                    "Faciliter la coopération et favoriser la mutualisation entre acteurs de l'ESS",
                )
            ),
            h("Les acteurs"),
            p(
                "<p>A ce jour, le réseau comprend une trentaine de structures adhérentes et "
                "environ 200 sympathisants. Depuis septembre 2015, l'APESS 53 dispose d'une "
                "salariée représentant un équivalent temps plein.</p>"
            ),
            h("Genèse"),
            p(
                "<p>L'association APESS 53 est née en 2000. Elle a été créée à l'occasion d'une "
                "grande manifestation souhaitée par les acteurs de l'Economie Sociale et Solidaire "
                "pour marquer le passage à l'an 2000 : PIC 2000 ou Projet d'Initiatives et de "
                "Coopération. Cette fête a eu lieu au parc des expositions à Laval (53) et a été "
                "suivie par près de 4 000 personnes.</p>"
                "<p>L'APESS 53 met en œuvre en moyenne une action-phare par année depuis sa "
                "création. La dernière en date a été l'organisation le 6 juin 2013 des premières "
                "assises territoriales de l'ESS à Laval en partenariat avec le Conseil de "
                "Développement de Laval Agglo ; événement d'ampleur régionale où universitaires, "
                "acteurs de l'ESS, acteurs de l'économie classique et institutionnels ont pu "
                "débattre sur l'état des lieux, l'utilité et l'enseignement de l'ESS.</p>"
            ),
            h("Objectifs opérationnels"),
            p(
                ul(
                    "<b>Représenter collectivement</b> l'ESS sur le département",
                    "<b>Valoriser au mieux les initiatives</b> qui se forment dans cette forme "
                    "d'entreprise",
                    "<b>Proposer des lieux de rencontres</b> pour qu'il y ait des échanges avec "
                    "tous ces acteurs de l'ESS",
                    "<b>Médiatiser l'ESS</b> sur l'ensemble des territoires de la Mayenne",
                )
            ),
            h("Exemples d'activités"),
            p(
                ul(
                    "Intervention dans les écoles, dans les salons, les associations, les médias "
                    "et auprès de tout public intéressé",
                    "Organisation d'actions pendant le mois de l'ESS (visites, débats, "
                    "expositions…)",
                    "Orientation vers les accompagnateurs et financeurs des structures de l'ESS",
                    "Intervention en toute première phase (pré-émergence) de création "
                    "d'entreprises de l'ESS",
                    "Intervention en formation auprès des structures de l'ESS",
                    "Organisation d'échanges ou mutualisations en interne à l'ESS",
                    "Communication sur l'actualité de l'ESS (site, bulletin…)",
                    "Promotion des outils et dispositifs de coopérations économiques de "
                    "territoires",
                )
            ),
            h("Financements"),
            p(
                "<p>Les ressources financières de l'APESS 53 sont basées sur :</p>"
                + ul(
                    "les <b>cotisations annuelles</b> versées par les membres",
                    "une <b>subvention</b> de la Région des Pays de la Loire",
                    "une <b>aide à l'emploi</b> de l'Etat",
                    "les <b>financements ponctuels</b> de partenaires privés ou publics",
                    "les <b>revenus issus de l'activité</b>",
                )
            ),
            h("Perspectives futures"),
            p(
                ul(
                    "<b>La révision du projet stratégique</b> de l'APESS 53",
                    "<b>Le développement du réseau</b> de l'APESS 53",
                    "<b>La mise en œuvre d'un centre de ressources</b> de l'Economie Sociale et "
                    "Solidaire autour de cinq axes : un lieu d'échanges entre les acteurs de "
                    "l'ESS, un lieu d'informations et de débats ouvert à tous, un lieu de "
                    "formation et d'orientation, un lieu d'expertises et de mise en réseau, un "
                    "lieu de veille aux activités et organisations innovantes",
                    "<b>Des interventions dans les écoles</b> dans le cadre du programme « Made "
                    "in ESS » avec la CRESS",
                    "<b>L'accompagnement de projets de territoire</b> relevant de l'ESS",
                )
            ),
            {
                "type": "quote",
                "value": {
                    "text": "Faciliter la coopération et favoriser la mutualisation entre "
                    "acteurs de l'ESS.",
                    "attribution": "Les missions de l'APESS 53",
                },
            },
        ],
    },
    "en": {
        "title": "The association",
        "slug": "association",
        "intro": (
            "Founded in 2000, APESS 53 promotes the social and solidarity economy across the "
            "whole Mayenne department."
        ),
        "body": [
            h("Purpose"),
            p(
                "<p>The Association for the Promotion of the Social and Solidarity Economy in "
                "Mayenne aims to help the social and solidarity economy be recognised and grow, "
                "building on the values of the Social Economy charter: solidarity, sustainable "
                "development, local development, democracy and not-for-profit.</p>"
            ),
            h("Its missions", "h3"),
            p(
                ul(
                    "Organise a collective representation of the social economy",
                    "Speak up to local decision-makers",
                    "Showcase initiatives",
                    "Promote social economy enterprises and what they do",
                    "Offer places where social economy enterprises meet and exchange",
                    "Help social economy actors cooperate and pool their resources",
                )
            ),
            h("Who we are"),
            p(
                "<p>Today the network counts some thirty member organisations and about 200 "
                "supporters. Since September 2015 APESS 53 has one full-time employee.</p>"
            ),
            h("History"),
            p(
                "<p>APESS 53 was born in 2000, from a large event held by the social economy "
                "of Mayenne to mark the new millennium: PIC 2000, the Project of Initiatives and "
                "Cooperation, at the Laval exhibition centre, attended by nearly 4,000 people.</p>"
                "<p>Since then, APESS 53 has run one flagship event a year on average; the latest "
                "was the first territorial conference on the social economy, in Laval on 6 June "
                "2013, with the Laval Agglo Development Council.</p>"
            ),
            h("Operational objectives"),
            p(
                ul(
                    "<b>Represent</b> the social economy across the department",
                    "<b>Showcase the initiatives</b> that take this form of enterprise",
                    "<b>Offer meeting places</b> where all these actors can exchange",
                    "<b>Make the social economy visible</b> in every part of Mayenne",
                )
            ),
            h("Examples of activities"),
            p(
                ul(
                    "Talks in schools, fairs, associations, the media and to any interested public",
                    "Events during the social economy month (visits, debates, exhibitions…)",
                    "Guidance towards the advisers and funders of social economy organisations",
                    "Support at the very first stage of creating a social economy enterprise",
                    "Training for social economy organisations",
                    "Exchanges and resource pooling within the social economy",
                    "News about the social economy (website, newsletter…)",
                    "Promotion of tools for local economic cooperation",
                )
            ),
            h("Funding"),
            p(
                "<p>APESS 53 is funded by:</p>"
                + ul(
                    "the members' <b>annual fees</b>",
                    "a <b>grant</b> from the Pays de la Loire Region",
                    "<b>employment aid</b> from the State",
                    "<b>one-off funding</b> from private or public partners",
                    "<b>income from its activities</b>",
                )
            ),
            h("Looking ahead"),
            p(
                ul(
                    "<b>Revising the strategic plan</b> of APESS 53",
                    "<b>Growing the network</b>",
                    "<b>Opening a resource centre</b> for the social economy",
                    "<b>Talks in schools</b> with the CRESS's “Made in ESS” programme",
                    "<b>Supporting local projects</b> of the social economy",
                )
            ),
        ],
    },
}

CONTACT = {
    "fr": {
        "title": "Contact",
        "slug": "contact",
        "intro": "Écrivez-nous, appelez-nous ou passez nous voir à Laval.",
        "body": [
            h("Siège social"),
            p("<p>" + HEAD_OFFICE.replace("\n", "<br/>") + "</p>"),
            h("Bureau"),
            p("<p>" + OFFICE.replace("\n", "<br/>") + "</p>"),
            h("Téléphone et courriel"),
            p(f'<p>Tél. : {PHONE}<br/>Courriel : <a href="mailto:{EMAIL}">{EMAIL}</a></p>'),
        ],
    },
    "en": {
        "title": "Contact",
        "slug": "contact",
        "intro": "Write to us, call us or visit us in Laval.",
        "body": [
            h("Head office"),
            p("<p>" + HEAD_OFFICE.replace("\n", "<br/>") + "</p>"),
            h("Office"),
            p("<p>" + OFFICE.replace("\n", "<br/>") + "</p>"),
            h("Phone and e-mail"),
            p(f'<p>Phone: {PHONE}<br/>E-mail: <a href="mailto:{EMAIL}">{EMAIL}</a></p>'),
        ],
    },
}

JOIN = {
    "fr": {
        "title": "Adhérer",
        "slug": "adherer",
        "intro": (
            "Associations, coopératives, mutuelles, fondations, entreprises de l'ESS ou simples "
            "sympathisants : rejoignez le réseau de l'ESS en Mayenne."
        ),
        "body": [
            h("Pourquoi adhérer ?"),
            p(
                ul(
                    "Être représenté collectivement auprès des décideurs locaux",
                    "Faire connaître votre structure dans l'annuaire de l'ESS en Mayenne",
                    "Proposer et trouver des ressources à partager : matériel, locaux, "
                    "véhicules, compétences",
                    "Participer aux rencontres et au mois de l'ESS",
                )
            ),
            h("Comment faire ?"),
            p(
                "<p>Contactez-nous : nous vous présenterons l'association et le montant de la "
                "cotisation annuelle.</p>"
            ),
        ],
    },
    "en": {
        "title": "Join us",
        "slug": "join",
        "intro": (
            "Associations, cooperatives, mutuals, foundations, social enterprises or simply "
            "supporters: join the social economy network of Mayenne."
        ),
        "body": [
            h("Why join?"),
            p(
                ul(
                    "Be represented collectively before local decision-makers",
                    "Make your organisation known in the directory of Mayenne's social economy",
                    "Offer and find resources to share: equipment, premises, vehicles, skills",
                    "Take part in meetings and in the social economy month",
                )
            ),
            h("How?"),
            p("<p>Contact us: we will present the association and its annual fee.</p>"),
        ],
    },
}

LEGAL = {
    "fr": {
        "title": "Mentions légales",
        "slug": "mentions-legales",
        "intro": "Informations légales sur le site de l'APESS 53.",
        "body": [
            h("Éditeur"),
            p(
                "<p>Association pour la Promotion de l'Economie Sociale et Solidaire en Mayenne "
                "(APESS 53), association loi 1901, Zone Technopolis, Bât. K, Rue Louis de "
                "Broglie, 53810 Changé.</p>"
            ),
            h("Données personnelles"),
            p(
                "<p>Le site ne dépose aucun cookie de mesure d'audience et ne charge aucune "
                "ressource depuis un autre site. Les messages envoyés par les formulaires servent "
                "uniquement à mettre en relation les personnes et structures concernées.</p>"
            ),
        ],
    },
    "en": {
        "title": "Legal notice",
        "slug": "legal-notice",
        "intro": "Legal information about the APESS 53 website.",
        "body": [
            h("Publisher"),
            p(
                "<p>Association for the Promotion of the Social and Solidarity Economy in Mayenne "
                "(APESS 53), a non-profit association under the French law of 1901, Zone "
                "Technopolis, Bât. K, Rue Louis de Broglie, 53810 Changé.</p>"
            ),
            h("Personal data"),
            p(
                "<p>This website sets no analytics cookie and loads nothing from any other site. "
                "Messages sent through its forms are only used to put the people and "
                "organisations concerned in touch.</p>"
            ),
        ],
    },
}

PRIVACY = {
    "fr": {
        "title": "Données personnelles",
        "slug": "donnees-personnelles",
        "intro": "Quelles données le site de l'APESS 53 conserve, pourquoi, combien de temps, "
                 "et comment exercer vos droits.",
        "body": [
            h("Responsable du traitement"),
            p("<p>L'APESS 53, association loi 1901, Zone Technopolis, Bât. K, Rue Louis de "
              "Broglie, 53810 Changé.</p>"),
            h("Ce que le site conserve"),
            p(ul(*(
                "Messages des formulaires de contact et réponses aux annonces : nom, adresse "
                "e-mail et message, transmis à la structure concernée puis effacés au bout de "
                "douze mois.",
                "Comptes des structures membres : nom, adresse e-mail, structures rattachées, "
                "jusqu'à la suppression du compte.",
                "Fiches de l'annuaire et annonces : informations sur les structures publiées "
                "par elles-mêmes ; l'adresse e-mail d'une structure n'est jamais affichée.",
                "Tentatives de connexion (identifiant, adresse IP) pour protéger les comptes, "
                "effacées au bout de douze mois.",
                "Recherches faites sur le site, sans rien qui identifie la personne, pour "
                "améliorer les résultats.",
            ))),
            h("Cookies et services extérieurs"),
            p("<p>Le site ne dépose que les cookies nécessaires à son fonctionnement (session, "
              "protection des formulaires, langue). Aucune mesure d'audience, aucune police, "
              "aucun script ni aucune carte n'est chargé depuis un autre site. Une vidéo "
              "intégrée ne se charge que si vous le demandez.</p>"),
            h("Vos droits"),
            p("<p>Depuis l'espace membre, une structure télécharge toutes ses données (fichier "
              "JSON) et peut supprimer son compte. Pour toute autre demande (accès, "
              "rectification, effacement, opposition), écrivez à l'APESS 53. Vous pouvez aussi "
              "adresser une réclamation à la CNIL (www.cnil.fr).</p>"),
        ],
    },
    "en": {
        "title": "Personal data",
        "slug": "personal-data",
        "intro": "What data the APESS 53 website keeps, why, for how long, and how to exercise "
                 "your rights.",
        "body": [
            h("Data controller"),
            p("<p>APESS 53, a non-profit association, Zone Technopolis, Bât. K, Rue Louis de "
              "Broglie, 53810 Changé, France.</p>"),
            h("What the site keeps"),
            p(ul(*(
                "Messages from the contact forms and answers to listings: name, e-mail address "
                "and message, passed on to the organisation concerned, then erased after "
                "twelve months.",
                "Member organisations' accounts: name, e-mail address, linked organisations, "
                "until the account is deleted.",
                "Directory profiles and listings: information the organisations publish "
                "themselves; an organisation's e-mail address is never shown.",
                "Login attempts (username, IP address) to protect accounts, erased after "
                "twelve months.",
                "Searches made on the site, with nothing that identifies the person, to "
                "improve the results.",
            ))),
            h("Cookies and outside services"),
            p("<p>The site only sets the cookies it needs to work (session, form protection, "
              "language). No analytics, font, script or map is loaded from another site. An "
              "embedded video only loads if you ask for it.</p>"),
            h("Your rights"),
            p("<p>From the member area, an organisation downloads all its data (a JSON file) "
              "and can delete its account. For any other request (access, correction, "
              "erasure, objection), write to APESS 53. You may also complain to the CNIL "
              "(www.cnil.fr), the French data protection authority.</p>"),
        ],
    },
}

NEWS_INDEX = {
    "fr": {"title": "Actualités", "slug": "actualites",
           "intro": "Les nouvelles du réseau de l'économie sociale et solidaire en Mayenne."},
    "en": {"title": "News", "slug": "news",
           "intro": "News from the social and solidarity economy network in Mayenne."},
}

EVENT_INDEX = {
    "fr": {"title": "Agenda", "slug": "agenda",
           "intro": "Rencontres, visites, débats : les rendez-vous de l'ESS en Mayenne."},
    "en": {"title": "Events", "slug": "events",
           "intro": "Meetings, visits, debates: the social economy's events in Mayenne."},
}

CATEGORIES = [
    ("vie-du-reseau", "Vie du réseau", "Network life"),
    ("mois-de-l-ess", "Mois de l'ESS", "Social economy month"),
    ("cooperation", "Coopération", "Cooperation"),
]

EXAMPLE = "Exemple"

# Sample news: (slug, title, days ago, category slug, tags, intro, paragraphs)
NEWS = [
    (
        "exemple-mois-de-less-en-mayenne",
        "Exemple : le mois de l'ESS en Mayenne",
        6,
        "mois-de-l-ess",
        ["mois de l'ESS", "rencontres"],
        "Contenu d'exemple. Tout le mois de novembre, visites, débats et expositions font "
        "découvrir l'économie sociale et solidaire partout dans le département.",
        [
            "Chaque année en novembre, l'APESS 53 coordonne le mois de l'ESS en Mayenne : "
            "portes ouvertes de structures adhérentes, débats, projections et expositions.",
            "Cette actualité est un exemple fourni avec le site de démonstration.",
        ],
    ),
    (
        "exemple-mutualiser-un-vehicule",
        "Exemple : mutualiser un véhicule entre associations",
        20,
        "cooperation",
        ["mutualisation", "véhicules"],
        "Contenu d'exemple. Deux associations lavalloises partagent désormais un utilitaire : "
        "retour sur une coopération simple et efficace.",
        [
            "Faciliter la coopération et favoriser la mutualisation entre acteurs de l'ESS est "
            "l'une des missions de l'APESS 53. Partager un véhicule, des locaux ou du matériel "
            "réduit les coûts et crée des liens.",
            "Cette actualité est un exemple fourni avec le site de démonstration.",
        ],
    ),
    (
        "exemple-assemblee-generale",
        "Exemple : retour sur l'assemblée générale",
        45,
        "vie-du-reseau",
        ["assemblée générale", "rencontres"],
        "Contenu d'exemple. Les adhérents ont adopté le rapport d'activité et lancé la révision "
        "du projet stratégique de l'association.",
        [
            "Une trentaine de structures adhérentes étaient représentées. La révision du projet "
            "stratégique et le développement du réseau ont été au cœur des échanges.",
            "Cette actualité est un exemple fourni avec le site de démonstration.",
        ],
    ),
]

# Sample events: (slug, title, days from the load date, start hour, duration in hours,
# place, street, postcode, city, intro)
EVENTS = [
    (
        "exemple-rencontre-des-adherents",
        "Exemple : rencontre des adhérents",
        14, 18, 2,
        "Résidence Habitat Jeunes du Pont de Mayenne", "8 bis rue de Paradis", "53000", "Laval",
        "Contenu d'exemple. Un temps d'échange entre structures adhérentes pour partager "
        "besoins et ressources.",
    ),
    (
        "exemple-atelier-cooperation",
        "Exemple : atelier « coopérer entre structures de l'ESS »",
        35, 9, 3,
        "Zone Technopolis, Bât. K", "Rue Louis de Broglie", "53810", "Changé",
        "Contenu d'exemple. Un atelier pour identifier ce que chaque structure peut prêter, "
        "louer ou mutualiser.",
    ),
    (
        "exemple-assises-de-less",
        "Exemple : assises territoriales de l'ESS",
        -30, 9, 8,
        "Parc des expositions", "", "53000", "Laval",
        "Contenu d'exemple. Universitaires, acteurs de l'ESS et institutions débattent de "
        "l'état des lieux et de l'utilité de l'ESS.",
    ),
]
