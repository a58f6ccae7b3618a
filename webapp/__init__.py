"""The Streamlit front end. Pages are thin: widgets in, a call into ``tracker``, output out."""
