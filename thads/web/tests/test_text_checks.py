"""The crawler's checkers catch what they claim to catch, and leave Vietnamese alone."""

import pytest

from thads.testing import text_checks
from thads.testing.crawler import pattern_of, raw_code_vocabulary, same_site_path

VIETNAMESE = [
    "Chấp hành viên Nguyễn Thị Hoa đã thu 1.234.567 đ theo biên lai số BL-2026/000001.",
    "Quyết định về việc chưa có điều kiện thi hành án; xác minh lại sau 6 tháng.",
    "Nội dung: Trả nợ. Lý do: Theo thỏa thuận. Căn cứ: Luật THADS 2008, Điều 44.",
    "Tháng 12/2026 — tháng thứ 3 của năm báo cáo 2027 (đang diễn ra: số liệu đến hết ngày "
    "02/12/2026)",
    # Vietnamese written without marks, names and words that look like English ones.
    "In biên lai · Tổng đạt · Lê Văn Long · Đỗ Thị My · Hoàng Văn Nam · Trần Văn Đông · Xong",
    "Tải Excel · Tải PDF · Tải CSV · THADS · TNG-KV2/2027/0017 · 17/QĐ-PTHADS · KV2",
    "can thiệp · than đá · may mắn · then cài · tạm giam",
]
ENGLISH = [
    ("Please submit at least 1 form.", {"please", "submit", "least", "form"}),
    ("This field is required.", {"this", "field", "required"}),
    ("Enter a valid date.", {"enter", "valid", "date"}),
    ("Save", {"save"}),
    ("Showing 1 to 25 of 81 cases", {"cases"}),
]


@pytest.mark.parametrize("text", VIETNAMESE)
def test_vietnamese_has_no_english_words(text):
    assert text_checks.english_words(text) == []


@pytest.mark.parametrize(("text", "words"), ENGLISH)
def test_english_is_found(text, words):
    assert words <= set(text_checks.english_words(text))


def test_english_is_a_matter_of_two_words_for_is_english():
    assert text_checks.is_english("Please submit at least 1 form.")
    assert not text_checks.is_english("Chấp hành viên · Save")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số liệu: dinh_chi 3, giam 2", ["dinh_chi", "giam"]),
        ("payer: Trần Thị Bình", ["payer:"]),
        ("Chấp hành viên: TN-SC-02", ["TN-SC-02"]),
        ("xac_minh_co_dieu_kien", ["xac_minh_co_dieu_kien"]),
    ],
)
def test_raw_codes_are_found(text, expected):
    assert text_checks.raw_codes(text, ["giam", "TN-SC-02"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chấp hành viên: Nguyễn Thị Hoa · /viec/12/su-kien/xac_minh/ · TN-SC-021 · TN-SC/2024/0030",
        "Lý do: Theo thỏa thuận. Biện pháp: Kê biên, xử lý tài sản. Giảm giá tài sản",
    ],
)
def test_vietnamese_labels_and_paths_are_not_raw_codes(text):
    assert text_checks.raw_codes(text, ["giam", "TN-SC-02"]) == []


def test_visible_text_skips_scripts_codes_and_hidden_inputs_but_reads_labels():
    html = (
        "<html><head><title>Trang</title><script>var submit_form = 1;</script>"
        "<style>.x_y{}</style></head><body>"
        '<p>Mã <span class="code">TN-SC-02</span> <code>dinh_chi</code></p>'
        '<input type="hidden" name="next" value="please_ignore">'
        '<button aria-label="Đóng">×</button><input type="submit" value="Lưu">'
        '<img alt="Biểu tượng" src="x.png"><a title="Về trang chủ" href="/">THADS</a>'
        "</body></html>"
    )
    text = text_checks.visible_text(html)
    for shown in ("Trang", "Mã", "Đóng", "Lưu", "Biểu tượng", "Về trang chủ", "THADS"):
        assert shown in text
    for hidden in ("submit_form", "x_y", "TN-SC-02", "dinh_chi", "please_ignore"):
        assert hidden not in text


def test_localised_numbers_in_links_and_inputs_are_found():
    html = (
        '<a href="/bao-cao-thang/TNG/cap-duoi/?nam=2.027&amp;thang=3">x</a>'
        '<a href="/bao-cao-thang/TNG/2.027/3/gui/">x</a>'
        '<input type="number" name="nam" value="2.027">'
        '<input type="text" name="amount" value="1.000">'  # an amount typed: fine
        '<a href="/thong-ke/?nam=2027&amp;thang=3">ok</a>'
    )
    found = text_checks.localised_numbers(html)
    assert found == [
        "/bao-cao-thang/TNG/cap-duoi/?nam=2.027&thang=3",
        "/bao-cao-thang/TNG/2.027/3/gui/",
        '<input name="nam" value="2.027">',
    ]


def test_links_are_hrefs_and_hx_gets():
    html = '<a href="/a/">a</a><div hx-get="/b/"></div><form action="/c/"></form><a>no</a>'
    assert text_checks.links(html) == ["/a/", "/b/"]


def test_same_site_paths():
    assert same_site_path("?trang=2", "/viec/danh-sach/?trang=1") == "/viec/danh-sach/?trang=2"
    assert same_site_path("/viec/1/#top", "/") == "/viec/1/"
    assert same_site_path("https://example.com/", "/") is None
    assert same_site_path("/static/web/app.js", "/") is None
    assert same_site_path("mailto:a@b.c", "/") is None


def test_patterns_group_urls_by_view_parameters_and_format():
    a = pattern_of("/thong-ke/xuat/?don_vi=TNG&nam=2027&dinh_dang=pdf")
    b = pattern_of("/thong-ke/xuat/?don_vi=TNG-KV2&nam=2026&dinh_dang=pdf")
    c = pattern_of("/thong-ke/xuat/?don_vi=TNG&nam=2027&dinh_dang=xlsx")
    assert a == b != c
    assert pattern_of("/viec/1/") == pattern_of("/viec/2/")


@pytest.mark.django_db
def test_the_code_vocabulary_has_the_choice_codes_and_spares_vietnamese_words():
    codes = raw_code_vocabulary(["TN-SC-02"])
    assert {"giam", "khac", "approved", "officer", "TN-SC-02"} <= set(codes)
    assert not {"xong", "dung", "sai", "hoan"} & set(codes)


def test_unlabelled_controls_are_found():
    html = (
        '<label for="a">Năm</label><input id="a" name="nam">'
        '<label>Tháng <select name="thang"></select></label>'
        '<input name="q" aria-label="Tìm kiếm">'
        '<input type="hidden" name="csrf"><button type="submit">Lưu</button>'
        '<input name="orphan"><textarea name="note"></textarea>'
    )
    assert text_checks.unlabelled_controls(html) == [
        "<input name='orphan'>",
        "<textarea name='note'>",
    ]
