"""The scan-order figure numbers each pixel with its step and traces the scan path."""

from convshapes import figures


def cell_labels(figure):
    """The big step numbers drawn in the cells (the small feature labels start with 'feat')."""
    return [
        text.get_text() for text in figure.axes[0].texts if text.get_text() and not text.get_text().startswith("feat")
    ]


def test_the_raster_picture_numbers_each_pixel_with_a_different_step():
    figure = figures.draw_scan_order(3, 4, order="raster")
    assert sorted(cell_labels(figure), key=int) == [str(step) for step in range(12)]


def test_the_column_picture_numbers_each_column_with_its_step_once_per_row():
    figure = figures.draw_scan_order(3, 4, order="columns")
    labels = cell_labels(figure)
    assert len(labels) == 12 and all(labels.count(str(column)) == 3 for column in range(4))


def test_the_column_picture_labels_each_row_with_its_feature_range():
    figure = figures.draw_scan_order(3, 4, order="columns", channels=2)
    feature_labels = {text.get_text() for text in figure.axes[0].texts if text.get_text().startswith("feat")}
    assert feature_labels == {"feat 0-1", "feat 2-3", "feat 4-5"}


def test_the_scan_path_visits_every_pixel_in_raster_order_and_every_column_in_column_order():
    raster_line = figures.draw_scan_order(3, 4, order="raster").axes[0].lines[0]
    column_line = figures.draw_scan_order(3, 4, order="columns").axes[0].lines[0]
    assert len(raster_line.get_xdata()) == 12 and len(column_line.get_xdata()) == 4


def test_the_picture_stays_within_the_book_figure_size():
    width, height = figures.draw_scan_order(40, 40).get_size_inches()
    assert width <= 9 and height <= 4.2
