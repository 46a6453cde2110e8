"""Linking events to the curricula occupation they are about, from the free text they used to hold.

Used by the data migration (with historical models) and by the demo: an event whose 职业编码 or 职业名称 (or an
alias of it) matches a curricula occupation gets it; the rest are reported so an editor can choose by hand.
"""


def find_occupation(occupations, name: str, code: str):
    """The occupation with this code, else this title, else this alias; None when nothing or several match."""
    name, code = (name or "").strip(), (code or "").strip()
    if code:
        match = occupations.filter(code=code).first()
        if match is not None:
            return match
    if name:
        titled = list(occupations.filter(title=name)[:2])
        if len(titled) == 1:
            return titled[0]
        aliased = [
            occupation
            for occupation in occupations.filter(alias_names__contains=name)
            if name in [alias.strip() for alias in occupation.alias_names.replace(",", "、").split("、")]
        ]
        if len(aliased) == 1:
            return aliased[0]
    return None


def link_event_occupations(events, occupations, write=print) -> tuple[int, list[str]]:
    """Link every event without an occupation whose text matches one; returns (linked, unmatched descriptions)."""
    linked, unmatched = 0, []
    for event in events.filter(curricula_occupation__isnull=True).order_by("path"):
        if not (event.occupation_name or event.occupation_code):
            continue
        occupation = find_occupation(occupations, event.occupation_name, event.occupation_code)
        if occupation is None:
            unmatched.append(f"{event.title}（{event.occupation_name or '-'} / {event.occupation_code or '-'}）")
            continue
        event.curricula_occupation_id = occupation.pk
        event.occupation_name, event.occupation_code = occupation.title, occupation.code or ""
        event.save(update_fields=["curricula_occupation", "occupation_name", "occupation_code"])
        linked += 1
    write(f"赛事职业：{linked} 个赛事已对应到课程中心的职业，{len(unmatched)} 个未能对应。")
    for description in unmatched:
        write(f"  未对应（请在赛事页面中选择职业）：{description}")
    return linked, unmatched
