"""Process notes in the export view and in every document: per step, with local times and
speakers, the same notes in the same order everywhere, user text never markup."""

from __future__ import annotations

import contextlib
import html
import io

import openpyxl
import pytest
from docx import Document
from notes_fixtures import MARKUP, TRASHED, notes_session

from mpa_tui.domain.note import NoteTopic
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.export.docx import render_view_docx
from mpa_tui.export.html import render_view_html
from mpa_tui.export.markdown import render_view_markdown
from mpa_tui.export.model import Bullets, ExportView, SubHeading
from mpa_tui.export.safe import md_escape
from mpa_tui.export.summary import build_view, cards_table
from mpa_tui.export.xlsx import render_view_xlsx
from mpa_tui.i18n import t
from reliability.rel_screens import time_zone

SESSION = notes_session()


def _code() -> str:
    """Siti Aminah's code (she said the quote)."""
    return participant_codes(SESSION)[SESSION.participants[0].id]


def jakarta() -> contextlib.AbstractContextManager[None]:
    """Local time in Asia/Jakarta (UTC+7), where the workshop was."""
    return time_zone("Asia/Jakarta")


def _view(lang: str = "id", *, with_names: bool = False) -> ExportView:
    with jakarta():
        return build_view(SESSION, lang=lang, with_names=with_names)


def _notes_blocks(view: ExportView) -> list[tuple[str, list[str]]]:
    section = next(s for s in view.sections if s.key == "notes")
    out: list[tuple[str, list[str]]] = []
    for block in section.blocks:
        if isinstance(block, SubHeading):
            out.append((block.text, []))
        else:
            assert isinstance(block, Bullets)
            out[-1][1].extend(block.items)
    return out


def _bullets(view: ExportView) -> list[str]:
    return [b for _, items in _notes_blocks(view) for b in items]


def test_notes_follow_the_participants_per_step_in_the_workshops_order() -> None:
    view = _view()
    keys = [s.key for s in view.sections]
    assert keys[keys.index("participants") + 1] == "notes"
    heads = [head for head, _ in _notes_blocks(view)]
    assert heads == [t(f"export.notes.topic.{x.value}", "id") for x in NoteTopic]
    assert heads[0] == "Langkah 1: Duduk melingkar" and heads[-1] == "Kompetensi"


def test_a_step_lists_its_notes_with_local_time_speaker_and_quote_marks() -> None:
    view = _view()
    code = _code()
    group = dict(_notes_blocks(view))["Langkah 4: Kelompokkan"]
    assert group == [
        "8 Juni 2023 09.30 · Kelompok: Catatan langkah_4: kelompok setuju",
        f"09.33 · {code}: “Kalau ada koperasi, kami tidak perlu ke rentenir lagi, kata {code}”",
        "09.35 · Fasilitator: Kata fasilitator pada langkah_4",
    ]
    # A note said on another day than the one before it carries its date again.
    assert dict(_notes_blocks(view))["Kompetensi"][1].startswith("9 Juni 2023 11.25 · ")
    assert not any(TRASHED in b for b in _bullets(view))
    assert f"{MARKUP}" in "\n".join(_bullets(view))  # the view holds the words as typed


def test_english_and_names_change_labels_not_notes() -> None:
    english = dict(_notes_blocks(_view("en")))
    assert english["Step 4: Group the cards"][0] == (
        "8 June 2023 09:30 · Group: Catatan langkah_4: kelompok setuju")
    assert english["Step 4: Group the cards"][2].startswith("09:35 · Facilitator: ")
    named = dict(_notes_blocks(_view(with_names=True)))["Langkah 4: Kelompokkan"]
    assert named[1] == ("09.33 · Siti Aminah: “Kalau ada koperasi, kami tidak perlu ke "
                        "rentenir lagi, kata Siti”")
    coded = "\n".join(_bullets(_view()))
    assert "Siti" not in coded and "Aminah" not in coded


def test_quote_marked_notes_join_the_validation_quotes() -> None:
    view = _view()
    code = _code()
    evaluation = next(s for s in view.sections if s.key == "evaluation")
    at = next(i for i, b in enumerate(evaluation.blocks)
              if isinstance(b, SubHeading) and b.text == t("export.eval.validation", "id"))
    quotes = evaluation.blocks[at + 1]
    assert isinstance(quotes, Bullets)
    assert quotes.items == [
        f"“Kami jadi paham masalah kami” — {code}",
        f"“Kalau ada koperasi, kami tidak perlu ke rentenir lagi, kata {code}” — {code}",
    ]


def test_the_notes_table_holds_the_same_notes_in_the_same_order() -> None:
    view = _view()
    assert view.notes is not None
    assert view.notes.headers == ["Langkah", "Waktu", "Pembicara", "Kutipan", "Catatan"]
    assert len(view.notes.rows) == len(_bullets(view)) == 2 * len(NoteTopic) + 2
    for row, bullet in zip(view.notes.rows, _bullets(view), strict=True):
        assert str(row[4]) in bullet and str(row[2]) in bullet
        assert str(row[1]).endswith(bullet.split(" · ")[0])
    code = _code()
    quote = next(r for r in view.notes.rows if str(r[4]).startswith("Kalau ada"))
    assert quote[:4] == ["Langkah 4: Kelompokkan", "8 Juni 2023 09.33", code, "Ya"]


def test_markdown_and_html_list_the_notes_per_step_with_markup_as_text() -> None:
    view = _view()
    md = render_view_markdown(view)
    assert "## Catatan proses" in md and "### Langkah 4: Kelompokkan" in md
    for bullet in _bullets(view):
        assert f"- {md_escape(bullet)}" in md
    assert "<script>" not in md and "**tebal**" not in md
    page = render_view_html(view)
    assert '<section id="notes"><h2>Catatan proses</h2>' in page
    for bullet in _bullets(view):
        assert html.escape(bullet, quote=True) in page
    assert "<script>alert" not in page
    assert html.escape(MARKUP, quote=True) in page
    quotes = [b for b in _bullets(view) if "“" in b]
    assert quotes and all(f'<li class="pre quote">{html.escape(q, quote=True)}</li>' in page
                          for q in quotes)
    assert page.count('class="pre quote"') == len(quotes)  # only quotes are in italics


def test_word_report_lists_the_notes_in_the_pelaksanaan_chapter() -> None:
    view = _view()
    with jakarta():
        data = render_view_docx(view, cards_table(SESSION))
    doc = Document(io.BytesIO(data))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    italic = {p.text for p in doc.paragraphs if p.runs and all(r.italic for r in p.runs)}
    start = paras.index(("Heading 1", "2. Pelaksanaan"))
    end = next(i for i, (style, _) in enumerate(paras) if i > start and style == "Heading 1")
    chapter = paras[start:end]
    assert ("Heading 2", "Catatan proses") in chapter
    assert ("Heading 3", "Langkah 4: Kelompokkan") in chapter
    listed = [text for style, text in chapter if style == "List Bullet"]
    assert [b for b in listed if " · " in b] == _bullets(view)  # literal, in order
    assert any(MARKUP in b for b in listed)
    notes = [b for b in listed if " · " in b]
    assert {b for b in notes if b in italic} == {b for b in notes if "“" in b} != set()


def test_workbook_has_a_catatan_sheet_ready_to_print() -> None:
    view = _view()
    data = render_view_xlsx(view, cards_table(SESSION))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Catatan"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert view.notes is not None
    assert rows[0] == view.notes.headers
    assert rows[1:] == view.notes.rows
    assert any(r[4] == MARKUP for r in rows)  # text, not a formula
    assert all(c.data_type == "s" for r in ws.iter_rows() for c in r if c.value is not None)
    assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.paperSize) == 9
    assert ws.oddFooter.center.text == "Halaman &P dari &N"
    english = openpyxl.load_workbook(io.BytesIO(render_view_xlsx(
        _view("en"), cards_table(SESSION, lang="en"))))
    assert english["Notes"]["A1"].value == "Step"


def test_a_session_without_notes_has_no_notes_section_and_an_empty_sheet() -> None:
    from export_fixtures import make_session

    session = make_session()
    view = build_view(session)
    assert "notes" not in [s.key for s in view.sections]
    wb = openpyxl.load_workbook(io.BytesIO(render_view_xlsx(view, cards_table(session))))
    assert [list(r) for r in wb["Catatan"].iter_rows(values_only=True)] == [
        ["Langkah", "Waktu", "Pembicara", "Kutipan", "Catatan"]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_topic_and_speaker_has_a_label(lang: str) -> None:
    for topic in NoteTopic:
        assert not t(f"export.notes.topic.{topic.value}", lang).startswith("export.")
    for key in ("kelompok", "fasilitator", "peserta"):
        assert not t(f"export.notes.speaker.{key}", lang).startswith("export.")


def test_a_note_whose_speaker_is_unknown_here_shows_no_speaker() -> None:
    from mpa_tui.domain.note import Note, Speaker

    session = notes_session()
    session.notes.append(Note(text="Dari laptop lain", topic=NoteTopic.ORDER,
                              speaker=Speaker.PARTICIPANT, participant_id="tidak-ada"))
    with jakarta():
        bullets = _bullets(build_view(session))
    assert any(b.endswith(" · Dari laptop lain") for b in bullets)
