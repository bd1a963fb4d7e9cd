"""A QR code drawn on the server as inline SVG, black on white whatever the page's colours. Only the
authenticator app's set-up page imports this module, so only it loads segno."""

import segno
from markupsafe import Markup

# Pixels per module: a 33-module code (with its quiet zone) is 164 px, easy to scan off a phone's screen.
MODULE_SIZE = 4


def qr_code_svg(text: str, description: str) -> Markup:
    """`text` as a QR code; `description` its text alternative, escaped by segno into the SVG's title."""
    drawing = segno.make(text, error="m").svg_inline(
        scale=MODULE_SIZE, dark="#000", light="#fff", title=description, svgclass="qr-code"
    )
    # segno writes the markup and escapes the title itself.
    return Markup(drawing.replace("<svg ", '<svg role="img" ', 1))
