from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritizationConfig(AppConfig):
    name = "convene.prioritization"
    label = "prioritization"
    verbose_name = _("Prioritization")

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from convene.accounts.services import export_section_register  # noqa: PLC0415

        from . import personal_data  # noqa: PLC0415

        export_section_register("prioritization_ballots", personal_data.ballots)
        export_section_register("prioritization_group_submissions", personal_data.group_submissions)
        export_section_register("prioritization_groups", personal_data.groups_represented)
