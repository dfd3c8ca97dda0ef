"""GraphiQL from this server's own files (development mode only), so it works without internet:
strawberry's page loads React and GraphiQL from unpkg.com, a blank page offline. The files in
api/static/graphiql are the npm packages' builds of the exact versions strawberry's page names
(its subresource-integrity hashes still check them); their licences are beside them."""

from functools import cached_property
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from strawberry.fastapi import GraphQLRouter

ASSETS = Path(__file__).parent / "static" / "graphiql"
PREFIX = "/graphiql-assets"
_LOCAL = {
    "https://unpkg.com/react@18.2.0/umd/": f"{PREFIX}/",
    "https://unpkg.com/react-dom@18.2.0/umd/": f"{PREFIX}/",
    "https://unpkg.com/js-cookie@3.0.5/dist/": f"{PREFIX}/",
    "https://unpkg.com/graphiql@3.8.3/": f"{PREFIX}/",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": f"{PREFIX}/plugin-explorer.css",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": f"{PREFIX}/plugin-explorer.umd.js",
}


def local_page(html: str) -> str:
    for remote, local in _LOCAL.items():
        html = html.replace(remote, local)
    if "unpkg.com" in html:  # a strawberry upgrade changed its page: update the vendored files
        raise RuntimeError("GraphiQL page still names unpkg.com; re-vendor api/static/graphiql")
    return html


class LocalGraphiQLRouter(GraphQLRouter):
    @cached_property
    def graphql_ide_html(self) -> str:  # type: ignore[override]
        return local_page(super().graphql_ide_html)


def mount_assets(api: FastAPI) -> None:
    api.mount(PREFIX, StaticFiles(directory=ASSETS), name="graphiql-assets")
