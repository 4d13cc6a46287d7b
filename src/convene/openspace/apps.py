from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenSpaceConfig(AppConfig):
    name = "convene.openspace"
    label = "openspace"
    verbose_name = _("Open space")

    def ready(self) -> None:
        # Models and services can be imported only once the app registry is ready.
        from convene.core.housekeeping import daily_step_register  # noqa: PLC0415

        from . import tasks  # noqa: PLC0415

        # Series: a meeting whose event is published after it was added is announced to
        # the followers by the next day's run.
        daily_step_register("openspace.series", tasks.housekeeping_step)

        # A series' discussion space links back to the series, and is hidden with it.
        from convene.discussion.services import board_owner_register  # noqa: PLC0415

        from .selectors_series import board_describe  # noqa: PLC0415

        board_owner_register("openspace.series:", board_describe)

        # "Download your data" and the erasure of an account.
        from convene.accounts.services import (  # noqa: PLC0415
            deletion_step_register,
            export_section_register,
        )

        from . import personal_data  # noqa: PLC0415

        export_section_register("openspace_topics", personal_data.topics_convened)
        export_section_register("openspace_interests", personal_data.interests)
        export_section_register("openspace_presences", personal_data.presences)
        export_section_register("openspace_note_versions", personal_data.note_versions)
        export_section_register("openspace_actions_written", personal_data.actions_written)
        export_section_register("openspace_actions_taken", personal_data.actions_taken)
        export_section_register("openspace_series_followed", personal_data.series_followed)
        deletion_step_register("openspace", personal_data.forget_interests_and_presences)
