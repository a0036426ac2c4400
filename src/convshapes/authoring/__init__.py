"""Tools for the book's authors: generate exercises, execute notebooks, and the website's execution cache."""
