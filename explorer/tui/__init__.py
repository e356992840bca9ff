"""The terminal app (Textual): walk chains, untrusted inputs, permissions and exposure offline."""
