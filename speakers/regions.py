"""UNESCO electoral (regional) groups of Member States, by ISO 3166 code.

Group V is split into V(a) Africa and V(b) Arab States, as UNESCO does. The
list follows UNESCO's published composition of the groups (194 Member
States); Israel, no longer a member since 2019, is kept in Group I so that
its speakers still count. Territories and associate members are left out and
count as "unknown region"."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    GROUP_I = "I", _("Group I: Western Europe and North America")
    GROUP_II = "II", _("Group II: Eastern Europe")
    GROUP_III = "III", _("Group III: Latin America and the Caribbean")
    GROUP_IV = "IV", _("Group IV: Asia and the Pacific")
    GROUP_VA = "Va", _("Group V(a): Africa")
    GROUP_VB = "Vb", _("Group V(b): Arab States")


_GROUPS = {
    Region.GROUP_I: ("AD AT BE CA CY DK FI FR DE GR IS IE IL IT LU MT MC NL NO PT SM ES SE CH TR GB US"),
    Region.GROUP_II: ("AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MK PL MD RO RU RS SK SI TJ UA UZ"),
    Region.GROUP_III: (
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE"
    ),
    Region.GROUP_IV: (
        "AF AU BD BT BN KH CN CK KP FJ IN ID IR JP KZ KI KG LA MY MV MH FM MN MM NR NP NZ NU PK PW PG PH KR WS SG "
        "SB LK TH TL TO TM TV VU VN"
    ),
    Region.GROUP_VA: (
        "AO BJ BW BF BI CV CM CF TD KM CG CI CD DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MU MZ NA NE NG RW "
        "ST SN SC SL SO ZA SS TG UG TZ ZM ZW"
    ),
    Region.GROUP_VB: "DZ BH EG IQ JO KW LB LY MR MA OM PS QA SA SD SY TN AE YE",
}

SHORT_LABELS = {
    Region.GROUP_I: "I",
    Region.GROUP_II: "II",
    Region.GROUP_III: "III",
    Region.GROUP_IV: "IV",
    Region.GROUP_VA: "V(a)",
    Region.GROUP_VB: "V(b)",
}

COUNTRY_REGION: dict[str, Region] = {code: region for region, codes in _GROUPS.items() for code in codes.split()}


def region_for_country(country_code: str) -> Region | None:
    """The UNESCO group of a country (ISO 3166-1 alpha-2), or None."""
    return COUNTRY_REGION.get((country_code or "").upper())
