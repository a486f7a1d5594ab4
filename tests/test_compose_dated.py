"""A signed document without a 成文日期: the drafter hears it from `render`, not first from `check`."""

from __future__ import annotations

import io

import docx

from assistant.compose import compose_markup
from assistant.document.check import check_document
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup
from assistant.ledger.validate import workbook_from_dict
from assistant.templating import load_catalog

ROWS = [{"title": "开展主题团日活动", "metrics": [{"label": "主题团日活动", "value": 12, "unit": "次"}]}]


def test_a_signed_document_without_a_date_is_reported_with_the_field_to_fill() -> None:
    template = load_catalog().get("zs-shyk-baogao")
    undated = compose_markup(template, workbook_from_dict({"unit": "团区委", "achievements": ROWS}))
    said = [d for d in undated.diagnostics if d.rule == "date-missing"]
    assert len(said) == 1 and "“日期”" in said[0].message and "GB/T 9704 7.3.5" in said[0].message
    # what `wenmi check` then says of the written file is the same fault
    data = write_docx_bytes(parse_markup(undated.markup, source="t"))
    assert any("成文日期" in f.message for f in check_document(docx.Document(io.BytesIO(data))))
    dated = compose_markup(
        template, workbook_from_dict({"unit": "团区委", "fields": {"日期": "2023-01-08"}, "achievements": ROWS})
    )
    assert not [d for d in dated.diagnostics if d.rule == "date-missing"]
    data = write_docx_bytes(parse_markup(dated.markup, source="t"))
    assert not any("成文日期" in f.message for f in check_document(docx.Document(io.BytesIO(data))))
