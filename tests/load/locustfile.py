"""Locust load test of the demo site: anonymous visitors browsing and searching, members posting.

Run by tests/load/test_load.py (`make load`) against a server it starts; by hand against any
copy of the demo site:

    .venv/bin/locust -f tests/load/locustfile.py --host http://127.0.0.1:8000 \\
        --headless --users 20 --spawn-rate 5 --run-time 60s --only-summary

Every page is found the way a visitor finds it: from the links, filter forms and search box of
the pages before it, never from a list of URLs written here. Members log in through the real
login form with the demo accounts (README) and post offers and requests through the real
"Mes annonces" form, reading its fields and choices from the page. Any answer other than the
expected one is a failure: an error status, a form shown again with its errors, a login that
does not reach the member area.

django-axes pauses an address after 5 failed logins: the passwords here are right, and a
failure is reported, not retried. The contact form accepts 5 messages an hour from one sender
address: each answer to a listing comes from a new one.
"""

import itertools
import json
import random
import re
from urllib.parse import urlsplit

from load_pages import Form, form_with, local_paths, parse, random_filters, status
from locust import HttpUser, between, task

MEMBERS = [
    ("contact@roue-libre.example", "apess53-membre-roue-libre"),
    ("contact@jardins-du-maine.example", "apess53-membre-jardins"),
]
# What people type, as they type it: without accents, other word forms, several words.
QUERIES = [
    "equipement", "mutualiser", "mutualisation", "velo", "vélos cargo", "locaux", "vehicules",
    "salle de réunion", "cuisine", "jardin", "insertion", "formation", "prêt", "économie sociale",
    "Laval", "Ernée", "reemploi", "comptabilité", "minibus", "assemblée générale", "bénévoles",
    "tables et chaises", "chantier participatif", "énergie", "xyzzy introuvable",
]
PREFIXES = ["vel", "jar", "cuis", "sal", "form", "loc", "mut", "éco", "ate", "rec"]
TITLES = [
    "Remorque vélo à prêter", "Salle de réunion disponible le jeudi", "Tables pliantes",
    "Vidéoprojecteur et écran", "Camion 12 m³ le week-end", "Aide à la comptabilité",
    "Tonnelles pour un marché de producteurs", "Local de stockage à partager",
    "Recherche un traducteur bénévole", "Achat groupé de papier recyclé",
]
# Paths of the pages linked from the indexes (not their feeds, calendars or exports).
ARTICLE = r"/fr/actualites/(?!rss/|atom/)[^/]+/"
EVENT = r"/fr/agenda/(?!ical/)[^/]+/"
_senders = itertools.count(1)
_accounts = itertools.cycle(MEMBERS)


# --------------------------------------------------------------------------- visitors

class Visitor(HttpUser):
    """Someone reading the site: home, news, events, the directory and the marketplace with
    their filters, structures, listings, standard pages, search and its suggestions."""

    weight = 9
    wait_time = between(1, 4)

    def on_start(self) -> None:
        home = self.page("/fr/", name="/fr/ (home)")
        # A browser fetches the styles, scripts and images once, then keeps them in its cache.
        # Only the static files: whitenoise serves them from the application, whereas media
        # files (uploaded images) are for the web server in front of it.
        for asset in dict.fromkeys(home.assets if home else []):
            if urlsplit(asset).path.startswith("/static/"):
                self.client.get(asset, name="/static/… (assets)")
        self.structures: list[str] = []
        self.listings: list[str] = []
        self.pages: list[str] = local_paths(
            home, self.host, r"/fr/(?!espace-membre|recherche|annuaire|cooperation)[^/]+/"
        ) if home else []

    def page(self, path: str, name: str | None = None, params: dict | None = None):
        """GET a page; its links and forms, or None if it failed (reported by Locust)."""
        with self.client.get(path, params=params, name=name or path,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(status(response))
                return None
            if "text/html" not in response.headers.get("Content-Type", ""):
                response.failure(f"not HTML: {response.headers.get('Content-Type')}")
                return None
            return parse(response)

    @task(3)
    def home(self) -> None:
        self.page(random.choice(["/fr/", "/fr/", "/fr/", "/en/"]), name="/fr/ (home)")

    @task(2)
    def news(self) -> None:
        index = self.page("/fr/actualites/", name="/fr/actualites/")
        articles = local_paths(index, self.host, ARTICLE) if index else []
        if articles:
            self.page(random.choice(articles), name="/fr/actualites/[article]/")

    @task(1)
    def events(self) -> None:
        index = self.page("/fr/agenda/", name="/fr/agenda/")
        events = local_paths(index, self.host, EVENT) if index else []
        if events:
            self.page(random.choice(events), name="/fr/agenda/[event]/")

    @task(3)
    def directory(self) -> None:
        index = self.page("/fr/annuaire/", name="/fr/annuaire/")
        if index is None:
            return
        self.structures = local_paths(index, self.host, r"/fr/annuaire/(?!export/)[^/]+/")
        form = form_with(index, "sector", "territory")
        if form is not None:
            self.page("/fr/annuaire/", name="/fr/annuaire/?[filters]",
                      params=random_filters(form))

    @task(3)
    def structure(self) -> None:
        if not self.structures:
            return self.directory()
        self.page(random.choice(self.structures), name="/fr/annuaire/[structure]/")

    @task(3)
    def cooperation(self) -> None:
        index = self.page("/fr/cooperation/", name="/fr/cooperation/")
        if index is None:
            return
        self.listings = local_paths(index, self.host, r"/fr/cooperation/[^/]+/")
        form = form_with(index, "kind", "category")
        if form is not None:
            filters = random_filters(form)
            if random.random() < 0.3:
                filters["sort"] = "expiring"
            self.page("/fr/cooperation/", name="/fr/cooperation/?[filters]", params=filters)

    @task(3)
    def listing(self) -> None:
        if not self.listings:
            return self.cooperation()
        self.page(random.choice(self.listings), name="/fr/cooperation/[listing]/")

    @task(1)
    def standard_page(self) -> None:
        if self.pages:
            self.page(random.choice(self.pages), name="/fr/[page]/")

    @task(4)
    def search(self) -> None:
        query = random.choice(QUERIES)
        results = self.page("/fr/recherche/", name="/fr/recherche/?q=…", params={"q": query})
        if results is None:
            return
        form = form_with(results, "q", "type")
        if form is not None and random.random() < 0.5:
            self.page("/fr/recherche/", name="/fr/recherche/?q=…&[facets]",
                      params={"q": query, **random_filters(form)})
        found = local_paths(
            results, self.host, r"/fr/(annuaire|cooperation|actualites|agenda)/[^/]+/"
        )
        if found and random.random() < 0.5:
            self.page(random.choice(found), name="/fr/… (search result)")

    @task(3)
    def suggestions(self) -> None:
        prefix = random.choice(PREFIXES)
        with self.client.get("/fr/recherche/suggestions/", params={"q": prefix},
                             name="/fr/recherche/suggestions/?q=…",
                             catch_response=True) as response:
            try:
                assert isinstance(json.loads(response.text)["suggestions"], list)
            except (ValueError, KeyError, AssertionError):
                response.failure(f"{status(response)}, not the suggestions' JSON")


# --------------------------------------------------------------------------- members

class Member(HttpUser):
    """A member structure: logs in through the login form, posts offers and requests through
    "Mes annonces", edits a listing as a draft, answers another structure's listing."""

    fixed_count = 2
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.email, password = next(_accounts)
        login = self.get("/fr/espace-membre/connexion/", logged_in=False)
        form = login and form_with(login, "email", "password")
        if form is None:
            return
        data = dict(form.data()) | {"email": self.email, "password": password}
        with self.client.post(form.action, data=data, name="POST /fr/espace-membre/connexion/",
                              catch_response=True) as response:
            if response.status_code != 200 or urlsplit(response.url).path != "/fr/espace-membre/":
                response.failure(f"login refused: {status(response)} at {response.url}")

    def get(self, path: str, name: str | None = None, logged_in: bool = True):
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(status(response))
                return None
            if logged_in and "/connexion/" in response.url:
                response.failure("not logged in")
                return None
            return parse(response)

    def send(self, form: Form, data: list[tuple[str, str]], name: str, expected: str) -> None:
        """POST a form: it must redirect to a page whose path matches `expected` (a form shown
        again, with its errors, is a failure)."""
        with self.client.post(form.action, data=data, name=name,
                              catch_response=True) as response:
            path = urlsplit(response.url).path
            if response.status_code == 200 and response.history and re.fullmatch(expected, path):
                return
            errors = re.findall(r'class="[^"]*errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
            shown = " | ".join(" ".join(re.sub(r"<[^>]+>", " ", error).split())
                               for error in errors[:3])
            response.failure(f"{status(response)} at {path} {shown}".strip())

    @task(2)
    def my_listings(self) -> None:
        self.get("/fr/espace-membre/annonces/", name="/fr/espace-membre/annonces/")

    @task(1)
    def member_area(self) -> None:
        self.get("/fr/espace-membre/", name="/fr/espace-membre/")

    @task(3)
    def post_listing(self) -> None:
        kind = random.choice(["offer", "request"])
        page = self.get(f"/fr/espace-membre/annonces/nouvelle/{kind}/",
                        name="/fr/espace-membre/annonces/nouvelle/[kind]/")
        form = page and form_with(page, "title", "summary", "category")
        if form is None:
            return
        title = f"{random.choice(TITLES)} ({next(_senders)})"
        data = [(name, value) for name, value in form.data()
                if name not in ("title", "summary", "description", "category", "city", "tags")]
        data += [
            ("title", title),
            ("summary", f"{title} : à voir avec notre structure, en Mayenne."),
            ("description", "Disponible en semaine. Contactez-nous par le formulaire du site."),
            ("category", random.choice(form.choices("category"))),
            ("city", random.choice(["Laval", "Mayenne", "Château-Gontier", "Ernée", "Évron"])),
            ("tags", "mutualisation, réemploi"),
        ]
        data += [("terms", term) for term in
                 random.sample(form.choices("terms"), k=random.randint(1, 2))]
        action = "submit" if random.random() < 0.7 else "draft"
        self.send(form, [*data, ("action", action)],
                  name=f"POST /fr/espace-membre/annonces/nouvelle/[kind]/ ({action})",
                  expected=r"/fr/espace-membre/annonces/")

    @task(1)
    def edit_listing(self) -> None:
        listings = self.get("/fr/espace-membre/annonces/", name="/fr/espace-membre/annonces/")
        if listings is None:
            return
        mine = local_paths(listings, self.host, r"/fr/espace-membre/annonces/\d+/")
        if not mine:
            return
        page = self.get(random.choice(mine), name="/fr/espace-membre/annonces/[id]/")
        form = page and form_with(page, "title", "summary")
        if form is None:
            return
        data = [(name, value) for name, value in form.data() if name != "summary"]
        data.append(("summary", f"Mis à jour ({next(_senders)}) : toujours disponible."))
        self.send(form, [*data, ("action", "draft")],
                  name="POST /fr/espace-membre/annonces/[id]/ (draft)",
                  expected=r"/fr/espace-membre/annonces/")

    @task(1)
    def answer_listing(self) -> None:
        index = self.get("/fr/cooperation/", name="/fr/cooperation/")
        listings = local_paths(index, self.host, r"/fr/cooperation/[^/]+/") if index else []
        if not listings:
            return
        page = self.get(random.choice(listings), name="/fr/cooperation/[listing]/")
        form = page and form_with(page, "name", "email", "message")
        if form is None:
            return
        # A new sender address each time: the contact form takes 5 messages an hour from one.
        user, domain = self.email.split("@")
        data = dict(form.data()) | {
            "name": "Test de charge",
            "email": f"{user}+{next(_senders)}@{domain}",
            "message": "Bonjour, votre annonce nous intéresse : pouvons-nous en parler ?",
        }
        self.send(form, list(data.items()), name="POST /fr/cooperation/[listing]/ (answer)",
                  expected=r"/fr/cooperation/[^/]+/")
