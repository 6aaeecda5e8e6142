"""Interoperability: the model out to the tools people already use, and other tools' data in.

Exports (each returns `str` or `bytes` and writes nothing; `export.export` picks one by name):
`graph_formats` (GraphML for yEd, GEXF for Gephi, through networkx's writers), `node_link` (node-link JSON,
documented and versioned, which `govgraph import json` reads back), `jsonld` (JSON-LD in the W3C Organization
Ontology), `tables` (bodies, relations and a membership matrix as Excel-safe CSV) and `cypher` (a script for
Neo4j or Memgraph). `selection` cuts a model down to a view, as `govgraph render` draws one.

Imports (each returns an `importing.Imported`: the YAML text of a new model and findings about the input):
`organogram` (UK government organogram CSVs), `backstage` (Backstage catalog groups and users) and
`node_link`. `document` turns a model back into the plain data of its file, which both the exports and the
YAML writer (`govgraph.loading.writer`) use.
"""

from __future__ import annotations
