from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stats.charts import bar_chart, share_chart
from stats.selectors import collection_stats, copies_in_4k
from stats.serializers import StatsSerializer


class StatsView(APIView):
    """The requester's collection in numbers."""

    @extend_schema(tags=["stats"], summary="Statistics", responses={200: StatsSerializer})
    def get(self, request: Request) -> Response:
        return Response(collection_stats(owner=request.user))


def _counts(counts: dict[str, int]) -> list[tuple[str, int, str]]:
    return [(label, n, str(n)) for label, n in counts.items()]


@login_required
def stats_page(request: HttpRequest) -> HttpResponse:
    stats = collection_stats(owner=request.user)
    spending = [
        (f"{row['year'] or 'no date'} {row['currency']}", float(row["total"]),
         f"{row['total']} {row['currency']}")
        for row in stats["spending"]
    ]  # fmt: skip
    charts = [
        bar_chart("Copies by medium", _counts(stats["copies"]["by_medium"])),
        bar_chart("Titles by decade", _counts(stats["titles_by_decade"])),
        bar_chart("Spending by year", spending),
        share_chart("Copies in 4K", copies_in_4k(owner=request.user), stats["copies"]["total"]),
    ]
    return render(request, "stats/page.html", {"stats": stats, "charts": charts})
