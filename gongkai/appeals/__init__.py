"""行政复议 and 行政诉讼 cases about applications; they feed table 四."""
