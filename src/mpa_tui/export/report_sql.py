"""The report's aggregation across sessions, written once as SQL (docs/TABLES.md).

The queries read only the flat tables of :mod:`mpa_tui.export.tables_flat` (``sessions``,
``ranking``) and use only standard SQL with window functions, so they run unchanged on
DuckDB (here), Spark SQL and Trino. docs/TABLES.md carries the same text; a test checks
that the two agree and that the documented queries give the report's own figures.

"First seen" is the order of the sessions by date then id (``ord.n``), and within a
session the order of its ranking (``seq``): a tie between two titles for the same
problem goes to the one seen first, as it always did.
"""

from __future__ import annotations

from typing import Any


def _most_common(cte: str, key: str, counted: str) -> str:
    """The CTE ``cte``: per ``key``, the title counted most often, the first seen on a tie."""
    return f"""{cte} AS (
  SELECT {key}, title FROM (
    SELECT {key}, title,
           row_number() OVER (PARTITION BY {key} ORDER BY times DESC, first_seen) AS pick
    FROM {counted}) t
  WHERE pick = 1
)"""


ORDERED = """
ord AS (
  SELECT s.*, row_number() OVER (ORDER BY s.report_date, s.session_id) AS n
  FROM sessions s
)"""

RECURRING = """
WITH""" + ORDERED + """,
seen AS (
  SELECT r.title_key, r.title, r.rank, r.session_id, o.village_key, o.n, r.seq
  FROM ranking r JOIN ord o ON o.session_id = r.session_id
  WHERE r.title_key <> ''
),
titles AS (
  SELECT title_key, title, count(*) AS times, min(n * 100000 + seq) AS first_seen
  FROM seen GROUP BY title_key, title
),
""" + _most_common("best", "title_key", "titles") + """
SELECT b.title, b.title_key, count(DISTINCT s.session_id) AS sessions,
       count(DISTINCT s.village_key) AS villages, avg(s.rank) AS avg_rank
FROM seen s JOIN best b ON b.title_key = s.title_key
GROUP BY b.title_key, b.title
ORDER BY sessions DESC, avg_rank, b.title_key
"""

VILLAGES = """
WITH""" + ORDERED + """,
tops AS (
  SELECT o.village_key, r.title, count(*) AS times, min(o.n) AS first_seen
  FROM ord o JOIN ranking r ON r.session_id = o.session_id AND r.priority = 1
  WHERE r.title <> ''
  GROUP BY o.village_key, r.title
),
""" + _most_common("top", "village_key", "tops") + """,
head AS (
  SELECT village_key, village_name, subdistrict_name, regency_name, village_code,
         n AS first_seen
  FROM (SELECT o.*, row_number() OVER (PARTITION BY village_key ORDER BY n) AS pick
        FROM ord o) f
  WHERE pick = 1
)
SELECT f.village_name AS village, count(*) AS sessions,
       count(DISTINCT o.group_key) AS "groups", sum(o.cards) AS cards,
       coalesce(max(t.title), '') AS top, f.subdistrict_name AS subdistrict,
       f.regency_name AS regency, f.village_code AS code
FROM ord o JOIN head f ON f.village_key = o.village_key
LEFT JOIN top t ON t.village_key = o.village_key
GROUP BY o.village_key, f.village_name, f.subdistrict_name, f.regency_name, f.village_code,
         f.first_seen
ORDER BY f.village_code = '', lower(f.regency_name), lower(f.subdistrict_name),
         lower(f.village_name), f.first_seen
"""

SUBDISTRICTS = """
WITH""" + ORDERED + """,
head AS (
  SELECT subdistrict_key,
         CASE WHEN subdistrict_name = '' THEN '-' ELSE subdistrict_name END AS name,
         regency_name, subdistrict_code, n AS first_seen
  FROM (SELECT o.*, row_number() OVER (PARTITION BY subdistrict_key ORDER BY n) AS pick
        FROM ord o) f
  WHERE pick = 1
)
SELECT f.name AS subdistrict, f.regency_name AS regency, f.subdistrict_code AS code,
       count(*) AS sessions, count(DISTINCT o.village_key) AS villages,
       count(DISTINCT o.group_key) AS "groups"
FROM ord o JOIN head f ON f.subdistrict_key = o.subdistrict_key
GROUP BY o.subdistrict_key, f.name, f.regency_name, f.subdistrict_code, f.first_seen
ORDER BY f.subdistrict_code = '', lower(f.regency_name), lower(f.name), f.first_seen
"""

UNCODED = """
WITH""" + ORDERED + """
SELECT start_date AS "date", "group", village, subdistrict, regency, uncoded_reason AS reason
FROM ord
WHERE uncoded_reason <> ''
ORDER BY n
"""

TOTALS = """
WITH women AS (
  SELECT s.group_key, max(coalesce(p."count", 0)) AS n
  FROM sessions s
  LEFT JOIN participants p
    ON p.session_id = s.session_id AND p.attribute = 'sex' AND p.value = 'perempuan'
  GROUP BY s.group_key
)
SELECT (SELECT count(*) FROM sessions) AS sessions,
       (SELECT count(DISTINCT group_key) FROM sessions) AS "groups",
       (SELECT count(DISTINCT village_key) FROM sessions) AS villages,
       (SELECT coalesce(sum(n), 0) FROM women) AS women
"""
"""The report's totals: sessions, groups (by identity), villages and women reached.

A woman is counted once per group: the flat tables hold only counts per session, not
people, so a group's women are the most it had in any one of its sessions (the same
women usually come back; new ones in a later session are then undercounted, never
counted twice)."""

ACTIONS_BY_STATUS = """
SELECT status, count(*) AS actions FROM actions GROUP BY status
"""
"""Follow-up actions of the chosen sessions, counted by status."""

QUERIES = {"recurring": RECURRING, "villages": VILLAGES, "subdistricts": SUBDISTRICTS,
           "uncoded": UNCODED}
"""The report's tables across sessions, by name (in docs/TABLES.md in this order)."""

# The per-session tables as the report's CSV files show them (their columns never change),
# and the order of a session's rows (sessions themselves go by date, then id).
REPORT_FLAT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sessions": (("session_id", "group", "village", "subdistrict", "regency", "province",
                  "start_date", "end_date", "participants", "cards", "categories",
                  "region_code"), ()),
    "participants": (("session_id", "attribute", "value", "count"), ("attribute", "value")),
    "cards": (("session_id", "card_id", "kind", "colour", "category_id", "text"),
              ("card_id",)),
    "categories": (("session_id", "category_id", "title", "title_key", "cards", "votes",
                    "score"), ("category_id",)),
    "ranking": (("session_id", "category_id", "rank", "score", "tied", "priority"), ("seq",)),
    "actions": (("session_id", "action_id", "category_id", "action", "responsible", "when",
                 "status"), ("action_id",)),
    "capacity": (("session_id", "rater", "competency", "phase", "score", "raters"),
                 ("rater", "competency", "phase")),
}


def flat_query(name: str) -> str:
    """The rows of one per-session table in the report's order (sessions by date, then id).

    Reads ``ord_``, the chosen sessions' order made once by :func:`choose`.
    """
    cols, within = REPORT_FLAT[name]
    pick = ", ".join(f'x."{c}"' for c in cols)
    order = "".join(f', x."{c}"' for c in within)
    return (f"SELECT {pick} FROM {name} x JOIN ord_ o ON o.session_id = x.session_id "
            f"ORDER BY o.n{order}")


def run(con: Any, sql: str) -> list[list[Any]]:
    """The rows of a query, NULL shown as "" (as the report's tables always showed it)."""
    return [["" if v is None else v for v in row] for row in con.execute(sql).fetchall()]


def choose(con: Any, *, group_key: str = "", village_norm: str = "", since: Any = None,
           include_examples: bool = False) -> None:
    """Make ``sessions``, ``ranking``, ... the filtered views of the ``cache`` tables.

    ``group_key`` and ``village_norm`` are compared with the columns of the same name
    ("" means no filter); trashed sessions have no rows at all.
    """
    from mpa_tui.export.tables_schema import COLUMNS

    con.execute(
        "CREATE OR REPLACE TEMP TABLE sessions AS SELECT * FROM cache.sessions "
        "WHERE (? OR NOT is_example) AND (? = '' OR group_name_key = ?) "
        "AND (? = '' OR village_norm = ?) AND (CAST(? AS DATE) IS NULL "
        "OR report_date >= CAST(? AS DATE))",
        [include_examples, group_key, group_key, village_norm, village_norm, since, since])
    con.execute("CREATE OR REPLACE TEMP TABLE ord_ AS SELECT session_id, "
                "row_number() OVER (ORDER BY report_date, session_id) AS n FROM sessions")
    for name in COLUMNS:
        if name != "sessions":
            con.execute(f'CREATE OR REPLACE TEMP VIEW "{name}" AS SELECT * FROM cache."{name}" '
                        "WHERE session_id IN (SELECT session_id FROM sessions)")
