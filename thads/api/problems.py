"""Errors as problem details (RFC 9457, `application/problem+json`) with Vietnamese messages.

Every refusal of the API has the same shape: `type`, `title`, `status`, `detail`, `instance`,
and `errors` (field → messages) when the input was invalid, `article` when a rule of law refused.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError

PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/loi/"


class PreconditionRequired(exceptions.APIException):
    """A write without `If-Match` (RFC 6585): the caller must say which version it read."""

    status_code = 428
    default_detail = gettext_lazy("Phải gửi tiêu đề If-Match với phiên bản (ETag) của việc đã đọc.")
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    """`If-Match` names a version that is no longer the case's (someone wrote meanwhile)."""

    status_code = 412
    default_detail = gettext_lazy(
        "Việc đã được người khác thay đổi sau khi bạn đọc. Hãy đọc lại và thử lại."
    )
    default_code = "precondition_failed"


class RuleRefused(exceptions.APIException):
    """A rule of law refused the action (a `DomainError` of a service)."""

    status_code = 422
    default_code = "rule_refused"


def _titles() -> dict[int, tuple[str, str]]:
    """(slug of the type URI, Vietnamese title) per status."""
    return {
        400: ("du-lieu-khong-hop-le", _("Dữ liệu không hợp lệ")),
        401: ("chua-xac-thuc", _("Chưa xác thực")),
        403: ("khong-co-quyen", _("Không có quyền thực hiện")),
        404: ("khong-tim-thay", _("Không tìm thấy")),
        405: ("phuong-thuc-khong-ho-tro", _("Phương thức không được hỗ trợ")),
        406: ("dinh-dang-khong-ho-tro", _("Định dạng trả về không được hỗ trợ")),
        409: ("xung-dot", _("Xung đột dữ liệu")),
        412: ("phien-ban-cu", _("Phiên bản dữ liệu đã cũ")),
        415: ("kieu-noi-dung-khong-ho-tro", _("Kiểu nội dung không được hỗ trợ")),
        422: ("quy-dinh-khong-cho-phep", _("Quy định không cho phép")),
        428: ("thieu-if-match", _("Thiếu điều kiện phiên bản")),
        429: ("qua-nhieu-yeu-cau", _("Quá nhiều yêu cầu")),
    }


DETAILS = {
    exceptions.NotAuthenticated: gettext_lazy(
        "Chưa xác thực: gửi tiêu đề Authorization: Token <mã>."
    ),
    exceptions.AuthenticationFailed: gettext_lazy("Token không hợp lệ hoặc đã bị thu hồi."),
    exceptions.PermissionDenied: gettext_lazy("Vai trò của bạn không được thực hiện thao tác này."),
    exceptions.NotFound: gettext_lazy("Không tìm thấy, hoặc không thuộc phạm vi bạn được xem."),
    exceptions.MethodNotAllowed: gettext_lazy("Phương thức này không được hỗ trợ tại địa chỉ này."),
    exceptions.NotAcceptable: gettext_lazy("Chỉ trả về JSON (application/json)."),
    exceptions.UnsupportedMediaType: gettext_lazy(
        "Nội dung gửi lên phải là JSON (application/json)."
    ),
    exceptions.ParseError: gettext_lazy("Nội dung JSON gửi lên không đọc được."),
    exceptions.Throttled: gettext_lazy("Quá nhiều yêu cầu, hãy thử lại sau."),
}


def problem(status_code: int, detail: str, *, instance: str = "", **extra: object) -> Response:
    """A problem-details response."""
    slug, title = _titles().get(status_code, ("loi", _("Lỗi")))
    body = {
        "type": f"{TYPE_BASE}{slug}",
        "title": str(title),
        "status": status_code,
        "detail": str(detail),
        "instance": instance,
        **extra,
    }
    return Response(body, status=status_code, content_type=PROBLEM_TYPE)


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, messages in _field_errors(value).items():
                    name = str(key) if sub == "non_field_errors" else f"{key}.{sub}"
                    flat[name] = messages
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub, messages in _field_errors(item).items():
                        flat[f"{key}[{index}].{sub}"] = messages
            else:
                flat[str(key)] = [str(m) for m in (value if isinstance(value, list) else [value])]
        return flat
    return {
        "non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]
    }


def problem_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's exception handler: every error the API answers, as problem details."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, ConcurrentEditError):
        exc = PreconditionFailed()
    if isinstance(exc, DomainError):
        return problem(422, exc.message, instance=instance, article=exc.article or "")
    if isinstance(exc, DjangoValidationError):
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return problem(400, _("Dữ liệu gửi lên không hợp lệ."), instance=instance, errors=errors)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        response = problem(
            400,
            _("Dữ liệu gửi lên không hợp lệ."),
            instance=instance,
            errors=_field_errors(exc.detail),
        )
    else:
        detail = DETAILS.get(type(exc), str(exc.detail))
        response = problem(exc.status_code, str(detail), instance=instance)
    for key, value in headers.items():
        response[key] = value
    return response


class ProblemSerializer(serializers.Serializer):
    """The body of every error (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
    article = serializers.CharField(required=False)


ERROR_STATUSES = {
    "GET": (400, 401, 403, 404, 406, 429),
    "POST": (400, 401, 403, 404, 406, 412, 415, 422, 428, 429),
}
__all__ = ["ERROR_STATUSES", "ProblemSerializer", "problem", "problem_handler", "status"]
