from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CommonConfig(AppConfig):
    name = "thads.common"
    label = "common"

    def ready(self) -> None:
        from thads.common import speedups
        from thads.common.db_guards import after_migrate

        speedups.install()

        # Once per `migrate`, after every app's tables exist: the signal of the last app that
        # has models (Django sends post_migrate only for those; thads.api has none).
        last = [a for a in apps.get_app_configs() if a.models_module is not None][-1]
        post_migrate.connect(after_migrate, sender=last, dispatch_uid="thads.truncate_guards")
