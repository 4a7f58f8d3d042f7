"""The accounts' operations, as the OpenAPI conformance tests run them."""

from accounts.serializers import token_pair
from accounts.tests.factories import PASSWORD
from mycoll.tests.conformance import scenario

BAD_TOKEN = {"HTTP_AUTHORIZATION": "Bearer not-a-token"}


@scenario("POST", "/accounts/create/")
def sign_up(api, api_client, **_):
    new = {"username": "ada", "email": "ada@example.com", "password": "a-long-passphrase"}
    api.call(api_client, "POST", "/accounts/create/", 201, body=new)
    api.call(api_client, "POST", "/accounts/create/", 400, body=new, slash=False)  # taken
    api.call(api_client, "POST", "/accounts/create/", 400, body={**new, "password": "12345678"})
    api.call(api_client, "POST", "/accounts/create/", 400, raw=b'{"username": "ada"')


@scenario("POST", "/accounts/token/")
def log_in(api, api_client, user, **_):
    credentials = {"username": user.username, "password": PASSWORD}
    api.call(api_client, "POST", "/accounts/token/", 200, body=credentials, slash=False)
    api.call(api_client, "POST", "/accounts/token/", 400, body={"username": user.username})
    api.call(api_client, "POST", "/accounts/token/", 401, body={**credentials, "password": "no"})


@scenario("POST", "/accounts/token/refresh/")
def refresh(api, api_client, user, **_):
    used = token_pair(user)["refresh"]
    api.call(api_client, "POST", "/accounts/token/refresh/", 200, body={"refresh": used})
    api.call(api_client, "POST", "/accounts/token/refresh/", 401, body={"refresh": used})
    api.call(api_client, "POST", "/accounts/token/refresh/", 401, body={"refresh": "x.y.z"})
    api.call(api_client, "POST", "/accounts/token/refresh/", 400, body={})


@scenario("POST", "/accounts/token/blacklist/")
def log_out(api, api_client, user, **_):
    refresh = token_pair(user)["refresh"]
    api.call(api_client, "POST", "/accounts/token/blacklist/", 200, body={"refresh": refresh})
    api.call(api_client, "POST", "/accounts/token/blacklist/", 401, body={"refresh": refresh})
    api.call(api_client, "POST", "/accounts/token/blacklist/", 400, body={"refresh": ""})


@scenario("GET", "/accounts/me/")
def me(api, owner_client, api_client, **_):
    api.call(owner_client, "GET", "/accounts/me/", 200)
    api.call(owner_client, "GET", "/accounts/me/", 200, slash=False)
    api.call(api_client, "GET", "/accounts/me/", 401)
    api.call(api_client, "GET", "/accounts/me/", 401, **BAD_TOKEN)


@scenario("POST", "/accounts/password/")
def password_change(api, owner_client, api_client, **_):
    new = {"old_password": PASSWORD, "new_password": "another-long-passphrase"}
    api.call(owner_client, "POST", "/accounts/password/", 200, body=new)
    api.call(owner_client, "POST", "/accounts/password/", 400, body=new)  # old one is wrong now
    weak = {"old_password": new["new_password"], "new_password": "short"}
    api.call(owner_client, "POST", "/accounts/password/", 400, body=weak, slash=False)
    api.call(api_client, "POST", "/accounts/password/", 401, body=new)
