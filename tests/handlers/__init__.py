"""Conversations with each feature through the real dispatcher, one file per module of ``handlers``."""
