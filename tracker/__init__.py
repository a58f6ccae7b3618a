"""Advocacy Tracker: are the asks we put to governments being met?

The package holds all the logic (store, queries, figures, CLI); the Streamlit pages only call it.
"""

__version__ = "0.1.0"
