"""Login with django-axes throttling: the request is passed to authenticate()."""

from django.contrib.auth.views import LoginView, PasswordChangeView

from thads.org.accounts import password_changed


class ThrottledLoginView(LoginView):
    redirect_authenticated_user = True


class OwnPasswordChangeView(PasswordChangeView):
    """Đổi mật khẩu; after a temporary password (org.accounts), the change lifts the
    obligation to change it (web.middleware.ForcedPasswordChangeMiddleware)."""

    template_name = "web/password_change_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(self.request.user)
        return response
