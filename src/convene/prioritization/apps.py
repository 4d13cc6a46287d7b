from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritizationConfig(AppConfig):
    name = "convene.prioritization"
    label = "prioritization"
    verbose_name = _("Prioritization")
