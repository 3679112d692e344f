"""The `ztai` command line: parse, call a service, print."""
