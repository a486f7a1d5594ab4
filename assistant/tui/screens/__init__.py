"""The four main screens (one per mode): achievements, templates, compose, phrases."""
