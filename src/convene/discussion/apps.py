from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "convene.discussion"
    label = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        # Models and services can be imported only once the app registry is ready.
        from convene.accounts.services import export_section_register  # noqa: PLC0415

        from . import personal_data  # noqa: PLC0415

        export_section_register("comments", personal_data.comments)
        export_section_register("reports", personal_data.reports)
        export_section_register("moderation_actions", personal_data.moderation_actions)
