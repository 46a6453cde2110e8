from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("api/search/", views.api_search, name="api_search"),
    path("api/search/suggest/", views.api_suggest, name="api_suggest"),
]
