"""Rich text keeps what H5P core's validateText keeps: p, div, span and br always, the tags
the field's semantics list, text alignment everywhere and the font styles the field enables;
everything else goes."""

from elearning.h5p.package.sanitise import sanitise_params

SEMANTICS = [
    {"name": "question", "type": "text", "widget": "html", "tags": ["strong", "em"]},
    {
        "name": "intro",
        "type": "text",
        "widget": "html",
        "tags": ["strong", "table"],
        "font": {"color": True},
    },
]


def clean(**params):
    return sanitise_params(params, SEMANTICS, lambda name: None)


def test_paragraphs_line_breaks_and_alignment_stay():
    text = '<p style="text-align: center">Một</p><div>Hai<br>Ba</div><span>Bốn</span>'
    assert clean(question=text)["question"] == (
        '<p style="text-align: center;">Một</p><div>Hai<br>Ba</div><span>Bốn</span>'
    )


def test_styles_beyond_what_the_field_enables_are_dropped():
    text = '<p style="position: fixed; text-align: right; color: #ff0000">x</p>'
    assert clean(question=text)["question"] == '<p style="text-align: right;">x</p>'
    assert clean(intro=text)["intro"] == '<p style="text-align: right; color: #ff0000;">x</p>'


def test_style_values_must_match_whole_and_scripts_go():
    text = (
        '<p style="color: red; background: url(javascript:alert(1))">x</p>'
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">y</a>'
    )
    assert clean(intro=text)["intro"] == "<p>x</p>y"


def test_tables_get_their_parts_and_styles_where_the_field_allows_tables():
    text = '<table style="width: 100%"><tr><td style="padding: 4px">1</td></tr></table>'
    assert clean(intro=text)["intro"] == (
        '<table style="width: 100%;"><tbody><tr><td style="padding: 4px;">1</td></tr></tbody>'
        "</table>"
    )
    assert "<table" not in clean(question=text)["question"]
