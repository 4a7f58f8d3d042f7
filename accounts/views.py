from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.serializers import (
    PasswordChangeSerializer,
    SignUpResponseSerializer,
    SignUpSerializer,
    TokenPairSerializer,
    UserSerializer,
    token_pair,
)
from accounts.services import user_blacklist_refresh_tokens
from mycoll.throttling import AUTH_THROTTLES


@extend_schema_view(
    post=extend_schema(
        tags=["accounts"],
        operation_id="accounts_sign_up",
        summary="Sign up",
        description="Create an account; the answer carries a token pair, so no log-in is needed. "
        "The password must pass Django's password validators (8 characters or more, not common, "
        "not all digits, not like the username or email).",
        responses={201: SignUpResponseSerializer},
    )
)
class SignUpView(generics.CreateAPIView):
    serializer_class = SignUpSerializer
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        return Response({**serializer.data, **token_pair(user)}, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(tags=["accounts"], operation_id="accounts_me", summary="The signed-in user")
)
class MeView(generics.RetrieveAPIView):
    serializer_class = UserSerializer

    def get_object(self):
        return self.request.user


class PasswordChangeView(APIView):
    """Change the password; every earlier refresh token stops working, a new pair is returned."""

    @extend_schema(
        tags=["accounts"],
        operation_id="accounts_password_change",
        summary="Change the password",
        request=PasswordChangeSerializer,
        responses={200: TokenPairSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = request.user
        with transaction.atomic():
            user.set_password(serializer.validated_data["new_password"])
            user.save(update_fields=["password"])
            user_blacklist_refresh_tokens(user=user)
        return Response(token_pair(user))
