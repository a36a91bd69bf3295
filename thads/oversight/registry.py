"""What oversight adds to the screens of other apps, registered in `AppConfig.ready()`: the
sources of forms 6, 10 and 12 (`common.form_sources`, read by `stats`), the menu entries and the
home panels (`common.ui`), the deadlines on "Việc của tôi" (`cases.deadline_sources`)."""

from __future__ import annotations

from thads.common.form_sources import register_form_source


def register() -> None:
    from thads.oversight import deadline_feed, ui
    from thads.oversight.statistics import exemptions, oversight, thahc

    for source in (thahc.SOURCE, oversight.SOURCE, exemptions.SOURCE):
        register_form_source(source)
    ui.register()
    deadline_feed.register()
