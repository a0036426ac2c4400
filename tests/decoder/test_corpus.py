"""The decoder recognises the real messages of every family and claims none of the look-alikes."""

import re
from collections import Counter, defaultdict

import pytest
from corpus_files import CORPUS, LOOKALIKES, is_public

from convshapes.decoder.explain import explain, recognise
from convshapes.decoder.families import FAMILIES, normalise

FAMILY_IDS = [family.id for family in FAMILIES]
RECORDS_BY_FAMILY = defaultdict(list)
for record in CORPUS:
    RECORDS_BY_FAMILY[record["family"]].append(record)


def test_every_record_names_a_family_a_wording_a_source_and_the_message():
    for record in CORPUS:
        assert set(record) == {"family", "wording", "source", "message"}, record
        assert record["family"] in FAMILY_IDS
        assert is_public(record) or record["source"].startswith("reproduced with "), record["source"]


def test_every_family_has_corpus_records_and_most_have_three_public_ones():
    public = Counter(record["family"] for record in CORPUS if is_public(record))
    assert set(RECORDS_BY_FAMILY) == set(FAMILY_IDS)
    # Public threads quoting these four were too few to find three each; the report names the gap.
    thin = {"input-shape-warning", "reshape-arguments", "function-in-sequential", "loss-rank"}
    assert {family for family in FAMILY_IDS if public[family] < 3} <= thin, public


@pytest.mark.parametrize("family", FAMILY_IDS)
def test_the_decoder_recognises_at_least_95_percent_of_a_familys_corpus(family):
    records = RECORDS_BY_FAMILY[family]
    found = [(record, recognise(record["message"])) for record in records]
    misses = [
        f"{record['source']}: got {match and match.family.id}"
        for record, match in found
        if not match or match.family.id != family
    ]
    assert len(misses) <= 0.05 * len(records), "\n".join(misses)


def test_every_recognised_record_gets_a_cause_a_fix_and_a_link():
    for record in CORPUS:
        explanation = explain(record["message"])
        assert explanation.cause and explanation.fix, record["source"]
        assert explanation.link.endswith(f".html#{explanation.anchor}")


@pytest.mark.parametrize("record", LOOKALIKES, ids=[record["reason"][:50] for record in LOOKALIKES])
def test_a_lookalike_is_not_claimed(record):
    assert recognise(record["message"]) is None, record["reason"]


def test_no_message_of_the_corpus_matches_two_families():
    for record in CORPUS:
        text = normalise(record["message"])
        matching = {
            family.id
            for family in FAMILIES
            for wording in family.wordings
            if re.search(wording.pattern, text, re.IGNORECASE)
        }
        assert len(matching) == 1, (record["source"], matching)
