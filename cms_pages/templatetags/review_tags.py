"""The page listing's bulk actions, offered only to users who may perform them: publishing
and unpublishing are the reform office's (Wagtail lists every action to everyone and only
refuses on the confirmation page)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets import Button, ButtonWithDropdown
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies.pages import PagePermissionPolicy

register = template.Library()

PUBLISHING = {"publish", "unpublish"}
SHOWN = 4


def offered(action, app_label, model_name, user):
    if (app_label, model_name) == ("wagtailcore", "page") and action.action_type in PUBLISHING:
        return PagePermissionPolicy().user_has_permission(user, "publish")
    return True


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def offered_bulk_actions(context, app_label, model_name):
    user = context["request"].user
    actions = sorted(
        (
            action
            for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
            if offered(action, app_label, model_name, user)
        ),
        key=lambda action: action.action_priority,
    )

    def url(action):
        return reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])

    def attrs(action):
        return {"aria-label": action.aria_label, "data-bulk-action-button": ""}

    buttons = [
        ListingButton(action.display_name, url(action), attrs=attrs(action),
                      priority=action.action_priority,
                      classname=" ".join(action.classes | {"bulk-action-btn"}))
        for action in actions[:SHOWN]
    ]  # fmt: skip
    if actions[SHOWN:]:
        buttons.append(
            ButtonWithDropdown(
                label=_("More"), attrs={"title": _("More bulk actions")},
                classname="button button-secondary button-small",
                buttons=[Button(label=action.display_name, url=url(action), attrs=attrs(action),
                                priority=action.action_priority) for action in actions[SHOWN:]],
            )
        )  # fmt: skip
    return {"buttons": buttons}
