"""Hostile texts shared by the hostile-input and export-safety tests."""

from __future__ import annotations

FIXED: dict[str, str] = {
    "markup_red": "[red]merah[/]",
    "markup_close": "[/]",
    "markup_open": "[b",
    "markup_click": "[@click=app.quit]keluar[/]",
    "markup_link": "[link=https://contoh.invalid]klik[/link]",
    "markup_var": "$text {x} %s {{y}}",
    "ansi": "\x1b[31mmerah\x1b[0m",
    "osc_title": "\x1b]0;judul palsu\x07",
    "osc8_link": "\x1b]8;;https://contoh.invalid\x1b\\klik\x1b]8;;\x1b\\",
    "nul": "mo\x00dal",
    "bell": "mo\x07dal",
    "c1_csi": "mo\x9b31mdal",
    "vertical_tab": "mo\x0bdal",
    "surrogate": "mo\ud800dal",
    "zero_width": "mo\u200bdal\u200d\ufeff",
    "rtl": "\u202eladom\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "emoji": "😀 modal 👩‍👩‍👧 🇮🇩",
    "long_10k": "x" * 10_000,
    "whitespace": " \t\n  \u3000",
    "multiline": "baris satu\nbaris dua",
    "crlf": "baris satu\r\nbaris dua",
    "formula": '=HYPERLINK("https://contoh.invalid","klik")',
    "formula_plus": "+62 812 000",
    "formula_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "html": "<script>alert(1)</script> &amp; <b>tebal</b>",
    "md": "# judul | kolom | **tebal** [x](javascript:alert(1))",
    "xml": "]]><x/> <!-- & -->",
    "path": "../../etc/passwd \\..\\windows",
}
"""Name -> text. Which are refused is decided by the domain, not assumed here."""

REFUSED_FOR_CARDS = {"ansi", "osc_title", "osc8_link", "nul", "bell", "c1_csi",
                     "vertical_tab", "surrogate", "long_10k", "whitespace"}
"""Texts a card must refuse (control characters, too long, empty after trimming)."""


def expected_stored(text: str) -> str:
    """What the domain keeps of an accepted text: line ends normalised, bidi controls
    removed, trimmed."""
    bidi = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(bidi).strip()
