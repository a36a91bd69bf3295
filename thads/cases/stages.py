"""The case page's actions, grouped as an officer works: by stage, the usual next steps first.

Only steps the law allows now reach this module (`transitions.available_events`); here they are
sorted into the stages of the procedure, and into the usual next steps from where the case
stands (shown) and the rest (under "Thao tác khác", collapsed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thads.cases.models import CaseState, EventType
from thads.cases.state import SUSPENDED, CaseSnapshot

E = EventType

STAGES: tuple[tuple[str, object, tuple[str, ...]], ...] = (
    (
        "verification",
        _("Thông báo, xác minh điều kiện thi hành"),
        (
            E.THONG_BAO,
            E.TONG_DAT,
            E.NIEM_YET,
            E.XAC_MINH,
            E.XAC_MINH_CO_DIEU_KIEN,
            E.CHUA_CO_DIEU_KIEN,
            E.XAC_MINH_LAI,
            E.CONG_KHAI,
            E.SO_RIENG,
        ),
    ),
    (
        "money",
        _("Vận động, thu tiền, chi trả"),
        (E.VAN_DONG, E.THOA_THUAN, E.THU_TIEN, E.CHI_TRA, E.MIEN_GIAM, E.XONG),
    ),
    (
        "coercion",
        _("Biện pháp bảo đảm, cưỡng chế"),
        (E.PHONG_TOA, E.TAM_GIU, E.TAM_DUNG_DANG_KY, E.QUYET_DINH_CUONG_CHE, E.CUONG_CHE),
    ),
    (
        "assets",
        _("Thẩm định giá, bán đấu giá tài sản"),
        (
            E.THAM_DINH_GIA,
            E.THAM_DINH_GIA_LAI,
            E.DAU_GIA,
            E.GIAM_GIA,
            E.NHAN_TAI_SAN,
            E.GIAO_TAI_SAN,
        ),
    ),
    (
        "suspension",
        _("Hoãn, tạm đình chỉ, đình chỉ, ủy thác"),
        (E.HOAN, E.TAM_DINH_CHI, E.TIEP_TUC, E.DINH_CHI, E.UY_THAC, E.THU_HOI, E.TRA_DON),
    ),
    ("complaints", _("Khiếu nại, tố cáo"), (E.KHIEU_NAI,)),
)
STAGE_OF = {kind: key for key, _label, kinds in STAGES for kind in kinds}
ORDER = {kind: i for i, kind in enumerate(k for _key, _l, kinds in STAGES for k in kinds)}

NOT_CLASSIFIED_NEXT = frozenset(
    {E.THONG_BAO, E.XAC_MINH, E.XAC_MINH_CO_DIEU_KIEN, E.CHUA_CO_DIEU_KIEN, E.VAN_DONG, E.THU_TIEN}
)
WITH_MEANS_NEXT = frozenset(
    {
        E.VAN_DONG,
        E.THU_TIEN,
        E.CHI_TRA,
        E.MIEN_GIAM,
        E.XONG,
        E.QUYET_DINH_CUONG_CHE,
        E.CUONG_CHE,
        E.THAM_DINH_GIA,
        E.DAU_GIA,
        E.GIAM_GIA,
        E.NHAN_TAI_SAN,
    }
)
NO_MEANS_NEXT = frozenset({E.XAC_MINH_LAI, E.CONG_KHAI, E.SO_RIENG, E.XAC_MINH_CO_DIEU_KIEN})


def usual_next_steps(snapshot: CaseSnapshot) -> frozenset[str]:
    """What an officer usually does next from where the case stands."""
    if snapshot.state == CaseState.CHUA_CO_DIEU_KIEN:
        return NO_MEANS_NEXT
    if snapshot.state in SUSPENDED:
        return frozenset({E.TIEP_TUC})
    if snapshot.state == CaseState.DANG_THI_HANH:
        return WITH_MEANS_NEXT if snapshot.is_classified else NOT_CLASSIFIED_NEXT
    return frozenset({E.CHI_TRA})  # a finished case may still pay out what it collected


@dataclass(frozen=True)
class Action:
    kind: str
    name: str
    url: str


@dataclass(frozen=True)
class Stage:
    key: str
    label: object
    actions: tuple[Action, ...]


def group_actions(actions: list[Action], snapshot: CaseSnapshot) -> tuple[list[Stage], list[Stage]]:
    """(the usual next steps by stage, the other allowed steps by stage), stages in order."""
    usual = usual_next_steps(snapshot)
    main: dict[str, list[Action]] = {}
    other: dict[str, list[Action]] = {}
    for action in sorted(actions, key=lambda a: ORDER.get(a.kind, len(ORDER))):
        target = main if action.kind in usual else other
        target.setdefault(STAGE_OF.get(action.kind, "complaints"), []).append(action)

    def stages(groups: dict[str, list[Action]]) -> list[Stage]:
        return [Stage(key, label, tuple(groups[key])) for key, label, _k in STAGES if key in groups]

    return stages(main), stages(other)
