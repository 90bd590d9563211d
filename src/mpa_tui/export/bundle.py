"""sesi.mpa.json: the lossless bundle of one session, with its checksum and JSON Schema.

The checksum is the SHA-256 of the *canonical* JSON of the session: keys sorted, no
spaces, UTF-8 (non-ASCII kept). Reading re-serialises the parsed ``session`` object the
same way, so any change to the data (not to formatting) is detected.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from mpa_tui import __version__
from mpa_tui.domain.base import utcnow
from mpa_tui.domain.session import Session

FORMAT = "mpa-session"
FORMAT_VERSION = 1
SCHEMA_FILE = "bundle.schema.json"


def canonical_json(data: Any) -> bytes:
    """The canonical bytes of JSON data (the checksum's input).

    Never raises on text: a lone surrogate (invalid Unicode, refused later by the model)
    is encoded as its UTF-8-style bytes, so the file is judged instead of crashing.
    """
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8", "surrogatepass")


def session_checksum(session_data: dict[str, Any]) -> str:
    """SHA-256 (hex) of a session's canonical JSON."""
    return hashlib.sha256(canonical_json(session_data)).hexdigest()


def build_bundle(session: Session, *, with_names: bool = False,
                 exported_at: datetime | None = None, coded: bool = False) -> dict[str, Any]:
    """The bundle as a JSON-ready dict.

    Args:
        session: The session.
        with_names: Keep participants' names and everything about them (lossless but
            for the trash: see :mod:`mpa_tui.export.private`). Without it the bundle
            carries no way back to a person.
        exported_at: The export time (default: now).
        coded: ``session`` is already coded (see :func:`private.pseudonymise`).
    """
    from mpa_tui.export import private

    counts = private.participant_counts(session)
    session = (private.without_trash_content(session) if with_names
               else private.pseudonymise(session, coded=coded))
    # Step 2's half-typed card stays on this laptop: it is not part of the workshop.
    data = session.model_dump(mode="json", exclude={"capture"})
    when = (exported_at or utcnow()).astimezone(UTC)
    doc: dict[str, Any] = {}
    if with_names:
        from mpa_tui.i18n import t

        doc["notice"] = f"{t('export.notice.personal_data', 'id')} / " \
                        f"{t('export.notice.personal_data', 'en')}"
    doc.update({
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": when.isoformat().replace("+00:00", "Z"),
        "names": with_names,
        "participant_counts": counts,
        "session": data,
        "sha256": session_checksum(data),
    })
    return doc


def render_bundle(session: Session, *, with_names: bool = False,
                  exported_at: datetime | None = None, coded: bool = False) -> bytes:
    """The bundle file's bytes (indented for people who open it; checksum is canonical)."""
    doc = build_bundle(session, with_names=with_names, exported_at=exported_at, coded=coded)
    text = json.dumps(doc, ensure_ascii=False,
                      indent=1, sort_keys=False)
    return (text + "\n").encode("utf-8")


def generate_schema() -> dict[str, Any]:
    """The bundle's JSON Schema, generated from the domain models."""
    session_schema = Session.model_json_schema(mode="serialization")
    defs = session_schema.pop("$defs", {})
    defs["Session"] = session_schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "mpa-tui/bundle.schema.json",
        "title": "MPA session bundle (sesi.mpa.json)",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "format_version", "app_version", "exported_at", "session",
                     "sha256"],
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "app_version": {"type": "string"},
            "exported_at": {"type": "string", "format": "date-time"},
            "names": {"type": "boolean",
                      "description": "false: participants appear as codes (P01, ...)"},
            "notice": {"type": "string",
                       "description": "with names only: this file holds personal data"},
            "participant_counts": {
                "type": "object",
                "description": "participants in the circle per role, sex and age band",
                "additionalProperties": {"type": ["integer", "object"]},
            },
            "session": {"$ref": "#/$defs/Session"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the text shipped in the package (stable formatting)."""
    return json.dumps(generate_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped inside the package."""
    text = (resources.files("mpa_tui.export") / SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def write_schema_file() -> None:
    """Regenerate the shipped schema file (run after changing the models)."""
    from pathlib import Path

    Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")


if __name__ == "__main__":  # python -m mpa_tui.export.bundle
    write_schema_file()
