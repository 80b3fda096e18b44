from django import template

from gemeinwohl.api.forms import TokenForm
from gemeinwohl.api.models import ApiToken

register = template.Library()


@register.inclusion_tag("api/_token_section.html", takes_context=True)
def api_token_section(context):
    """The profile page's section of personal API keys: the holder's keys and a form for a new one."""
    user = context["request"].user
    return {
        "tokens": ApiToken.objects.filter(user=user),
        "form": TokenForm(auto_id="token_%s"),
        "csrf_token": context.get("csrf_token"),
    }
