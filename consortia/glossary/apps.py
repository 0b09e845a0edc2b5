from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "consortia.glossary"
    label = "glossary"
    verbose_name = "Glossary across sectors"
