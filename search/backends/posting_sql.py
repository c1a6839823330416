"""The database backend's matching query, written as one SQL statement.

Per document it sums, for each clause of a rung, how many of the clause's terms occur and
their BM25-like score, and keeps the documents that satisfy a clause. Built with the ORM
this statement took tens of milliseconds of Python to compile on every search (a Case per
term and clause); as text it costs nothing to build and runs the same on SQLite and
PostgreSQL (standard SQL; the outer select makes HAVING's aliases portable).
"""

from django.db import connection

from ..models import SearchDocument, SearchPosting


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def matching(clauses, idf, columns, allowed=None):
    """(sql, params) selecting page_id, `columns`, then c<i>_hits and c<i>_score for each
    clause, for the documents satisfying a clause with required terms; `clauses` are
    (kind, terms, required); `allowed` is an optional (sql, params) subquery of page ids."""
    quote = connection.ops.quote_name
    postings, documents = quote(SearchPosting._meta.db_table), quote(SearchDocument._meta.db_table)
    page, document = quote("page_id"), quote("document_id")
    select = [f"d.{page}", *(f"d.{quote(c)}" for c in columns)]
    params = []
    for i, (kind, terms, _required) in enumerate(clauses):
        select.append(f"SUM(CASE WHEN p.kind = %s AND p.term IN ({_placeholders(terms)}) "
                      f"THEN 1 ELSE 0 END) AS c{i}_hits")  # fmt: skip
        params += [kind, *terms]
        scored = [t for t in terms if (t, kind) in idf]
        if scored:
            whens = " ".join("WHEN p.term = %s THEN p.weight * %s" for _t in scored)
            select.append(f"SUM(CASE WHEN p.kind = %s THEN CASE {whens} ELSE 0 END ELSE 0 END) "
                          f"AS c{i}_score")  # fmt: skip
            params += [kind, *(v for t in scored for v in (t, idf[(t, kind)]))]
        else:
            select.append(f"0.0 AS c{i}_score")
    by_kind = {}
    for kind, terms, _required in clauses:
        by_kind.setdefault(kind, set()).update(terms)
    where = " OR ".join(f"(p.kind = %s AND p.term IN ({_placeholders(terms)}))"
                        for terms in by_kind.values())  # fmt: skip
    for kind, terms in by_kind.items():
        params += [kind, *sorted(terms)]
    where = f"({where})"
    if allowed is not None:
        where += f" AND d.{page} IN ({allowed[0]})"
        params += list(allowed[1])
    having = " OR ".join(f"c{i}_hits >= %s" for i, (_k, _t, r) in enumerate(clauses) if r)
    params += [r for _k, _t, r in clauses if r]
    sql = (
        f"SELECT * FROM (SELECT {', '.join(select)} FROM {postings} p "
        f"JOIN {documents} d ON d.{page} = p.{document} WHERE {where} GROUP BY d.{page}) m "
        f"WHERE {having}"
    )
    return sql, params


def frequencies(terms_by_kind):
    """(sql, params): how many documents hold each (term, kind)."""
    postings = connection.ops.quote_name(SearchPosting._meta.db_table)
    parts, params = [], []
    for kind, terms in terms_by_kind.items():
        if terms:
            parts.append(f"(kind = %s AND term IN ({_placeholders(terms)}))")
            params += [kind, *sorted(terms)]
    where = " OR ".join(parts)
    return f"SELECT term, kind, COUNT(*) FROM {postings} WHERE {where} GROUP BY term, kind", params
