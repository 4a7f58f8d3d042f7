"""The OpenAPI description of simplejwt's token views, which this project routes but does not
define (drf-spectacular view extensions; imported by AccountsConfig.ready)."""

from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers

from accounts.serializers import TokenPairSerializer
from mycoll.schema import error

BAD_TOKEN = (
    "The refresh token is invalid, expired, or already used or revoked (`code`: `token_not_valid`)."
)


class RefreshTokenSerializer(serializers.Serializer):
    refresh = serializers.CharField(help_text="A refresh token.")


class TokenObtainPairViewSchema(OpenApiViewExtension):
    target_class = "rest_framework_simplejwt.views.TokenObtainPairView"

    def view_replacement(self):
        @extend_schema_view(
            post=extend_schema(
                tags=["accounts"],
                operation_id="accounts_token",
                summary="Log in",
                description="Trade a username and password for a token pair: `access` (30 min by "
                "default) for every call, `refresh` (1 day) to get a new pair.",
                responses={
                    200: TokenPairSerializer,
                    401: error("Wrong username or password, or an inactive account."),
                },
            )
        )
        class Documented(self.target_class):
            pass

        return Documented


class TokenRefreshViewSchema(OpenApiViewExtension):
    target_class = "rest_framework_simplejwt.views.TokenRefreshView"

    def view_replacement(self):
        @extend_schema_view(
            post=extend_schema(
                tags=["accounts"],
                operation_id="accounts_token_refresh",
                summary="Refresh the token pair",
                description="Trade a refresh token for a new pair. The refresh token sent stops "
                "working: of concurrent refreshes with one token, only one succeeds.",
                request=RefreshTokenSerializer,
                responses={200: TokenPairSerializer, 401: error(BAD_TOKEN)},
            )
        )
        class Documented(self.target_class):
            pass

        return Documented


class TokenBlacklistViewSchema(OpenApiViewExtension):
    target_class = "rest_framework_simplejwt.views.TokenBlacklistView"

    def view_replacement(self):
        @extend_schema_view(
            post=extend_schema(
                tags=["accounts"],
                operation_id="accounts_token_blacklist",
                summary="Log out",
                description="Revoke a refresh token. Access tokens already issued stay valid "
                "until they expire.",
                request=RefreshTokenSerializer,
                responses={
                    200: OpenApiResponse(
                        response={"type": "object", "properties": {}, "maxProperties": 0},
                        description="Revoked; the body is an empty object.",
                    ),
                    401: error(BAD_TOKEN),
                },
            )
        )
        class Documented(self.target_class):
            pass

        return Documented
