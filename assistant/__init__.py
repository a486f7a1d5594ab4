"""wenmi (文秘): turns a unit's achievements into GB/T 9704-2012 official documents."""

__version__ = "0.1.0"
