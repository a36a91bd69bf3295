"""Login with django-axes throttling: the request is passed to authenticate()."""

from django.contrib.auth.views import LoginView


class ThrottledLoginView(LoginView):
    redirect_authenticated_user = True
