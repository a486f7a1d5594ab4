"""Remove characters that XML 1.0 (and so .docx) cannot hold, and say what was removed."""

from __future__ import annotations

import re

# C0 controls except tab (\t) and newline (\n, \r); also lone surrogates and U+FFFE/FFFF.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_invalid(text: str) -> tuple[str, int]:
    """Return the text without XML-invalid characters, and how many were removed.

    A vertical tab (\\x0b, what Word pastes for a manual line break) becomes nothing.
    """
    cleaned, n = _BAD.subn("", text)
    return cleaned, n
