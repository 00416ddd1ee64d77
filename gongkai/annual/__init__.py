"""The annual report built from the records: compute, draft, check, approve, publish, roll up."""
