from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "convene.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # Models and services can be imported only once the app registry is ready.
        from convene.accounts.services import export_section_register  # noqa: PLC0415

        from . import personal_data  # noqa: PLC0415

        export_section_register("followed_documents", personal_data.followed_documents)
        export_section_register("authored_documents", personal_data.authored_documents)
        export_section_register("translations", personal_data.translations)
