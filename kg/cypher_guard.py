"""What ``kg cypher`` refuses before a statement reaches Neo4j: reading files and the network,
administration, and other people's transactions.

A READ session already stops writes to the graph, but not everything a read may do: ``LOAD CSV``
reads files on the server and fetches URLs, ``TERMINATE TRANSACTIONS`` ends another session's
query, ``SHOW TRANSACTIONS`` shows other users' queries, and procedures reach further still. So the
statement is read here first, with its strings, comments and quoted names set aside, and refused
with one sentence when it does any of these. Procedures are allowed by name only (the schema and
full-text look-ups a reader needs); functions outside Cypher's own (``apoc.*`` and the like) are
refused too.

>>> check_statement("MATCH (p:Person) RETURN p.name LIMIT 5")
>>> check_statement("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row")
Traceback (most recent call last):
...
kg.errors.StatementRefused: LOAD CSV reads files and URLs from the server, which kg cypher does not allow
"""

from __future__ import annotations

import re

from kg.errors import StatementRefused

#: Procedures a reader may call: the schema and the full-text name search.
ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships",
)

_TOKEN = re.compile(
    r"""(?P<skip>//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z)|`(?:[^`]|``)*(?:`|\Z))"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)|(?P<other>\S)""",
    re.DOTALL,
)

#: (words in a row, the sentence that refuses them); matched on the statement's words, in capitals.
_REFUSED = [
    (("LOAD", "CSV"), "LOAD CSV reads files and URLs from the server, which kg cypher does not allow"),
    (("TERMINATE",), "TERMINATE ends other sessions' transactions; kg cypher does not administer the server"),
    (("IN", "TRANSACTIONS"), "CALL { … } IN TRANSACTIONS commits batches of its own; kg cypher runs one read-only statement"),
    (("IN", "CONCURRENT", "TRANSACTIONS"), "CALL { … } IN TRANSACTIONS commits batches of its own; kg cypher runs one read-only statement"),
]
#: What may follow SHOW: the graph's own indexes, constraints, procedures and functions.
_SHOWABLE = {
    "INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "ALL",
    "UNIQUE", "UNIQUENESS", "EXISTENCE", "EXIST", "NODE", "RELATIONSHIP", "REL", "PROPERTY", "KEY", "PROCEDURE", "PROCEDURES",
    "FUNCTION", "FUNCTIONS", "BUILT", "BTREE",
}
#: Administration commands: a verb followed by what it changes.
_ADMIN_VERBS = {"CREATE", "DROP", "ALTER", "GRANT", "DENY", "REVOKE", "START", "STOP", "RENAME", "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"}
_ADMIN_OBJECTS = {
    "USER", "USERS", "ROLE", "ROLES", "DATABASE", "DATABASES", "ALIAS", "ALIASES", "SERVER", "SERVERS", "PRIVILEGE", "PRIVILEGES",
    "CONSTRAINT", "CONSTRAINTS", "INDEX", "INDEXES", "COMPOSITE", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR",
    "OR", "IMMUTABLE", "BTREE", "ALL", "TRAVERSE", "READ", "MATCH", "WRITE", "ACCESS", "EXECUTE",
}
#: Namespaces of procedures and functions that reach outside the graph.
_OUTSIDE = ("APOC", "DBMS", "GDS", "DB", "TX")


def check_statement(query: str) -> None:
    """Raise :class:`StatementRefused` (one sentence) if the statement reaches outside reading the graph."""
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(query) if m.lastgroup != "skip"]
    words = [re.sub(r"\s+", "", text) if kind == "word" else text for kind, text in tokens]
    upper = [word.upper() for word in words]
    for at, word in enumerate(upper):
        after = upper[at + 1] if at + 1 < len(upper) else ""
        before = upper[at - 1] if at else ""
        for sequence, sentence in _REFUSED:
            if tuple(upper[at : at + len(sequence)]) == sequence:
                raise StatementRefused(sentence)
        if word == "SHOW" and after not in _SHOWABLE:
            what = "TRANSACTIONS" if after.startswith("TRANSACTION") else words[at + 1] if after else ""
            if what == "TRANSACTIONS":
                raise StatementRefused("SHOW TRANSACTIONS lists other users' queries; kg cypher does not show them")
            raise StatementRefused(f"SHOW {what} is administration; kg cypher only shows the graph's indexes, constraints and procedures")
        if word == "USE" and before in ("", "{", "UNION", "ALL", ";"):
            raise StatementRefused("USE switches to another database; kg cypher reads the one kg loads (set NEO4J_DATABASE)")
        if word in _ADMIN_VERBS and after in _ADMIN_OBJECTS and (word != "CREATE" or before in ("", ";")):
            raise StatementRefused(f"{words[at]} {words[at + 1]} changes the server; kg cypher only reads (kg load applies the schema)")
        if "." in word and (before == "CALL" or after == "("):
            name = words[at]
            if before == "CALL" and name.lower() not in ALLOWED_PROCEDURES:
                raise StatementRefused(f"procedure {name} is not one kg cypher calls (it calls only {', '.join(_SHOWN_PROCEDURES)})")
            if before != "CALL" and word.split(".")[0] in _OUTSIDE:
                raise StatementRefused(f"function {name} reaches outside the graph; kg cypher does not call it")


_SHOWN_PROCEDURES = ["db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.*", "db.index.fulltext.query*"]
