"""A URL configuration for the rate-limit test: one cheap view behind `rate_limited`."""

from django.http import JsonResponse
from django.urls import path

from cms.security import rate_limited


@rate_limited("test", limit=3, window=60)
def limited(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("limited/", limited)]
