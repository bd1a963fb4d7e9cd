"""A claim is stored as one map attribute, `claim`: its holder (subject and name) and until when. Items
written before kept it flat (`claimed_by`, `claimed_by_name`, `claim_until`); they still read."""

from typing import Any


def with_claim(attributes: dict[str, Any]) -> dict[str, Any]:
    """The stored attributes with a flat, older claim read as a `claim`; any other item as it is."""
    holder, until = attributes.get("claimed_by"), attributes.get("claim_until")
    if "claim" in attributes or not holder or not until:
        return attributes
    # A recommendation's older claim named its holder by email alone, so no subject will match it: it
    # keeps everyone out, its holder too, until its lease lapses.
    name = attributes.get("claimed_by_name") or holder
    return {**attributes, "claim": {"holder": {"id": holder, "name": name}, "until": until}}
