"""The 台账 stack: the achievements workbook and everything about its figures.

- `workbook`: the model (Workbook, Achievement, Metric); imports none of the readers.
- `validate`: one pass over plain data that names every problem.
- `yamlfile`: YAML text in and out, comments and order kept.
- `files`: reading and saving by file type; `importers` reads Excel, CSV and .docx.
- `numfmt`, `figures`, `figcheck`: numbers per GB/T 15835, figure sentences, and the check that
  every figure reached a document.
- `categorize`: the category of an achievement, and content words.

It knows nothing of templates or composition.
"""
