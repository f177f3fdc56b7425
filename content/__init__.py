"""The guide as data: content files, their schema and loader."""
