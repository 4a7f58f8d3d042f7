from django.contrib import admin

from books.models import Book
from collection.admin import CopyInline, TitleAdmin


class BookCopyInline(CopyInline):
    fk_name = "book"


@admin.register(Book)
class BookAdmin(TitleAdmin):
    list_display = ["title", "published_year", "isbn_13", "owner", "copy_count", "updated_at"]
    list_filter = ["published_year", "language", "copies__form", "copies__medium"]
    search_fields = ["title", "subtitle", "isbn_13", "isbn_10", "owner__username", "owner__email"]
    readonly_fields = ["isbn_10", "created_at", "updated_at"]
    inlines = [BookCopyInline]
