from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.validators import UniqueValidator
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import (
    TokenRefreshSerializer as SimpleJWTTokenRefreshSerializer,
)
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken

User = get_user_model()


def token_pair(user: AbstractBaseUser) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = fields


# TokenPairSerializer and SignUpResponseSerializer describe answers in the OpenAPI description.
class TokenPairSerializer(serializers.Serializer):
    """A JWT pair: `access` for every call, `refresh` to get a new pair."""

    access = serializers.CharField(help_text="Send as `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Trade for a new pair at `/accounts/token/refresh/`.")


class SignUpResponseSerializer(serializers.Serializer):
    """The new user, with a token pair."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    access = serializers.CharField(help_text="Send as `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Trade for a new pair at `/accounts/token/refresh/`.")


class SignUpSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(
        max_length=254,
        validators=[
            UniqueValidator(
                queryset=User.objects.all(),
                lookup="iexact",
                message="A user with that email already exists.",
            )
        ],
    )
    password = serializers.CharField(
        write_only=True, max_length=128, style={"input_type": "password"}
    )

    class Meta:
        model = User
        fields = ["id", "username", "email", "password"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = User(username=attrs["username"], email=attrs["email"])
        try:
            password_validation.validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"password": list(error.messages)}) from error
        return attrs

    def create(self, validated_data: dict[str, Any]) -> AbstractBaseUser:
        return User.objects.create_user(**validated_data)


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(write_only=True, max_length=128)
    new_password = serializers.CharField(write_only=True, max_length=128)

    def validate_old_password(self, value: str) -> str:
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("The current password is not correct.")
        return value

    def validate_new_password(self, value: str) -> str:
        password_validation.validate_password(value, user=self.context["request"].user)
        return value


class TokenRefreshSerializer(SimpleJWTTokenRefreshSerializer):
    """simplejwt's refresh, made safe under concurrency and for deleted users.

    Blacklisting the used token is the claim on it: of several requests racing with one
    refresh token, only the one whose blacklist row is new gets a fresh pair.
    """

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        try:
            refresh = RefreshToken(attrs["refresh"])
        except TokenError as error:
            raise InvalidToken(str(error)) from error
        user_id = refresh.payload.get(api_settings.USER_ID_CLAIM)
        user = User.objects.filter(**{api_settings.USER_ID_FIELD: user_id}).first()
        if user is None or not api_settings.USER_AUTHENTICATION_RULE(user):
            raise InvalidToken("No active account found for the given token.")
        _, newly_blacklisted = refresh.blacklist()
        if not newly_blacklisted:
            raise InvalidToken("Token is blacklisted")
        return token_pair(user)
