from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenSpaceConfig(AppConfig):
    name = "convene.openspace"
    label = "openspace"
    verbose_name = _("Open space")
