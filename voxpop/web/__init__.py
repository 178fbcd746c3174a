"""The web app and the JSON API (FastAPI, Jinja2 + HTMX, assets served by the app itself).

``create_app(store)`` builds the ASGI app; ``voxpop serve`` runs it (voxpop/web/cli.py).
"""

from voxpop.web.app import create_app

__all__ = ["create_app"]
