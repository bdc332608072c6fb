"""What a browser sends back for a form as the page displays it (for editing tests)."""

from bs4 import BeautifulSoup


def displayed_form_data(content: bytes) -> dict:
    """The values of the page's POST form: texts, selected options, checked boxes; no file,
    no submit button, no CSRF token (the test client does not check it)."""
    form = BeautifulSoup(content, "html.parser").find("form", method="post")
    data: dict = {}
    for node in form.find_all(["input", "textarea", "select"]):
        name = node.get("name")
        if not name or name == "csrfmiddlewaretoken" or node.get("type") in ("file", "submit"):
            continue
        if node.name == "textarea":
            data[name] = node.text.lstrip("\n")
        elif node.name == "select":
            if node.has_attr("multiple"):
                data[name] = [o["value"] for o in node.find_all("option", selected=True)]
            else:
                option = node.find("option", selected=True)
                data[name] = option["value"] if option else ""
        elif node.get("type") in ("checkbox", "radio"):
            if node.has_attr("checked"):
                data.setdefault(name, []).append(node["value"])
        else:
            data[name] = node.get("value", "")
    return data
