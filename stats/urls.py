from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from stats import views

api_urlpatterns = [re_path(r"^stats/?$", views.StatsView.as_view(), name="stats")]

page_urlpatterns = [
    path("stats/", views.stats_page, name="stats-page"),
    path("login/", auth_views.LoginView.as_view(template_name="stats/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

urlpatterns = [path("api/v1/", include(api_urlpatterns)), *page_urlpatterns]
