"""Values read once per page (common.request_memo): kept inside a GET, never outside one."""

from __future__ import annotations

from django.http import HttpResponse

from thads.common.request_memo import RequestMemoMiddleware, first_in_request, memoised


def test_values_are_kept_only_inside_a_reading_request(rf):
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert (memoised("k", compute), memoised("k", compute)) == (1, 2)  # no request: every time
    seen = {}

    def view(request):
        seen[request.method] = (
            memoised("k", compute),
            memoised("k", compute),
            first_in_request("refresh"),
            first_in_request("refresh"),
        )
        return HttpResponse()

    middleware = RequestMemoMiddleware(view)
    middleware(rf.get("/"))
    middleware(rf.get("/"))  # the next request starts afresh
    middleware(rf.post("/"))  # a writing request keeps nothing
    assert seen["GET"] == (4, 4, True, False)
    assert seen["POST"] == (5, 6, True, True)
    assert memoised("k", compute) == 7  # nothing left behind
