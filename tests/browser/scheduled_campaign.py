"""Server-side steps of journey 4, run in the server's environment (`python -m tests.browser.scheduled_campaign`).

`schedule INDEX_ID TITLE ACTIVITY START_DATE SECONDS`: a campaign with one activity, approved for publication
SECONDS from now exactly as the admin's "设置计划" + approval does (publish() with a future go_live_at only
approves); prints its id and go-live time as JSON. It lets the go-live part of the journey run on its own.

`due PAGE_ID`: prints "yes" once the page's approved go-live time has passed on the server's clock and the page
is still not live (what `publish_scheduled` will pick up), "no" otherwise.
"""

import datetime
import json
import sys
import uuid

import django


def schedule(index_id: str, title: str, activity: str, start_date: str, seconds: str) -> dict:
    from django.utils import timezone
    from wagtail.models import Page

    from policy.choices import Channel, Occasion
    from policy.models import Campaign

    start = datetime.date.fromisoformat(start_date)
    shanghai = timezone.get_default_timezone()
    campaign = Campaign(
        title=title,
        intro="走进社区讲解康养职业技能培训补贴政策（浏览器测试）。",
        occasion=Occasion.OTHER,
        theme="技能培训进社区 康养服务暖人心",
        start_date=start,
        end_date=start + datetime.timedelta(days=6),
        channels=[Channel.HOTLINE],
        live=False,
    )
    campaign.schedule = [
        {
            "type": "activity",
            "id": str(uuid.uuid4()),
            "value": {
                "starts_at": datetime.datetime.combine(start, datetime.time(9, 30), tzinfo=shanghai).isoformat(),
                "ends_at": datetime.datetime.combine(start, datetime.time(11, 30), tzinfo=shanghai).isoformat(),
                "place": "成都市锦江区某社区服务中心（示例值）",
                "title": activity,
                "contact": "12333",
            },
        }
    ]
    Page.objects.get(id=int(index_id)).specific.add_child(instance=campaign)
    campaign.go_live_at = timezone.now() + datetime.timedelta(seconds=int(seconds))
    campaign.save_revision().publish()
    campaign.refresh_from_db()
    assert not campaign.live, "a future go-live time must only approve the campaign"
    return {"id": campaign.id, "go_live": campaign.go_live_at.isoformat()}


def due(page_id: str) -> str:
    from django.utils import timezone
    from wagtail.models import Page

    page = Page.objects.get(id=int(page_id))
    waiting = page.revisions.filter(approved_go_live_at__lte=timezone.now())
    return "yes" if not page.live and waiting.exists() else "no"


if __name__ == "__main__":
    django.setup()
    command, *args = sys.argv[1:]
    if command == "schedule":
        print(json.dumps(schedule(*args)))
    elif command == "due":
        print(due(*args))
    else:
        sys.exit(f"unknown command {command!r}")
