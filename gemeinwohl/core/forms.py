from django import forms

from gemeinwohl.core.models import Page


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body", "title_en", "body_en"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18}), "body_en": forms.Textarea(attrs={"rows": 18})}
