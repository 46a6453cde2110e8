"""An event's public results as CSV (UTF-8 with BOM, so Excel opens the Chinese correctly) and JSON."""

import csv

from django.http import HttpResponse, JsonResponse

from .columns import EXPORT_HEADERS


def _number(value):
    return "" if value is None else f"{value:.2f}"


def export_rows(entries) -> list[list[str]]:
    """One row per entry, in the import format: the CSV of an event imports again unchanged (unless masked)."""
    return [
        [
            str(entry.rank),
            "是" if entry.tied else "",
            getattr(entry, "display_name", entry.name),
            entry.organisation,
            entry.city,
            _number(entry.raw_score),
            _number(entry.standardised_score),
            str(entry.get_award_display()) if entry.award else "",
            str(entry.get_promoted_level_display()) if entry.promoted_level else "",
            entry.honour,
            entry.team_name,
        ]
        for entry in entries
    ]


def _filename(event, extension: str) -> str:
    return f"results-{event.year}-{event.slug}.{extension}"


def results_csv_response(event, entries) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(event, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(EXPORT_HEADERS)
    writer.writerows(export_rows(entries))
    return response


def results_json_response(event, entries, request) -> JsonResponse:
    announcement = event.get_announcement()
    data = {
        "event": {
            "id": event.pk,
            "title": event.title,
            "year": event.year,
            "url": event.get_full_url(request),
            "occupation_name": event.occupation_name,
            "occupation_code": event.occupation_code,
            "announcement_state": announcement.state,
            "notice_start": announcement.notice_start,
            "notice_end": announcement.notice_end,
            "names_masked": event.names_masked,
        },
        "results": [
            {
                "rank": entry.rank,
                "tied": entry.tied,
                "name": getattr(entry, "display_name", entry.name),
                "is_team": entry.is_team,
                "team_name": entry.team_name,
                "organisation": entry.organisation,
                "city": entry.city,
                "raw_score": _number(entry.raw_score) or None,
                "standardised_score": _number(entry.standardised_score) or None,
                "award": entry.award,
                "award_label": str(entry.get_award_display()) if entry.award else "",
                "promoted_level": entry.promoted_level,
                "honour": entry.honour,
            }
            for entry in entries
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
