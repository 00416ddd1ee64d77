"""The report engine: model, readers, checks and writers. Plain Python, no Django."""
