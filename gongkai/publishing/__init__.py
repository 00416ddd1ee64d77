"""主动公开: items, catalogue, workflow and the registers that feed table 二."""
