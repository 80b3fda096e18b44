from typing import NamedTuple

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Every model records when it was created and last changed."""

    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class Page(TimeStampedModel):
    """A text page an administrator edits, such as Impressum or Datenschutz.

    Texts are Markdown. The English text is optional; without it the German
    text is shown to English readers too.
    """

    slug = models.SlugField(_("Kürzel"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(
        _("Text"), help_text=_("Markdown: **fett**, _kursiv_, # Überschrift, - Liste, [Link](https://…)")
    )
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    body_en = models.TextField(_("Text (Englisch)"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:page", kwargs={"slug": self.slug})

    def localized(self) -> "LocalizedText":
        """Title and body in the reader's language, German where no translation exists.

        ``language`` says which one was chosen, so that a German fallback on an
        English page is marked ``lang="de"`` and read out as German.
        """
        if get_language() == "en" and self.body_en.strip():
            return LocalizedText(self.title_en or self.title, self.body_en, "en")
        return LocalizedText(self.title, self.body, "de")


class LocalizedText(NamedTuple):
    title: str
    body: str
    language: str
