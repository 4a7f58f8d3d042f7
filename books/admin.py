from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from books.isbn import InvalidISBN, isbn13
from books.models import BOOK_FIELDS, Book, validate_published_date
from collection.admin import CopyInline, TitleAdmin

# Derived (isbn_10) or the database's (id, timestamps): shown, never edited.
NOT_EDITED = ("id", "isbn_10", "created_at", "updated_at")


class BookForm(forms.ModelForm):
    isbn_13 = forms.CharField(
        max_length=64, required=False, help_text="Any form: stored as the ISBN-13."
    )
    published_date = forms.CharField(
        max_length=10,
        required=False,
        validators=[validate_published_date],
        help_text="YYYY, YYYY-MM or YYYY-MM-DD.",
    )

    image_link = forms.URLField(max_length=500, required=False, assume_scheme="https")
    info_link = forms.URLField(max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Book
        fields = ["owner", *(f for f in BOOK_FIELDS if f not in NOT_EDITED)]

    def clean_isbn_13(self) -> str:
        value = self.cleaned_data.get("isbn_13", "")
        try:
            return isbn13(value) if value else ""
        except InvalidISBN as error:
            raise ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("published_date"):
            cleaned["published_year"] = int(cleaned["published_date"][:4])
        return cleaned


class BookCopyInline(CopyInline):
    fk_name = "book"


@admin.register(Book)
class BookAdmin(TitleAdmin):
    form = BookForm
    list_display = ["title", "published_year", "isbn_13", "owner", "copy_count", "updated_at"]
    list_filter = ["published_year", "language", "copies__form", "copies__medium"]
    search_fields = ["title", "subtitle", "isbn_13", "isbn_10", "owner__username", "owner__email"]
    readonly_fields = list(NOT_EDITED[1:])
    inlines = [BookCopyInline]
