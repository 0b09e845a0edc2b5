from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consortia.consultations"
    label = "consultations"
    verbose_name = "Public consultations"
