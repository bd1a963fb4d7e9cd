"""Recommendation text, written in Markdown, as HTML that carries none of its author's markup or scripts."""

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markupsafe import Markup

LINK_SCHEMES = ("http://", "https://", "mailto:")


def rendered_markdown(text: str, top_heading: int = 2) -> "Markup":
    """Markup safe to place in a page: raw HTML shown as text, links only to the web or an email address,
    and the text's first heading level at `top_heading`, so the page keeps its one h1."""
    from markupsafe import Markup

    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + top_heading - 1, 6)}"
    return Markup(parser.renderer.render(tokens, parser.options, {}))


@functools.cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).disable("image")
    parser.validateLink = _allowed_link  # type: ignore[method-assign]
    parser.add_render_rule("link_open", _author_link)
    return parser


def _allowed_link(url: str) -> bool:
    return url.lower().startswith(LINK_SCHEMES)


def _author_link(renderer: Any, tokens: list[Any], index: int, options: Any, env: Any) -> str:
    # Links in the text are the author's, not the agency's: search engines should not read them as endorsed.
    tokens[index].attrSet("rel", "nofollow ugc")
    return str(renderer.renderToken(tokens, index, options, env))
