"""Recommendation text is written in Markdown: it becomes HTML that can carry none of its author's markup,
no link but to the web or an email address, and no heading that competes with the page's own."""

from chalicelib.web.markdown import annotated_markdown, rendered_markdown


def test_raw_html_in_the_text_is_shown_as_text():
    html = rendered_markdown('<script>alert(1)</script><img src=x onerror="alert(2)">')

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_javascript_link_is_left_as_text_and_is_no_link():
    html = rendered_markdown("[Click here](javascript:alert(1)) and [again](JavaScript:alert(2))")

    assert "<a" not in html
    assert "[Click here](javascript:alert(1))" in html


def test_a_reference_or_autolink_to_another_scheme_is_no_link():
    html = rendered_markdown("[data][d] <vbscript:msgbox(1)>\n\n[d]: data:text/html;base64,PHNjcmlwdD4=")

    assert "<a" not in html


def test_web_and_email_links_stay_links_and_are_marked_as_the_author_s():
    html = rendered_markdown("See [the rule](https://dese.mo.gov/msip) or <mailto:msip@example.org>.")

    assert '<a href="https://dese.mo.gov/msip" rel="nofollow ugc">the rule</a>' in html
    assert '<a href="mailto:msip@example.org" rel="nofollow ugc">' in html


def test_a_link_within_the_site_without_a_scheme_is_no_link():
    assert "<a" not in rendered_markdown("[home](/) and [there](../teams)")


def test_headings_start_below_the_page_s_own_heading_and_never_pass_h6():
    html = rendered_markdown("# Why\n\n## How\n\n###### Detail", top_heading=2)

    assert "<h1" not in html
    assert "<h2>Why</h2>" in html and "<h3>How</h3>" in html and "<h6>Detail</h6>" in html


def test_images_are_not_shown_since_the_site_loads_none_from_elsewhere():
    html = rendered_markdown("![chart](https://example.org/chart.png)")

    assert "<img" not in html


def test_paragraphs_lists_and_emphasis_are_kept():
    html = rendered_markdown("Publish *growth*.\n\n- every building\n- every year")

    assert "<em>growth</em>" in html and "<li>every building</li>" in html


TEXT = "# Growth\nFor every\nbuilding.\n\n- Recess\n\n- Lunch\n\n  and more\n\nLast words."


def test_the_annotated_text_reads_exactly_as_the_rendered_text_when_nothing_is_quoted():
    annotated = annotated_markdown(TEXT, [])

    assert "".join(block.html for block in annotated.blocks) == rendered_markdown(TEXT)
    assert all(block.notes == () for block in annotated.blocks)


def test_a_quoted_paragraph_is_marked_and_its_note_follows_the_last_block_it_spans():
    annotated = annotated_markdown(TEXT, ["# Growth For every building.", "- Lunch"])
    html = [str(block.html) for block in annotated.blocks]

    assert html[0] == '<h2><mark aria-describedby="note-0">Growth</mark></h2>\n'
    assert html[1] == '<p><mark aria-describedby="note-0">For every\nbuilding.</mark></p>\n'
    assert '<p><mark aria-describedby="note-1">Lunch</mark></p>\n<p>and more</p>' in html[2]
    assert [block.notes for block in annotated.blocks] == [(), (0,), (1,), ()]
    assert annotated.unplaced == ()


def test_a_note_without_a_quote_or_with_a_quote_not_in_the_text_is_unplaced():
    annotated = annotated_markdown(TEXT, [None, "Words that are not there."])

    assert "<mark" not in "".join(block.html for block in annotated.blocks)
    assert annotated.unplaced == (0, 1)
