"""A child process for the start-up and memory benchmarks (run by bench_startup/bench_memory).

    probe_app.py bare                      a bare Textual app: one screen with one Static
    probe_app.py mpa DATA_DIR              the real ``mpa`` command (cli.main), headless
    probe_app.py open DATA_DIR ID STEP     the app with a session open at STEP (memory)

Textual's ``App.run`` is wrapped to run headless at 80x24; when the first screen that
matters (a bare screen, the home screen, the step screen) has mounted AND been painted
once, the child prints ``@@READY <unix time> <peak RSS KB>`` and exits. The parent takes
its own clock before spawning, so the figure is process start to the screen up.
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any

from textual.app import App


def _ready(app: Any) -> None:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    print(f"@@READY {time.time():.6f} {rss}", flush=True)
    app.exit()


def _headless() -> None:
    real = App.run

    def run(self: App[Any], *args: Any, **kw: Any) -> Any:
        kw["headless"] = True
        kw.setdefault("size", (80, 24))
        return real(self, *args, **kw)

    App.run = run  # type: ignore[method-assign]


def _when_painted(cls: type) -> None:
    """Make ``cls`` report readiness after its first paint following mount."""
    real = cls.on_mount  # type: ignore[attr-defined]

    # No event parameter: Textual passes the Mount event only to handlers that take one.
    def on_mount(self: Any) -> Any:
        out = real(self)
        self.call_after_refresh(_ready, self.app)
        return out

    cls.on_mount = on_mount  # type: ignore[attr-defined]


def bare() -> int:
    from textual.app import ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class Home(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Static("Beranda")

        def on_mount(self) -> None:
            pass

    class Bare(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Home())

    _when_painted(Home)
    _headless()
    Bare().run()
    return 0


def mpa(data_dir: str) -> int:
    from mpa_tui.tui.screens.home import HomeScreen

    _when_painted(HomeScreen)
    _headless()
    from mpa_tui.cli import main

    return main(["--data-dir", data_dir])


def open_session(data_dir: str, session_id: str, step: int) -> int:
    from mpa_tui.domain import Step
    from mpa_tui.store import Store
    from mpa_tui.tui.app import make_app
    from mpa_tui.tui.screens import step_screens

    _when_painted(step_screens()[Step(step)])
    _headless()
    with Store.open(data_dir) as store:
        make_app(store=store, session_id=session_id).run()
    return 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        sys.exit(bare())
    if mode == "mpa":
        sys.exit(mpa(sys.argv[2]))
    sys.exit(open_session(sys.argv[2], sys.argv[3], int(sys.argv[4])))
