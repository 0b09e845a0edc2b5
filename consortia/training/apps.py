from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "consortia.training"
    label = "training"
    verbose_name = "Training places"
