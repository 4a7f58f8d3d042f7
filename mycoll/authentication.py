"""Bearer authentication: simplejwt's own, with the user and their collection version read in
one statement whose SQL is built once per process (built by the ORM at every request, it was
half of what a 304 cost), once per request: what authenticates a request before DRF
(collection.early) leaves its result for DRF's own pass."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Field
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token
from rest_framework_simplejwt.utils import get_md5_hash_password

# The user's reverse one-to-one to their collection version (collection.CollectionVersion),
# and the attribute its token is loaded into (collection.selectors.collection_token reads it).
VERSION_RELATION = "collection_version"
TOKEN_ATTRIBUTE = "collection_token"
AUTHENTICATED = "_bearer_authenticated"  # on the Django request: (user, token)


@dataclass(frozen=True)
class UserQuery:
    """One user by USER_ID_FIELD, with their collection version's token (or none)."""

    sql: str
    fields: tuple[Field, ...]  # the user's columns, then the token's
    columns: tuple[Any, ...]  # each one's expression, for the backend's converters
    converters: tuple[tuple[int, tuple[Any, ...]], ...]

    def get(self, model: type[AbstractBaseUser], user_id: Any) -> AbstractBaseUser | None:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for index, converters in self.converters:
            for convert in converters:
                values[index] = convert(values[index], self.columns[index], connection)
        *user_values, token = values
        user = model.from_db(connection.alias, [f.attname for f in self.fields[:-1]], user_values)
        setattr(user, TOKEN_ATTRIBUTE, token.hex if token is not None else None)
        return user


@cache
def user_query(model: type[AbstractBaseUser], vendor: str) -> UserQuery:
    opts = model._meta
    relation = opts.get_field(VERSION_RELATION)
    version = relation.related_model._meta
    token = version.get_field("token")
    qn = connection.ops.quote_name
    user_table, version_table = qn(opts.db_table), qn(version.db_table)
    fields = (*opts.concrete_fields, token)
    columns = tuple(
        f.get_col(opts.db_table) if f is not token else token.get_col(version.db_table)
        for f in fields
    )
    selected = ", ".join(f"{qn(col.alias)}.{qn(col.target.column)}" for col in columns)
    joined = f"{version_table}.{qn(relation.field.column)} = {user_table}.{qn(opts.pk.column)}"
    by_id = f"{user_table}.{qn(opts.get_field(api_settings.USER_ID_FIELD).column)} = %s"
    # Names from the models' own metadata, quoted by the backend; the id is a parameter.
    sql = f"SELECT {selected} FROM {user_table} LEFT OUTER JOIN {version_table} ON {joined}"  # noqa: S608
    converters = (
        (i, found)
        for i, col in enumerate(columns)
        if (found := (*connection.ops.get_db_converters(col), *col.get_db_converters(connection)))
    )
    return UserQuery(f"{sql} WHERE {by_id}", fields, columns, tuple(converters))


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's bearer authentication, its checks as its own get_user makes them, loading
    with the user, in the same statement, their collection version: the ETag of every list
    then costs no query of its own."""

    def authenticate(self, request: Any) -> tuple[AbstractBaseUser, Token] | None:
        done = getattr(getattr(request, "_request", request), AUTHENTICATED, None)
        return done if done is not None else super().authenticate(request)

    def get_user(self, validated_token: Token) -> AbstractBaseUser:
        try:
            user_id = validated_token[api_settings.USER_ID_CLAIM]
        except KeyError as error:
            raise InvalidToken(_("Token contained no recognizable user identification")) from error
        user = user_query(self.user_model, connection.vendor).get(self.user_model, user_id)
        if user is None:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        if api_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
        if api_settings.CHECK_REVOKE_TOKEN and validated_token.get(
            api_settings.REVOKE_TOKEN_CLAIM
        ) != get_md5_hash_password(user.password):
            raise AuthenticationFailed(
                _("The user's password has been changed."), code="password_changed"
            )
        return user


def authenticate_early(request: HttpRequest) -> tuple[AbstractBaseUser, Token] | None:
    """The request's bearer authentication before DRF's, which then reuses it; None without
    a bearer token, simplejwt's errors when it is not valid (left for DRF to answer)."""
    authenticated = JWTAuthentication().authenticate(request)
    if authenticated is not None:
        setattr(request, AUTHENTICATED, authenticated)
    return authenticated
