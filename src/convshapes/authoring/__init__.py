"""Tools for the book's authors: generate exercises, execute notebooks, the website's execution cache, and the
runtimes the book is tested on with the behaviours every example shows on each of them."""
