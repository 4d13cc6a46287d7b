from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "convene.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Models and services can be imported only once the app registry is ready.
        from convene.accounts.services import (  # noqa: PLC0415
            deletion_step_register,
            export_section_register,
        )

        from . import personal_data  # noqa: PLC0415

        export_section_register("registrations", personal_data.registrations)
        export_section_register("organized_events", personal_data.organized_events)
        export_section_register("lightning_talks", personal_data.lightning_talks)
        export_section_register("messages_sent", personal_data.messages_sent)
        export_section_register(
            "event_content_translations", personal_data.event_content_translations
        )
        deletion_step_register("events", personal_data.cancel_coming_registrations)
        deletion_step_register("events_talks", personal_data.withdraw_talks)
