"""Reading department spreadsheets (.xlsx, .xls, .csv) in the national catalogue template.

A leaf: it imports no app of the project, so both importers (the catalogue) and reform (the
batch lists) read sheets through it.
"""
