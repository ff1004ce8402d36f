"""Stories: group articles about the same event and summarize each group across its sources."""
