from django.contrib import admin

from .mail import email_send_again
from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox for the site administrator: messages waiting to be sent, and those the
    mail server refused after every retry (failed), to send again or delete. Sent
    messages are not here: they are deleted once sent. The body is not shown, as it
    may hold an invitation's link meant for its recipient only."""

    list_display = ["id", "to", "subject", "attempts", "created_at", "failed_at"]
    list_filter = [("failed_at", admin.EmptyFieldListFilter)]
    fields = ("to", "subject", "about", "attempts", "created_at", "failed_at")
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Send the selected messages again")
    def send_again(self, request, queryset) -> None:
        count = email_send_again(messages=queryset)
        self.message_user(request, f"{count} message(s) will be sent again.")
