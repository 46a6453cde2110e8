"""The iCalendar feed of campaign activities (RFC 5545) and the Atom feed of explainers and campaigns."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Sichuan Kangyang Skills//Campaign calendar//ZH"


def build_ics(campaigns, request, name: str) -> bytes:
    """One VEVENT per activity, times in Asia/Shanghai with its VTIMEZONE, importable into phone calendars."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for campaign in campaigns:
        url = campaign.get_full_url(request)
        for activity in campaign.activities:
            event = Event()
            event.add("uid", f"{activity['id']}@kangyang-skills")
            event.add("dtstamp", stamp)
            event.add("dtstart", activity["starts_at"].astimezone(tz))
            event.add("dtend", activity["ends_at"].astimezone(tz))
            event.add("summary", f"{activity['title']}（{campaign.title}）")
            event.add("location", activity["place"])
            description = [campaign.theme]
            if activity["contact"]:
                description.append(_("联系方式：%s") % activity["contact"])
            event.add("description", "\n".join(description))
            if url:
                event.add("url", url)
            calendar.add_component(event)
    calendar.add_missing_timezones(first_date=datetime.date(2000, 1, 1))
    return calendar.to_ical()


def build_atom(index_page, items, request) -> str:
    """An Atom 1.0 feed, newest first; each entry links to its page and says what kind of item it is."""
    feed = Atom1Feed(
        title=f"{index_page.title}：{_('政策解读与宣传活动')}",
        link=index_page.get_full_url(request),
        description=index_page.intro or _("康养职业技能培训政策解读和宣传活动。"),
        language="zh-hans",
        feed_url=request.build_absolute_uri(),
        feed_guid=index_page.get_full_url(request) + index_page.reverse_subpage("atom_feed"),
    )
    for page in items:
        url = page.get_full_url(request)
        feed.add_item(
            title=page.title,
            link=url,
            description=page.get_share_description() or "",
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=page.first_published_at,
            updateddate=page.last_published_at or page.first_published_at,
            categories=[str(page._meta.verbose_name)],
        )
    return feed.writeString("utf-8")
