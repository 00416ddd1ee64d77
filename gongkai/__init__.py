"""Gongkai (公开): 政府信息公开 work and its statutory annual report."""

__version__ = "0.1.0"
