from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, password: str = PASSWORD, **fields) -> AbstractBaseUser:
    fields.setdefault("email", f"{username}@example.com")
    return get_user_model().objects.create_user(username=username, password=password, **fields)
