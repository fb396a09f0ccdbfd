import unicodedata

from vectorstore.text import (
    fold,
    has_diacritics,
    lead_ins,
    normalize,
    split_sentences,
    strip_bullet,
    words,
)


def test_fold_strips_diacritics_and_d_stroke():
    assert fold("Tỷ lệ Đạt Cáp Quang") == "ty le dat cap quang"


def test_nfd_and_nfc_give_the_same_words():
    nfc = "Báo cáo tình hình cáp quang"
    nfd = unicodedata.normalize("NFD", nfc)
    assert words(nfd) == words(nfc) == ["báo", "cáo", "tình", "hình", "cáp", "quang"]


def test_words_keep_one_letter_syllables_figures_and_abbreviations():
    assert words("Bộ Y tế đạt 77,1% và 27.477 tỷ, Bộ TT&TT") == [
        "bộ", "y", "tế", "đạt", "77,1", "và", "27.477", "tỷ", "bộ", "tt&tt",
    ]


def test_has_diacritics():
    assert has_diacritics("cáp quang")
    assert not has_diacritics("cap quang")


def test_sentences_keep_figures_and_abbreviations_whole():
    text = "Doanh thu đạt 27.477 tỷ đồng. Tại TP. HCM tỷ lệ là 77,1%. 6 tháng đầu năm tăng mạnh.\n- Một dòng gạch đầu"
    assert split_sentences(text) == [
        "Doanh thu đạt 27.477 tỷ đồng.",
        "Tại TP. HCM tỷ lệ là 77,1%.",
        "6 tháng đầu năm tăng mạnh.",
        "- Một dòng gạch đầu",
    ]


def test_strip_bullet():
    assert strip_bullet("- Doanh thu tăng") == "Doanh thu tăng"
    # a section's number is no figure of its sentence; a figure opening one stays
    assert strip_bullet("5.2. Chỉ số GCI xếp thứ 25/194") == "Chỉ số GCI xếp thứ 25/194"
    assert strip_bullet("27.477 tỷ đồng") == "27.477 tỷ đồng"
    assert strip_bullet("➤ Triển khai") == "Triển khai"
    assert strip_bullet("a) Bộ TTTT đã") == "Bộ TTTT đã"


def test_normalize_removes_controls_and_keeps_lines():
    assert normalize("a\u00a0 b\x00c\r\nd\u200b") == "a bc\nd"




def test_list_items_know_the_paragraph_that_introduces_them():
    text = (
        "1. Tình hình tấn công mạng\n"
        "- Năm 2024 ghi nhận 11.470 cuộc tấn công mạng gây sự cố. Trong đó:\n"
        "+ Tấn công lừa đảo (Phishing): 4.210 cuộc;\n"
        "+ Tấn công cài mã độc (Malware): 4.655 cuộc.\n"
        "- Đã ghi nhận 23 sự cố tấn công mã hóa dữ liệu.\n"
        "Kết quả như sau:\n"
        "a) Một\n"
        "b) Hai\n"
        "Đoạn văn thường."
    )
    leads = lead_ins(text)
    assert leads == {
        2: "- Năm 2024 ghi nhận 11.470 cuộc tấn công mạng gây sự cố. Trong đó:",
        3: "- Năm 2024 ghi nhận 11.470 cuộc tấn công mạng gây sự cố. Trong đó:",
        6: "Kết quả như sau:",
        7: "Kết quả như sau:",
    }  # the next "-" item is of another list level, the plain paragraph of none
