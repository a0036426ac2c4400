"""What the decoder computes from a message's numbers, one module per group of families.

The pattern table (``data/decoder.toml``) names these functions as ``module.function``. Each takes the facts
read from a message (strings) and returns text: ``derive_*`` returns more facts for the table's conditions,
``read_*`` the sentence that says what the message means, and the others the fix of one cause.
"""
