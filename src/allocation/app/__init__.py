"""The Streamlit planner app (Dutch by default): `allocation app` runs main.py with `streamlit run`.

Its modules import one another as allocation.app.*; the pages under views/ are Streamlit page scripts.
"""
