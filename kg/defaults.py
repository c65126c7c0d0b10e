"""Defaults the library and the command line share, in a module light enough for ``kg --help``."""

#: A view with more nodes is pruned to its most connected part.
MAX_NODES = 400
#: The longest path ``path`` looks for unless asked otherwise (at most :data:`MAX_HOPS_LIMIT`).
MAX_HOPS = 6
MAX_HOPS_LIMIT = 10
#: Rows per ``UNWIND`` statement when loading Neo4j.
BATCH_SIZE = 5000
#: Batches ``kg load`` writes at once, each in a session of its own (the server runs a transaction on one core).
LOAD_WRITERS = 2
#: Organisations in a flow matrix given no names: the busiest ones.
TOP_FLOWS = 8
#: Organisations in a flow view given no names.
TOP_FLOWS_VIEW = 25
