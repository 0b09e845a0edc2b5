from allauth.account.views import SignupView as AllauthSignupView
from django.http import HttpResponse

from .forms import SignupRaced


class SignupView(AllauthSignupView):
    """allauth's sign-up page; a sign-up that lost a race for its address (see
    SignupForm.save) gets the form again with the error, not a 500."""

    def form_valid(self, form) -> HttpResponse:
        try:
            return super().form_valid(form)
        except SignupRaced:
            return self.form_invalid(form)


signup = SignupView.as_view()
