"""Pure records shared by every plane; imports no framework."""
