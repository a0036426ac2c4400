"""text_table lines columns up under a header and a rule, two spaces apart."""

from convshapes.tables import text_table


def test_columns_are_as_wide_as_their_widest_cell_with_a_rule_under_the_header():
    assert text_table(("name", "n"), [("a", "10"), ("long name", "2")]) == (
        "name       n\n---------  --\na          10\nlong name  2"
    )


def test_right_aligned_columns_line_up_on_their_last_digit():
    assert text_table(("name", "n"), [("a", "10"), ("b", "2")], right_aligned=[1]).splitlines()[2:] == [
        "a     10",
        "b      2",
    ]


def test_trailing_spaces_are_dropped():
    assert all(line == line.rstrip() for line in text_table(("a", "b"), [("x", "")]).splitlines())
