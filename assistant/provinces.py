"""Vietnam's provinces and centrally-run cities, as the reports name them: the 63 of the years the
reports cover, and the names of the 34 after the 2025 merger (all but "Huế" among the 63).

A ranking table's rows are provinces, regions, operators or ministries alike to a rule reading
"Tỉnh nào …": only the first answer it.
"""

from __future__ import annotations

import re

from vectorstore.text import fold, words

_NAMES = """
An Giang; Bà Rịa - Vũng Tàu; Bạc Liêu; Bắc Giang; Bắc Kạn; Bắc Ninh; Bến Tre; Bình Dương; Bình Định;
Bình Phước; Bình Thuận; Cà Mau; Cao Bằng; Cần Thơ; Đà Nẵng; Đắk Lắk; Đắk Nông; Điện Biên; Đồng Nai;
Đồng Tháp; Gia Lai; Hà Giang; Hà Nam; Hà Nội; Hà Tĩnh; Hải Dương; Hải Phòng; Hậu Giang; Hòa Bình;
Hưng Yên; Khánh Hòa; Kiên Giang; Kon Tum; Lai Châu; Lạng Sơn; Lào Cai; Lâm Đồng; Long An; Nam Định;
Nghệ An; Ninh Bình; Ninh Thuận; Phú Thọ; Phú Yên; Quảng Bình; Quảng Nam; Quảng Ngãi; Quảng Ninh;
Quảng Trị; Sóc Trăng; Sơn La; Tây Ninh; Thái Bình; Thái Nguyên; Thanh Hóa; Thừa Thiên Huế; Huế;
Tiền Giang; Hồ Chí Minh; Trà Vinh; Tuyên Quang; Vĩnh Long; Vĩnh Phúc; Yên Bái
"""
_FOLDED = frozenset(" ".join(words(fold(name))) for name in _NAMES.split(";"))
# "TP. Hồ Chí Minh", "Thành phố Cần Thơ", "Tỉnh Nghệ An": the kind before the name.
_KIND = re.compile(r"^(?:tp|thanh pho|tinh)\b[\s.,]*")


def is_province(name: str) -> bool:
    """Whether a name is a province's or a centrally-run city's ("TP, Hồ Chí Minh", "Thanh Hoá")."""
    return " ".join(words(_KIND.sub("", fold(name).strip()))) in _FOLDED


def typed_in_lower_case(question: str) -> list[str]:
    """Provinces a question names in lower case, as typed in a chat ("ty le DVCTT cua nghe an", "tai
    da nang"), after a word that puts a place ("của", "tại", "ở", "tỉnh", "TP", "trên địa bàn"): read
    alone, "dien bien" may be "diễn biến" and "hoa binh" "hòa bình"."""
    typed = re.findall(r"[^\W_]+", question)
    folded = [fold(word) for word in typed]
    found: list[str] = []
    for start in range(1, len(typed)):
        if folded[start - 1] not in _PUTS_A_PLACE or typed[start][:1].isupper():
            continue
        for length in (4, 3, 2, 1):
            if start + length <= len(typed) and " ".join(folded[start : start + length]) in _FOLDED:
                found.append(" ".join(typed[start : start + length]))
                break
    return found


# The word before a province's name typed in lower case: "cua", "tai", "o", "tinh", "tp", "ban" (of
# "trên địa bàn"), folded.
_PUTS_A_PLACE = frozenset({"cua", "tai", "o", "tinh", "tp", "pho", "ban"})
