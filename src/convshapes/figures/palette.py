"""The Okabe-Ito colour-blind-safe palette used by every figure in the book."""

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

AXIS_ROLE_COLOURS = {
    "batch": "#BBBBBB",
    "steps": OKABE_ITO["orange"],
    "height": OKABE_ITO["sky_blue"],
    "width": OKABE_ITO["bluish_green"],
    "depth": OKABE_ITO["yellow"],
    "channels": OKABE_ITO["reddish_purple"],
    "features": OKABE_ITO["blue"],
}
OTHER_AXIS_COLOUR = "#DDDDDD"
