"""JSON endpoints of the public search: GET /api/search/?q= and GET /api/search/suggest/?q=."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from cms.ratelimit import ratelimit

from . import service

JSON_OPTIONS = {"ensure_ascii": False}


def _error(exc: service.SearchError) -> JsonResponse:
    return JsonResponse({"error": exc.message, "field": exc.field}, status=400, json_dumps_params=JSON_OPTIONS)


@require_GET
@ratelimit("search", "60/m")
def api_search(request):
    try:
        params = service.parse_params(request.GET)
    except service.SearchError as exc:
        return _error(exc)
    outcome = service.search(params)
    return JsonResponse(outcome.as_json(), json_dumps_params=JSON_OPTIONS)


@require_GET
@ratelimit("search-suggest", "240/m")
def api_suggest(request):
    query = request.GET.get("q", "")
    try:
        completions = service.complete(query)
    except service.SearchError as exc:
        return _error(exc)
    return JsonResponse({"query": " ".join(query.split()), "completions": completions}, json_dumps_params=JSON_OPTIONS)
