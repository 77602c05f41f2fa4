"""Example plans of the synthetic region: a measure table and an organisation tree.

``klimatkalk/data/example_measures.csv`` lists nine planned measures of Region Exempelland
(fuel switches, fewer flights, solar panels, nitrous-oxide destruction, purchases) with yearly
costs in SEK; ``klimatkalk/data/example_org_tree.csv`` its organisation, verksamhet →
förvaltning → region. Both are **synthetic** (``klimatkalk/data/example_plans.md`` gives the
assumptions) and are read with :func:`~klimatkalk.io.planning.read_measures` and
:func:`~klimatkalk.io.planning.read_org_tree`, exactly as a user's files would be.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from klimatkalk.io.planning import read_measures, read_org_tree
from klimatkalk.plans import Measure, OrgTree

__all__ = ["load_example_measures", "load_example_org_tree"]


def load_example_measures() -> list[Measure]:
    """Load the synthetic example region's planned measures.

    Returns
    -------
    list of Measure
        Nine measures, in the order of ``example_measures.csv``.

    Examples
    --------
    >>> from klimatkalk.io.example_plans import load_example_measures
    >>> [m.kind for m in load_example_measures()][:3]
    ['switch', 'switch', 'change_pct']
    """
    with as_file(files("klimatkalk").joinpath("data", "example_measures.csv")) as path:
        return read_measures(path)


def load_example_org_tree() -> OrgTree:
    """Load the synthetic example region's organisation tree.

    Returns
    -------
    OrgTree
        Region Exempelland, four förvaltningar and the eight verksamheter of the example data.

    Examples
    --------
    >>> from klimatkalk.io.example_plans import load_example_org_tree
    >>> tree = load_example_org_tree()
    >>> tree.levels()
    ['region', 'förvaltning', 'verksamhet']
    >>> tree.at_level("Tandvård", "förvaltning")
    'Folktandvården'
    """
    with as_file(files("klimatkalk").joinpath("data", "example_org_tree.csv")) as path:
        return read_org_tree(path)
