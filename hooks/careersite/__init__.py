"""The career-site engine: content model, domain rules and outputs, free of MkDocs."""
