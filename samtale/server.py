"""Running Samtale under gunicorn from `samtale serve`."""

from __future__ import annotations

import gc

from gunicorn.app.base import BaseApplication


class SamtaleServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """The app, loaded once in the master before the workers fork (preload_app)."""
        from samtale import create_app
        from samtale.db import open_db, refresh_statistics

        app = create_app()
        database = open_db(app.config["DATABASE"])
        refresh_statistics(database)
        database.close()
        # Import WeasyPrint now, so that no worker pays half a second for it on the first
        # PDF export and every worker shares it; then move everything loaded so far out
        # of the garbage collector's sight, so collections in the workers do not walk
        # (and copy) the app's long-lived objects.
        import samtale.export.pdf  # noqa: F401

        gc.freeze()
        return app


def run(host: str, port: int, workers: int) -> None:
    SamtaleServer(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "timeout": 60,
            "graceful_timeout": 20,
            "preload_app": True,
            # Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads
            # new connections over them. With one shared socket, the first worker to wake
            # accepts a whole burst of keep-alive connections and the other stays idle.
            "reuse_port": True,
            "errorlog": "-",
            "loglevel": "info",
            "control_socket_disable": True,
        }
    ).run()
