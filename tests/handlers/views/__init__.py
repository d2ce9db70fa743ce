"""The shared views: keyboards and their pages, sending, labels that fit a phone."""
