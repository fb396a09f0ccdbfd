"""Property tests (hypothesis): for any input at all, the pieces that take outside input either
give a well-formed result or refuse with their own error, never anything else."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.api.access import KeyRing
from assistant.api.body_limit import human_size
from assistant.settings import MIN_KEY_LENGTH, Settings
from assistant.user_text import TextProblem, clean_user_text
from ingest.loaders import SUPPORTED_SUFFIXES, IngestError, ReadOptions, decode_text, load_bytes, sniff
from ingest.pipeline import MAX_SOURCE_NAME, safe_source_name

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
vietnamese_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.%0123456789\n", min_size=1, max_size=300)


@PROPERTY
@given(st.text(max_size=300))
def test_user_text_is_clean_or_refused(text: str):
    try:
        cleaned = clean_user_text(text)
    except TextProblem as problem:
        assert problem.kind in {"control_character", "invalid_character"}
        return
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any(unicodedata.category(ch) in {"Cf", "Cs"} for ch in cleaned)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in cleaned)
    assert clean_user_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # storable and sendable as it is


@PROPERTY
@given(vietnamese_text)
def test_decomposed_vietnamese_is_cleaned_to_the_composed_text(text: str):
    composed = unicodedata.normalize("NFC", text)
    assert clean_user_text(unicodedata.normalize("NFD", text)) == composed


@PROPERTY
@given(st.text(max_size=400))
def test_any_file_name_becomes_a_bare_safe_name_or_is_refused(name: str):
    try:
        safe = safe_source_name(name)
    except IngestError:
        return
    assert safe and len(safe) <= MAX_SOURCE_NAME
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in safe)


@PROPERTY
@given(st.binary(max_size=2000))
def test_any_bytes_decode_to_text_or_a_clear_refusal(data: bytes):
    try:
        text = decode_text(data, "x.txt")
    except IngestError as error:
        assert error.message and error.source == "x.txt"
        return
    assert isinstance(text, str)


@PROPERTY
@given(vietnamese_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_vietnamese_text_in_a_self_describing_encoding_reads_back(text: str, encoding: str):
    assume(text.strip())
    assert decode_text(text.encode(encoding), "x.txt") == text


# Words of a real report: UTF-16 without a byte-order mark is recognised by its pattern of zero
# bytes, which needs text as reports have it (spaces, digits, unaccented letters), not any string.
REPORT_WORDS = (
    "Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1% tăng 5,7 so với cùng kỳ năm 2022 và kế hoạch "
    "doanh thu dịch vụ viễn thông bưu chính 27.477 tỷ đồng chuyển đổi số quốc gia Bộ TT&TT báo cáo"
).split()
report_text = st.lists(st.sampled_from(REPORT_WORDS), min_size=6, max_size=80).map(" ".join)


@PROPERTY
@given(report_text, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_report_text_in_utf16_without_a_byte_order_mark_reads_back(text: str, encoding: str):
    assert decode_text(text.encode(encoding), "x.txt") == text


# Headers real formats start with, so the loaders' deeper paths are reached, not only the first check.
_HEADERS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body>", b"---\ntitle: x\n---\n",
            b"\x89PNG\r\n\x1a\n", b"{\\rtf1 ", bytes.fromhex("D0CF11E0A1B11AE1")]
# Without LibreOffice or Tesseract (each would take seconds per example): those files are then refused
# with the package to install; `test_formats.py` runs both on real and corrupt files.
_NO_TOOLS = ReadOptions(tesseract_command="/nonexistent/tesseract", soffice_command="/nonexistent/soffice")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_HEADERS), st.binary(max_size=3000), st.sampled_from(list(SUPPORTED_SUFFIXES) + [".png", ""]))
def test_any_upload_is_loaded_or_refused_with_a_reason_never_crashes(header: bytes, body: bytes, suffix: str):
    data = header + body
    try:
        loaded = load_bytes(data, f"tep{suffix}", _NO_TOOLS)
    except IngestError as error:
        assert error.message and error.source == f"tep{suffix}"
        return
    assert loaded.text.strip()


@PROPERTY
@given(st.binary(max_size=4000))
def test_sniffing_never_fails(data: bytes):
    assert sniff(data) in {
        None, "pdf", "docx", "xlsx", "pptx", "odt", "ods", "zip", "ole", "rtf", "image", "media", "archive", "executable"
    }


@PROPERTY
@given(vietnamese_text)
def test_vietnamese_text_is_never_taken_for_a_binary_format(text: str):
    assert sniff(text.encode("utf-8")) is None


_KEY_CHARS = "".join(ch for ch in string.printable if ch not in string.whitespace + ",")
keys = st.text(alphabet=_KEY_CHARS, min_size=MIN_KEY_LENGTH, max_size=64)


@PROPERTY
@given(st.lists(st.tuples(keys, st.sampled_from(["reader", "admin"])), min_size=1, max_size=5, unique_by=lambda k: k[0]))
def test_configured_keys_round_trip_and_identify_only_themselves(entries: list[tuple[str, str]]):
    configured = Settings.from_variables(api_keys=",".join(f"{key}:{role}" for key, role in entries))
    assert [(k.key.get_secret_value(), k.role) for k in configured.access.api_keys] == entries
    ring = KeyRing(configured.access.api_keys)
    for key, role in entries:
        found = ring.identify(key)
        assert found is not None and found.role == role
        assert ring.identify(key + "x") is None or key + "x" in dict(entries)
        # Never shown; a generated key may happen to spell part of the repr itself (a field name).
        assert key not in repr(configured) or key in repr(Settings())


@PROPERTY
@given(st.text(max_size=100))
def test_any_presented_key_is_either_known_or_refused(presented: str):
    ring = KeyRing(Settings.from_variables(api_keys="reader-key-0123456789abcdef:reader").access.api_keys)
    found = ring.identify(presented)
    assert (found is not None) == (presented == "reader-key-0123456789abcdef")


@pytest.mark.parametrize(("size", "shown"), [(1024, "1 KB"), (64 * 1024, "64 KB"), (1024 * 1024, "1 MB"),
                                             (20 * 1024 * 1024, "20 MB"), (1536 * 1024, "1.5 MB")])
def test_sizes_are_shown_in_the_units_an_official_reads(size: int, shown: str):
    assert human_size(size) == shown
