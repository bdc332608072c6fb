"""Reading the pages Locust fetches: their forms, links and filters (a sibling of locustfile.py:
Locust puts the locustfile's folder on sys.path, so the locustfile imports it by name)."""

import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


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
