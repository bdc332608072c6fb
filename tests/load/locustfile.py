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
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

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


# --------------------------------------------------------------------------- reading pages

@dataclass
class Form:
    action: str
    method: str
    fields: list[dict] = field(default_factory=list)

    def names(self) -> set[str]:
        return {item["name"] for item in self.fields}

    def choices(self, name: str) -> list[str]:
        """The values offered for a select or a group of checkboxes/radios (blank excluded)."""
        values = []
        for item in self.fields:
            if item["name"] == name:
                values += [value for value, _selected in item.get("options", [])]
                if item["kind"] in ("checkbox", "radio"):
                    values.append(item["value"])
        return [value for value in values if value]

    def data(self) -> list[tuple[str, str]]:
        """What a browser would send without the visitor changing anything."""
        sent = []
        for item in self.fields:
            kind = item["kind"]
            if kind in ("submit", "button", "file", "reset", "image"):
                continue
            if kind in ("checkbox", "radio"):
                if item.get("checked"):
                    sent.append((item["name"], item["value"]))
            elif kind == "select":
                options = item["options"]
                chosen = [value for value, selected in options if selected] or (
                    [options[0][0]] if options else []
                )
                sent += [(item["name"], value) for value in chosen[:1]]
            else:
                sent.append((item["name"], item.get("value", "")))
        return sent


class PageParser(HTMLParser):
    """Links, assets (styles, scripts, images) and forms of an HTML page."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.assets: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None
        self._option: list | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(urljoin(self.url, attributes["href"]))
        elif tag == "link" and attributes.get("rel") in ("stylesheet", "icon"):
            self.assets.append(urljoin(self.url, attributes.get("href", "")))
        elif tag in ("script", "img") and attributes.get("src"):
            self.assets.append(urljoin(self.url, attributes["src"]))
        elif tag == "form":
            self._form = Form(
                action=urljoin(self.url, attributes.get("action") or self.url).split("#")[0],
                method=(attributes.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
        elif self._form is None or ("name" not in attributes and tag != "option"):
            return
        elif tag in ("input", "button"):
            kind = attributes.get("type", "text" if tag == "input" else "submit").lower()
            self._form.fields.append({
                "name": attributes["name"],
                "kind": kind,
                "value": attributes.get("value", "on" if kind in ("checkbox", "radio") else ""),
                "checked": "checked" in attributes,
            })
        elif tag == "select":
            self._select = {"name": attributes["name"], "kind": "select", "options": []}
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [attributes.get("value"), "selected" in attributes, ""]
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"name": attributes["name"], "kind": "textarea", "value": ""}
            self._form.fields.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None:
            if self._option[0] is None:  # <option>text</option>: the text is the value
                self._option[0] = self._option[2].strip()
            self._option = None
        elif tag == "select" and self._select is not None:
            self._select["options"] = [(value, selected) for value, selected, _text in
                                       self._select["options"]]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A newline just after <textarea> is not part of the text (HTML's parsing rules).
            self._textarea["value"] = self._textarea["value"].removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._form = None


def status(response) -> str:
    """"HTTP 500", or what kept the request from getting an answer at all."""
    if response.status_code == 0:
        return f"no response: {response.error!r}"
    return f"HTTP {response.status_code}"


def parse(response) -> PageParser:
    parser = PageParser(response.url)
    parser.feed(response.text)
    return parser


def form_with(page: PageParser, *names: str) -> Form | None:
    return next((form for form in page.forms if set(names) <= form.names()), None)


def local_paths(page: PageParser, host: str, pattern: str) -> list[str]:
    """The site's own links whose path matches `pattern`, without repeats."""
    paths = []
    for link in page.links:
        parts = urlsplit(link)
        if parts.netloc in ("", urlsplit(host).netloc) and re.fullmatch(pattern, parts.path):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in paths:
                paths.append(path)
    return paths


def random_filters(form: Form, exclude: tuple[str, ...] = ("q",)) -> dict[str, str]:
    """One to three of a filter form's choices, picked at random, as a visitor would."""
    selects = [item["name"] for item in form.fields
               if item["kind"] == "select" and item["name"] not in exclude]
    chosen = {}
    for name in random.sample(selects, k=min(len(selects), random.randint(1, 3))):
        if form.choices(name):
            chosen[name] = random.choice(form.choices(name))
    return chosen


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
