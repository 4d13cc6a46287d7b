from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class QandaConfig(AppConfig):
    name = "convene.qanda"
    label = "qanda"
    verbose_name = _("Live questions")

    def ready(self) -> None:
        # Accounts cannot import this app (imports go one way), so the counts of the votes
        # an erased account leaves are put right when its row is about to go. Models and
        # services can be imported only once the app registry is ready.
        from .services import votes_of_erased_account  # noqa: PLC0415

        pre_delete.connect(
            votes_of_erased_account,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="qanda-votes-of-erased-account",
        )
        from convene.accounts.services import export_section_register  # noqa: PLC0415

        from . import personal_data  # noqa: PLC0415

        export_section_register("questions", personal_data.questions)
        export_section_register("question_votes", personal_data.votes)
        export_section_register("host_actions", personal_data.host_actions)
