"""The web layer: the only code that touches Flask's request, session and g."""
