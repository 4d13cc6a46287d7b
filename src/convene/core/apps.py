from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "convene.core"
    label = "core"
    verbose_name = _("Convene")

    def ready(self) -> None:
        # Imported here: models can be imported only once the app registry is ready.
        from .sites import site_sync  # noqa: PLC0415

        # After the sites app has created its default row, so ours replaces it.
        post_migrate.connect(
            site_sync, sender=apps.get_app_config("sites"), dispatch_uid="convene-site-sync"
        )
