"""JSON endpoints of the public search: GET /api/search/?q= and GET /api/search/suggest/?q=."""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from cms.ratelimit import RateLimiter, ratelimit

from . import service

JSON_OPTIONS = {"ensure_ascii": False}


def _error(exc: service.SearchError) -> JsonResponse:
    return JsonResponse({"error": exc.message, "field": exc.field}, status=400, json_dumps_params=JSON_OPTIONS)


SEARCH_SCOPE, SEARCH_RATE = "search", "60/m"
# The HTML page /search/ and the JSON API draw on one budget per client: the same scope of the shared limiter.
page_limiter = RateLimiter(SEARCH_SCOPE, SEARCH_RATE)


def page_refusal(request):
    """None when this search may run, else the 429 page (with Retry-After) for a client past its budget. Only
    searches count: the empty search page is cached and cheap."""
    if not request.GET.get("q", "").strip():
        return None
    decision = page_limiter.hit(request)
    if decision.allowed:
        return None
    from django.http import HttpResponse

    html = render_to_string("search/rate_limited.html", {"seconds": decision.retry_after}, request=request)
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(decision.retry_after)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@ratelimit(SEARCH_SCOPE, SEARCH_RATE)
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
