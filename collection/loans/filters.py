import django_filters
from django.db.models import QuerySet

from collection.filters import YES_NO, IntegerFilter
from collection.loans.selectors import overdue
from collection.models import Loan


class LoanFilter(django_filters.FilterSet):
    open = django_filters.ChoiceFilter(choices=YES_NO, method="filter_open")
    overdue = django_filters.ChoiceFilter(choices=YES_NO, method="filter_overdue")
    borrower = django_filters.CharFilter(lookup_expr="icontains", max_length=200)
    copy = IntegerFilter(field_name="copy_id")

    class Meta:
        model = Loan
        fields = ["open", "overdue", "borrower", "copy"]

    def filter_open(self, loans: QuerySet[Loan], name: str, value: str) -> QuerySet[Loan]:
        return loans.filter(returned_on__isnull=value == "1")

    def filter_overdue(self, loans: QuerySet[Loan], name: str, value: str) -> QuerySet[Loan]:
        return loans.filter(overdue()) if value == "1" else loans.exclude(overdue())
