from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request


class OptInLimitOffsetPagination(LimitOffsetPagination):
    """Plain arrays by default (the SPA needs them); `?limit=&offset=` asks for pages."""

    max_limit = 500

    def get_limit(self, request: Request) -> int | None:
        params = request.query_params
        if self.limit_query_param not in params and self.offset_query_param not in params:
            return None
        if self.limit_query_param not in params:
            return self.max_limit
        return min(self._number(request, self.limit_query_param, minimum=1), self.max_limit)

    def get_offset(self, request: Request) -> int:
        if self.offset_query_param not in request.query_params:
            return 0
        return self._number(request, self.offset_query_param, minimum=0)

    @staticmethod
    def _number(request: Request, name: str, *, minimum: int) -> int:
        text = request.query_params[name]
        if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) < minimum:
            raise ValidationError({name: [f"A whole number of at least {minimum} is required."]})
        return int(text)
