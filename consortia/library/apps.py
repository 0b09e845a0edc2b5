from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "consortia.library"
    label = "library"
    verbose_name = "Practice library"
