from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.core import dashboard
from gemeinwohl.core.actions import page_update
from gemeinwohl.core.forms import PageForm
from gemeinwohl.core.models import Page


def keep_private(response):
    """For pages whose address is a secret (a status or registration link): no caches, no search engines.

    The referrer stays on the platform (``same-origin``), so the link never
    reaches other sites. Not ``no-referrer``: with it browsers send the page's
    own forms with ``Origin: null``, which the CSRF check rightly refuses.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class InvalidFormStatusMixin:
    """Answer an invalid form with 422, so that scripts and HTMX see the failure.

    Browsers show the page with its messages all the same.
    """

    invalid_status = 422

    def form_invalid(self, form, **context):
        response = self.render_to_response(self.get_context_data(form=form, **context))
        response.status_code = self.invalid_status
        return response


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = Page.objects.filter(slug="start").first()
        return context


class PageView(TemplateView):
    template_name = "core/page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = get_object_or_404(Page, slug=self.kwargs["slug"])
        return context


class PageEditView(LoginRequiredMixin, PermissionRequiredMixin, InvalidFormStatusMixin, FormView):
    permission_required = "core.change_page"
    template_name = "core/page_form.html"
    form_class = PageForm

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        # The form works on its own copy, so that a rejected entry does not show up
        # in the heading as if it had been saved.
        return {**super().get_form_kwargs(), "instance": Page.objects.get(pk=self.page.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)

    def form_valid(self, form):
        page_update(page=self.page, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Die Seite wurde gespeichert."))
        return redirect(self.page)


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = dashboard.panels_for(self.request.user)
        return context
