"""`Selection.url`: the links of a report screen (every cell of a form, every rate of the
cockpit) — the same URLs, each view's path reversed once per screen."""

from __future__ import annotations

from django.urls import reverse

from thads.stats import selection as module


def test_the_same_links_with_one_reverse_per_view(monkeypatch):
    calls = []

    def counting(name, args=()):
        calls.append((name, tuple(args)))
        return reverse(name, args=args)

    monkeypatch.setattr(module, "reverse", counting)
    chosen = module.Selection(unit=None, period=None, query={"don_vi": "TNG", "bieu": "1"})
    drill = reverse("stats:drill")
    assert chosen.url("stats:drill", cot=0, dong="TNG-KV1") == (
        f"{drill}?don_vi=TNG&bieu=1&cot=0&dong=TNG-KV1"
    )
    assert chosen.url("stats:drill", cot=3) == f"{drill}?don_vi=TNG&bieu=1&cot=3"
    # A parameter of the selection given again keeps its place, with the new value.
    assert chosen.url("stats:drill", bieu="4", cot=1) == f"{drill}?don_vi=TNG&bieu=4&cot=1"
    export = chosen.url("stats:export", dinh_dang="xlsx")
    assert export == f"{reverse('stats:export')}?don_vi=TNG&bieu=1&dinh_dang=xlsx"
    assert chosen.url("stats:export", dinh_dang="pdf").endswith("dinh_dang=pdf")
    assert calls == [("stats:drill", ()), ("stats:export", ())]
    # Another screen (another request) reverses again.
    other = module.Selection(unit=None, period=None, query={})
    assert other.url("stats:drill") == f"{drill}?"
    assert len(calls) == 3
