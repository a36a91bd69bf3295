from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "thads.interchange"
    label = "interchange"
