"""Vocabularies shared by several apps (DESIGN.md)."""

from django.db import models


class ContributionCategory(models.TextChoices):
    FUNDING = "funding", "Funding"
    PAID_STAFF = "paid_staff", "Paid staff time"
    VOLUNTEER_TIME = "volunteer_time", "Volunteer time"
    PREMISES = "premises", "Premises and office space"
    EQUIPMENT = "equipment", "Equipment and vehicles"
    TRAINING = "training", "Training places"
    EXPERTISE = "expertise", "Subject expertise"
    DATA = "data", "Data and research"
    ACCESS = "access", "Access to service users and communities"
    FACILITATION = "facilitation", "Facilitation and leadership"
    FINANCE = "finance", "Financial management"
    ADVOCACY = "advocacy", "Advocacy and influence"
    DIGITAL = "digital", "IT and digital"
    OTHER = "other", "Other"
