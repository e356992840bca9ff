"""Account-controlled text made safe for a terminal: control characters shown, not obeyed."""

from __future__ import annotations

import unicodedata


def safe(text: object) -> str:
    """`text` with control and format characters replaced by visible escapes (`\\x1b`)."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") and char != " ":
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)
