from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "convene.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        # Models and services can be imported only once the app registry is ready.
        from convene.accounts.services import (  # noqa: PLC0415
            deletion_step_register,
            export_section_register,
        )

        from . import personal_data  # noqa: PLC0415

        export_section_register("organizations", personal_data.organizations)
        export_section_register("organization_applications", personal_data.applications)
        export_section_register(
            "organization_application_comments", personal_data.application_comments
        )
        export_section_register("committee_votes", personal_data.committee_votes)
        export_section_register("committee_recusals", personal_data.committee_recusals)
        export_section_register("organization_reports", personal_data.organization_reports)
        export_section_register("partnerships_recorded", personal_data.partnerships_recorded)
        export_section_register("organization_history", personal_data.organization_history)
        deletion_step_register("organizations", personal_data.leave_organizations)

        # The daily compliance schedule and reminders: a task that enqueues its next day's
        # run, which the housekeeping command also runs, and restarts if it ever stops.
        from convene.core.housekeeping import daily_step_register  # noqa: PLC0415

        from . import tasks  # noqa: PLC0415

        daily_step_register("organizations", tasks.housekeeping_step)
