"""Web plumbing shared by the data and control planes: bodies in, problems out."""
