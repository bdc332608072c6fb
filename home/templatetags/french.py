"""`{{ sentence|elide:structure.title }}`: « de Atelier » becomes « d'Atelier » (home/french.py).

Use it on a translated sentence that holds the name, e.g.
`{% blocktranslate asvar text with name=structure.title %}…of {{ name }}{% endblocktranslate %}`
then `{{ text|elide:structure.title }}`.
"""

from django import template

from home.french import elide_de

register = template.Library()


@register.filter(is_safe=True, needs_autoescape=True)
def elide(text: str, name: str, autoescape: bool = True) -> str:
    # In e-mails (autoescape off) the sentence holds the name as it is written.
    return elide_de(text, name, escaped=autoescape)
