from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "consortia.questions"
    label = "questions"
    verbose_name = "Ask the partnership"
