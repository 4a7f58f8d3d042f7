"""`/api/v1/loans/`: who has which copy, since when, until when."""

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from collection.loans.filters import LoanFilter
from collection.loans.serializers import LoanSerializer, ReturnSerializer
from collection.loans.services import loan_return, loan_save
from collection.models import Loan
from collection.schema import CollectionSchema, detail_operations
from collection.viewsets import CollectionReadMixin, CollectionWriteMixin, render
from mycoll.schema import error

ALREADY = "The copy already has an open loan, or the loan was already returned."


def _yes_no(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, int, enum=[0, 1], description=description)


@extend_schema_view(
    list=extend_schema(
        summary="Every loan",
        description="The requester's loans, newest first.",
        parameters=[
            _yes_no("open", "`1`: loans not returned yet; `0`: returned ones."),
            _yes_no("overdue", "`1`: open loans due before today; `0`: the others."),
            OpenApiParameter("borrower", str, description="Borrowers whose name contains this."),
            OpenApiParameter("copy", int, description="Loans of this copy (its id)."),
        ],
    ),
    create=extend_schema(
        summary="Lend a copy",
        description="One open loan per copy: a second is a `409`.",
        responses={201: LoanSerializer, 409: error(ALREADY)},
    ),
    **detail_operations("loan", conflict=(LoanSerializer, error(ALREADY))),
)
@extend_schema(tags=["loans"])
class LoanViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """Loans: `lent_on` is today by default and never in the future; `due_on` and
    `returned_on` never fall before it."""

    schema = CollectionSchema()
    serializer_class = LoanSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = LoanFilter

    def get_queryset(self) -> QuerySet[Loan]:
        return Loan.objects.filter(owner=self.request.user).order_by("-lent_on", "-id")

    def list_json(self, request: Request) -> bytes:
        loans = self.filter_queryset(self.get_queryset())
        page = self.paginated_json(request, loans, lambda page: self._data(page))
        return page if page is not None else render(self._data(loans))

    def _data(self, loans: Any) -> Any:
        return self.get_serializer(loans, many=True).data

    def perform_create(self, serializer: LoanSerializer) -> None:
        serializer.instance = loan_save(
            owner_id=self.request.user.pk, data=serializer.validated_data
        )

    def perform_update(self, serializer: LoanSerializer) -> None:
        loan_save(
            owner_id=self.request.user.pk, data=serializer.validated_data, loan=serializer.instance
        )

    @extend_schema(
        summary="Return a loan",
        description="Sets `returned_on`: today, unless the body names a date.",
        request=ReturnSerializer,
        responses={200: LoanSerializer, 409: error("The loan was already returned.")},
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="The loan's id.")
        ],
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str) -> Response:
        loan = self.get_object()
        body = ReturnSerializer(data=request.data, context={"loan": loan})
        body.is_valid(raise_exception=True)
        loan_return(loan=loan, returned_on=body.validated_data.get("returned_on"))
        return Response(self.get_serializer(loan).data, status=status.HTTP_200_OK)


LOAN_HISTORY = extend_schema(
    summary="A copy's loans",
    description="Every loan of the copy, newest first.",
    responses={200: LoanSerializer(many=True)},
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="The copy's id.")],
)


def copy_loans_json(copy_id: int) -> bytes:
    loans = Loan.objects.filter(copy_id=copy_id).order_by("-lent_on", "-id")
    return render(LoanSerializer(loans, many=True).data)
