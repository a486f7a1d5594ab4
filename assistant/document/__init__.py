"""The 公文 document stack: markup, the document model, the GB/T 9704 writer and paginator, the
title breaker, the text preview and the checker of any .docx.

It knows nothing of workbooks (台账), templates or the phrase bank: everything here works on
markup text or a .docx, whoever wrote it.
"""
