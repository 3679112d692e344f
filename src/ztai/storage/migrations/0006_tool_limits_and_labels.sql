-- Per-tool governance set at review: the most sensitive argument label, usage limits and
-- how long a call needing approval is held (NULL: the tier's default from settings).
ALTER TABLE mcp_tools ADD COLUMN max_label TEXT;
ALTER TABLE mcp_tools ADD COLUMN calls_per_minute BIGINT;
ALTER TABLE mcp_tools ADD COLUMN calls_per_day BIGINT;
ALTER TABLE mcp_tools ADD COLUMN approval_wait_seconds BIGINT;
-- The DLP label of a held call's arguments, shown to approvers instead of the values.
ALTER TABLE approvals ADD COLUMN label TEXT;
