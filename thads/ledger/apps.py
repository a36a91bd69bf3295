from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "thads.ledger"
    label = "ledger"
