"""Recommendation text, written in Markdown, as HTML that carries none of its author's markup or scripts."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chalicelib.domain.recommendation_records import paragraphs_of, same_paragraph

if TYPE_CHECKING:
    from markupsafe import Markup

LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Block:
    """A top-level block of the rendered text, and the notes (by index) to show right after it."""

    html: "Markup"
    notes: tuple[int, ...]


@dataclass(frozen=True)
class AnnotatedText:
    blocks: tuple[Block, ...]
    unplaced: tuple[int, ...]


def rendered_markdown(text: str, top_heading: int = 2) -> "Markup":
    """Markup safe to place in a page: raw HTML shown as text, links only to the web or an email address,
    and the text's first heading level at `top_heading`, so the page keeps its one h1."""
    from markupsafe import Markup

    parser = _parser()
    return Markup(parser.renderer.render(_tokens(text, top_heading), parser.options, {}))


def annotated_markdown(text: str, quotes: Sequence[str | None], top_heading: int = 2) -> AnnotatedText:
    """The text as `rendered_markdown` draws it, block by block, each quoted paragraph in <mark> described
    by its note (`note-<index>`), and each note placed after the block that holds its paragraph; notes
    whose quote is not a paragraph of the text are `unplaced`."""
    from markdown_it.token import Token
    from markupsafe import Markup

    parser = _parser()
    tokens = _tokens(text, top_heading)
    paragraphs = paragraphs_of(text)
    spans = {
        index: next(((p.first_line, p.end_line) for p in paragraphs if same_paragraph(p.text, quote)), None)
        for index, quote in enumerate(quotes)
        if quote
    }
    placed = {index: span for index, span in spans.items() if span is not None}
    rendered: list[tuple[Markup, tuple[int, int]]] = []
    start = 0
    for end, token in enumerate(tokens, start=1):
        if token.type == "inline" and token.map and token.children is not None:
            marking = [index for index, span in placed.items() if _overlap(token.map, span)]
            if marking:
                described = " ".join(f"note-{index}" for index in marking)
                token.children = [
                    Token("html_inline", "", 0, content=f'<mark aria-describedby="{described}">'),
                    *token.children,
                    Token("html_inline", "", 0, content="</mark>"),
                ]
        if token.level != 0 or token.nesting == 1:
            continue
        lines = [line for item in tokens[start:end] if item.map for line in item.map]
        html = Markup(parser.renderer.render(tokens[start:end], parser.options, {}))
        rendered.append((html, (min(lines), max(lines)) if lines else (0, 0)))
        start = end
    last_block = {
        index: max((at for at, (_, lines) in enumerate(rendered) if _overlap(lines, span)), default=None)
        for index, span in placed.items()
    }
    blocks = tuple(
        Block(html, tuple(index for index, block in last_block.items() if block == at))
        for at, (html, _) in enumerate(rendered)
    )
    shown = {index for block in blocks for index in block.notes}
    return AnnotatedText(blocks, tuple(index for index in range(len(quotes)) if index not in shown))


def _overlap(lines: Sequence[int], span: tuple[int, int]) -> bool:
    return lines[0] < span[1] and span[0] < lines[1]


def _tokens(text: str, top_heading: int) -> list[Any]:
    tokens = _parser().parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + top_heading - 1, 6)}"
    return list(tokens)


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
