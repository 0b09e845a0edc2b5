"""What partnerships does when a lower app announces a change (connected in apps.py)."""

from django.dispatch import receiver

from consortia.organisations.signals import membership_ended

from .models import Representative


@receiver(membership_ended, dispatch_uid="partnerships-representation-drop")
def representation_drop(sender, *, organisation, user, **kwargs) -> None:
    """Someone who leaves an organisation stops representing it in partnerships."""
    Representative.objects.filter(partner__organisation=organisation, user=user).delete()
